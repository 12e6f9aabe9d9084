import { Injectable } from '@nestjs/common';
import { Application, ApplicationStatusChange, type ApplicationState } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';
import type { CursorPosition } from '../common/cursor';

export interface ApplicationListFilter {
  startupId?: string;
  programmeIds?: string[];
  programmeId?: string;
  state?: ApplicationState;
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

  /**
   * The guarded state change: succeeds only if the row is still in one of `from` at `version`.
   * Two concurrent deciders both read version n; the second UPDATE waits for the first's row lock,
   * re-checks `version = n`, finds n+1 and changes nothing.
   */
  async changeState(
    tx: EntityManager,
    id: string,
    expected: { version: number; from: ApplicationState[] },
    to: ApplicationState,
    set: Record<string, unknown> = {},
  ): Promise<Application | null> {
    const columns = Object.keys(set);
    const assignments = columns.map((column, i) => `${column} = $${i + 5}`);
    const rows = (await tx.query(
      `WITH changed AS (
         UPDATE applications.applications SET state = $1, version = version + 1, updated_at = now()${assignments.map((a) => `, ${a}`).join('')}
         WHERE id = $2 AND version = $3 AND state = ANY($4::text[]) RETURNING id
       ) SELECT id FROM changed`,
      [to, id, expected.version, expected.from, ...columns.map((c) => set[c])],
    )) as { id: string }[];
    const affected = rows.length;
    return affected > 0 ? this.findById(id, tx) : null;
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

  list(filter: ApplicationListFilter, after: CursorPosition | null, limit: number): Promise<Application[]> {
    const qb = this.dataSource.getRepository(Application).createQueryBuilder('a');
    if (filter.startupId) qb.andWhere('a.startup_id = :startupId', { startupId: filter.startupId });
    if (filter.programmeIds) qb.andWhere('a.programme_id = ANY(:programmeIds::uuid[])', { programmeIds: filter.programmeIds });
    if (filter.programmeId) qb.andWhere('a.programme_id = :programmeId', { programmeId: filter.programmeId });
    if (filter.state) qb.andWhere('a.state = :state', { state: filter.state });
    if (after) qb.andWhere("(date_trunc('milliseconds', a.created_at), a.id) > (:at::timestamptz, :id::uuid)", { at: after.at, id: after.id });
    return qb.orderBy("date_trunc('milliseconds', a.created_at)", 'ASC').addOrderBy('a.id', 'ASC').limit(limit + 1).getMany();
  }

  /** Programmes the organisation organises or partners in. */
  async programmeIdsOfOrganisation(organisationId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(
      'SELECT id FROM applications.programmes WHERE organiser_organisation_id = $1 OR $1 = ANY(partner_organisation_ids)',
      [organisationId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /** Whether the startup graduated from a cohort of one of these organisations (alumni fast track). */
  async isAlumnusOf(tx: EntityManager, startupId: string, organisationIds: string[]): Promise<boolean> {
    if (organisationIds.length === 0) return false;
    const rows = (await tx.query('SELECT 1 FROM applications.alumni_records WHERE startup_id = $1 AND organisation_id = ANY($2::uuid[]) LIMIT 1', [
      startupId,
      organisationIds,
    ])) as unknown[];
    return rows.length > 0;
  }
}
