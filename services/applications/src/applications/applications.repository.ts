import { Injectable } from '@nestjs/common';
import { Application, ApplicationStatusChange, Certification, containsPattern, entitiesFrom, preparedQuery, Programme, Startup, type ApplicationState, type StatusReasonCode } from '@exchange/data';
import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { CREATED_AT_ID, Keyset } from '@exchange/platform';

export interface ApplicationListFilter {
  startupId?: string;
  programmeIds?: string[];
  programmeId?: string;
  state?: ApplicationState;
  /** Part of the startup's name or Latin name, any case. */
  q?: string;
}

/** What submitting needs, read in one round trip inside the submitting transaction. */
export interface SubmissionContext {
  application: Application;
  programme: Programme;
  startup: Startup;
  certifications: Certification[];
  /** The startup graduated from a cohort of one of the programme's partner organisations. */
  alumniOfPartner: boolean;
}

/** A history entry written with the state change, in the same statement. */
export interface RecordedChange {
  fromState: ApplicationState | null;
  reason: string | null;
  reasonCode?: StatusReasonCode | null;
  actorPrincipalId: string | null;
}

/** A row read as `to_jsonb(t)` as its entity, hydrated like any other raw row (entitiesFrom). */
function fromJson<T extends ObjectLiteral>(tx: EntityManager, target: EntityTarget<T>, json: Record<string, unknown>): T {
  return entitiesFrom(tx, target, [json])[0]!;
}

@Injectable()
export class ApplicationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  insert(tx: EntityManager, values: Partial<Application>): Promise<Application> {
    const repo = tx.getRepository(Application);
    return repo.save(repo.create(values));
  }

  /** `lock`: FOR UPDATE, so concurrent changes of one application (e.g. parallel assignments) queue up. */
  findById(id: string, tx?: EntityManager, lock = false): Promise<Application | null> {
    const qb = this.manager(tx).getRepository(Application).createQueryBuilder('a').where('a.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The application with its programme and startup, in one query (a decision needs nothing else). */
  async withProgrammeAndStartup(tx: EntityManager, id: string): Promise<{ application: Application; programme: Programme; startup: Startup } | null> {
    return (await this.readWithProgrammeAndStartup(tx, id, ''))?.context ?? null;
  }

  /**
   * The application with its programme, startup, certifications and the alumni flag, in one query.
   * `FOR UPDATE OF a` is not taken: the version guard of the state change catches a concurrent change.
   */
  async submissionContext(tx: EntityManager, id: string): Promise<SubmissionContext | null> {
    const read = await this.readWithProgrammeAndStartup<{ certifications: Record<string, unknown>[]; alumni: boolean }>(
      tx,
      id,
      `, COALESCE((SELECT jsonb_agg(to_jsonb(c) ORDER BY c.created_at, c.id) FROM applications.certifications c WHERE c.startup_id = a.startup_id), '[]'::jsonb) AS certifications,
         EXISTS (SELECT 1 FROM applications.alumni_records r WHERE r.startup_id = a.startup_id AND r.organisation_id = ANY(p.partner_organisation_ids)) AS alumni`,
    );
    if (!read) return null;
    return {
      ...read.context,
      certifications: read.extra.certifications.map((c) => fromJson(tx, Certification, c)),
      alumniOfPartner: read.extra.alumni,
    };
  }

  /**
   * One application joined with its programme (`p`) and startup; `columns` adds to the select list,
   * and `Extra` names what those columns hold.
   */
  private async readWithProgrammeAndStartup<Extra extends object = object>(tx: EntityManager, id: string, columns: string) {
    const { rows } = await preparedQuery<Record<string, unknown> & { application: Record<string, unknown>; programme: Record<string, unknown>; startup: Record<string, unknown> }>(
      tx,
      `SELECT to_jsonb(a) AS application, to_jsonb(p) AS programme, to_jsonb(s) AS startup${columns}
         FROM applications.applications a
         JOIN applications.programmes p ON p.id = a.programme_id
         JOIN applications.startups s ON s.id = a.startup_id
        WHERE a.id = $1`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const context = {
      application: fromJson(tx, Application, row.application),
      programme: fromJson(tx, Programme, row.programme),
      startup: fromJson(tx, Startup, row.startup),
    };
    return { context, extra: row as unknown as Extra };
  }

  /**
   * The guarded state change: succeeds only if the row is still in one of `from` at `version`.
   * Two concurrent deciders both read version n; the second UPDATE waits for the first's row lock,
   * re-checks `version = n`, finds n+1 and changes nothing. With `change`, the status history entry is
   * written by the same statement (only when the row changed). Answers the changed row, or null.
   */
  async changeState(
    tx: EntityManager,
    id: string,
    expected: { version: number; from: ApplicationState[] },
    to: ApplicationState,
    set: Record<string, unknown> = {},
    change?: RecordedChange,
  ): Promise<Application | null> {
    const columns = Object.keys(set);
    const params: unknown[] = [to, id, expected.version, expected.from, ...columns.map((c) => set[c])];
    const assignments = columns.map((column, i) => `, ${column} = $${i + 5}`).join('');
    let history = '';
    if (change) {
      const at = params.length;
      params.push(change.fromState, change.reason, change.reasonCode ?? null, change.actorPrincipalId);
      history = `, history AS (
         INSERT INTO applications.application_status_history (application_id, from_state, to_state, reason, reason_code, actor_principal_id)
         SELECT id, $${at + 1}, $1, $${at + 2}, $${at + 3}, $${at + 4} FROM changed
       )`;
    }
    // The text varies only with the caller's fixed set of columns: a handful of prepared statements.
    const { rows } = await preparedQuery<{ row: Record<string, unknown> }>(
      tx,
      `WITH changed AS (
         UPDATE applications.applications SET state = $1, version = version + 1, updated_at = now()${assignments}
         WHERE id = $2 AND version = $3 AND state = ANY($4::text[]) RETURNING *
       )${history}
       SELECT to_jsonb(changed) AS row FROM changed`,
      params,
    );
    return rows.length > 0 ? fromJson(tx, Application, rows[0].row) : null;
  }

  /** Replaces a draft's answers if it is still a draft at `version`; false when it moved on. */
  async updateDraftAnswers(tx: EntityManager, id: string, version: number, answers: unknown): Promise<boolean> {
    const rows = (await tx.query(
      `WITH changed AS (UPDATE applications.applications SET answers = $1, version = version + 1, updated_at = now()
       WHERE id = $2 AND version = $3 AND state = 'draft' RETURNING id) SELECT id FROM changed`,
      [JSON.stringify(answers), id, version],
    )) as unknown[];
    return rows.length > 0;
  }

  async recordTransition(tx: EntityManager, change: Partial<ApplicationStatusChange>): Promise<void> {
    await tx.getRepository(ApplicationStatusChange).insert(change);
  }

  history(applicationId: string): Promise<ApplicationStatusChange[]> {
    return this.dataSource
      .getRepository(ApplicationStatusChange)
      .createQueryBuilder('h')
      .where('h.application_id = :applicationId', { applicationId })
      .orderBy('h.at', 'ASC')
      .addOrderBy('h.id', 'ASC')
      .getMany();
  }

  list(filter: ApplicationListFilter, after: Keyset<typeof CREATED_AT_ID> | null, limit: number): Promise<Application[]> {
    const qb = this.dataSource.getRepository(Application).createQueryBuilder('a');
    if (filter.startupId) qb.andWhere('a.startup_id = :startupId', { startupId: filter.startupId });
    if (filter.programmeIds) qb.andWhere('a.programme_id = ANY(:programmeIds::uuid[])', { programmeIds: filter.programmeIds });
    if (filter.programmeId) qb.andWhere('a.programme_id = :programmeId', { programmeId: filter.programmeId });
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    if (filter.q) {
      // The startups' lower(name) trigram indexes serve the pattern, as in the startup search.
      qb.andWhere(
        'EXISTS (SELECT 1 FROM applications.startups s WHERE s.id = a.startup_id AND (lower(s.name) LIKE :pattern OR lower(s.name_latin) LIKE :pattern))',
        { pattern: containsPattern(filter.q) },
      );
    }
    if (after) qb.andWhere("(date_trunc('milliseconds', a.created_at), a.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return qb.orderBy("date_trunc('milliseconds', a.created_at)", 'ASC').addOrderBy('a.id', 'ASC').limit(limit + 1).getMany();
  }

  /** The names of the startups of a page of applications, by startup id. */
  async startupNames(startupIds: string[]): Promise<Map<string, { name: string; nameLatin: string }>> {
    if (startupIds.length === 0) return new Map();
    const rows = (await this.dataSource.query('SELECT id, name, name_latin FROM applications.startups WHERE id = ANY($1::uuid[])', [startupIds])) as {
      id: string;
      name: string;
      name_latin: string;
    }[];
    return new Map(rows.map((r) => [r.id, { name: r.name, nameLatin: r.name_latin }]));
  }

  /** Programmes the organisation organises or partners in. */
  async programmeIdsOfOrganisation(organisationId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM applications.programmes WHERE organiser_organisation_id = $1 OR $1 = ANY(partner_organisation_ids)',
      [organisationId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }
}
