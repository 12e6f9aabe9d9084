import { Injectable } from '@nestjs/common';
import { Application, ApplicationFlag, Certification, CertificationGradeScale, entitiesFrom, Programme, type OrganisationKind } from '@exchange/data';
import { returnedRows, type CREATED_AT_ID, type Keyset } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { CertificationBodyFacts } from '../applications/eligibility';

export interface OrganisationFacts {
  id: string;
  name: string;
  nameLatin: string | null;
  kind: OrganisationKind;
}

export interface IssuedListFilter {
  issuerOrganisationId: string;
  startupId?: string;
  kind?: string;
  revocation?: 'active' | 'revoked';
}

/** A certificate found by its public code, with the names the answer shows. */
export interface VerifiedCertificate {
  certification: Certification;
  issuer: { name: string; nameLatin: string | null };
  startup: { name: string; nameLatin: string | null };
}

/** An open application that may have relied on a certificate, with its programme. */
export interface OpenApplication {
  application: Application;
  programme: Programme;
}

export type NewFlag = Omit<ApplicationFlag, 'id' | 'flaggedAt'>;

/** Open applications: submitted or under review (a decision is the managers' own, and drafts rely on nothing yet). */
const OPEN_STATES = ['submitted', 'under_review'];

/** Every SQL statement of certification bodies, issued certificates and application flags. */
@Injectable()
export class CertificationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async organisation(id: string, tx?: EntityManager): Promise<OrganisationFacts | null> {
    const rows = (await this.manager(tx).query('SELECT id, name, name_latin, kind FROM identity.organisations WHERE id = $1', [id])) as Array<{
      id: string;
      name: string;
      name_latin: string | null;
      kind: OrganisationKind;
    }>;
    const row = rows[0];
    return row ? { id: row.id, name: row.name, nameLatin: row.name_latin, kind: row.kind } : null;
  }

  async startupExists(tx: EntityManager, id: string): Promise<boolean> {
    return ((await tx.query('SELECT 1 FROM applications.startups WHERE id = $1', [id])) as unknown[]).length > 0;
  }

  /**
   * Serialises everything that decides whether a startup's applications rely on its certificates:
   * revocations and the expiry sweep take the rows in id order `FOR NO KEY UPDATE`, a submission
   * `FOR SHARE` (holdStartup). Each then reads the certificates and applications the others committed,
   * so no revocation misses an application submitted at the same moment, and two revocations of two
   * certificates of one startup cannot each count on the other. `FOR NO KEY UPDATE`, not `FOR UPDATE`:
   * rows that merely reference the startup (a new application) are not held up.
   */
  async lockStartups(tx: EntityManager, startupIds: string[]): Promise<void> {
    if (startupIds.length === 0) return;
    await tx.query('SELECT id FROM applications.startups WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [startupIds]);
  }

  /** A submission's share of the startup lock (see lockStartups). */
  async holdStartup(tx: EntityManager, startupId: string): Promise<void> {
    await tx.query('SELECT id FROM applications.startups WHERE id = $1 FOR SHARE', [startupId]);
  }

  // Grade scales --------------------------------------------------------------------------------

  scalesOf(organisationId: string): Promise<CertificationGradeScale[]> {
    return this.dataSource
      .getRepository(CertificationGradeScale)
      .createQueryBuilder('s')
      .where('s.organisation_id = :organisationId', { organisationId })
      .orderBy('s.kind', 'ASC')
      .getMany();
  }

  /** `lock`: FOR UPDATE, so issuing and changing the scale of one kind queue up. */
  scale(tx: EntityManager, organisationId: string, kind: string, lock = false): Promise<CertificationGradeScale | null> {
    const qb = tx
      .getRepository(CertificationGradeScale)
      .createQueryBuilder('s')
      .where('s.organisation_id = :organisationId AND s.kind = :kind', { organisationId, kind });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async upsertScale(tx: EntityManager, organisationId: string, kind: string, grades: string[]): Promise<CertificationGradeScale> {
    const rows = (await tx.query(
      `INSERT INTO applications.certification_grade_scales AS s (organisation_id, kind, grades) VALUES ($1, $2, $3::text[])
       ON CONFLICT (organisation_id, kind) DO UPDATE SET grades = EXCLUDED.grades, version = s.version + 1, updated_at = now()
       RETURNING *`,
      [organisationId, kind, grades],
    )) as Record<string, unknown>[];
    return entitiesFrom(tx, CertificationGradeScale, rows)[0]!;
  }

  /** Grades carried by the body's certificates of `kind` that are not revoked. */
  async gradesInUse(tx: EntityManager, organisationId: string, kind: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT DISTINCT grade FROM applications.certifications
        WHERE issuer_organisation_id = $1 AND kind = $2 AND verification_code IS NOT NULL AND revoked_at IS NULL AND grade IS NOT NULL
        ORDER BY grade`,
      [organisationId, kind],
    )) as Array<{ grade: string }>;
    return rows.map((r) => r.grade);
  }

  /**
   * The names of these organisations and their scales of `kind` (empty when they have none): what
   * eligibility needs to grade certificates issued by them and to name the programme's bodies.
   */
  async bodyFacts(organisationIds: string[], kind: string, tx?: EntityManager): Promise<Map<string, CertificationBodyFacts>> {
    if (organisationIds.length === 0) return new Map();
    const rows = (await this.manager(tx).query(
      `SELECT o.id, coalesce(o.name_latin, o.name) AS name, coalesce(s.grades, '{}'::text[]) AS grades
         FROM identity.organisations o
         LEFT JOIN applications.certification_grade_scales s ON s.organisation_id = o.id AND s.kind = $2
        WHERE o.id = ANY($1::uuid[])`,
      [organisationIds, kind],
    )) as Array<{ id: string; name: string; grades: string[] }>;
    return new Map(rows.map((r) => [r.id, { name: r.name, grades: r.grades }]));
  }

  /** Ids among `ids` that are organisations of kind `certification_body`. */
  async certificationBodies(ids: string[], tx?: EntityManager): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = (await this.manager(tx).query(
      `SELECT id FROM identity.organisations WHERE id = ANY($1::uuid[]) AND kind = 'certification_body'`,
      [ids],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  // Issued certificates -------------------------------------------------------------------------

  async insertIssued(tx: EntityManager, values: Partial<Certification>): Promise<Certification> {
    const repo = tx.getRepository(Certification);
    return repo.save(repo.create(values));
  }

  /** One certificate the body issued; null for another body's, a self-declared one, or an unknown id. */
  findIssued(id: string, issuerOrganisationId: string, tx?: EntityManager, lock = false): Promise<Certification | null> {
    const qb = this.manager(tx)
      .getRepository(Certification)
      .createQueryBuilder('c')
      .where('c.id = :id AND c.issuer_organisation_id = :issuer AND c.verification_code IS NOT NULL', { id, issuer: issuerOrganisationId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  listIssued(filter: IssuedListFilter, after: Keyset<typeof CREATED_AT_ID> | null, limit: number): Promise<Certification[]> {
    const qb = this.dataSource
      .getRepository(Certification)
      .createQueryBuilder('c')
      .where('c.issuer_organisation_id = :issuer AND c.verification_code IS NOT NULL', { issuer: filter.issuerOrganisationId });
    if (filter.startupId) qb.andWhere('c.startup_id = :startupId', { startupId: filter.startupId });
    if (filter.kind) qb.andWhere('c.kind = :kind', { kind: filter.kind });
    if (filter.revocation === 'active') qb.andWhere('c.revoked_at IS NULL');
    if (filter.revocation === 'revoked') qb.andWhere('c.revoked_at IS NOT NULL');
    if (after) qb.andWhere("(date_trunc('milliseconds', c.created_at), c.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return qb.orderBy("date_trunc('milliseconds', c.created_at)", 'ASC').addOrderBy('c.id', 'ASC').limit(limit + 1).getMany();
  }

  /**
   * A new validity for a certificate that is not revoked; an end moved into the future is swept
   * again when it comes. Null when the certificate was revoked meanwhile.
   */
  async renew(tx: EntityManager, id: string, validFrom: Date, validUntil: Date, at: Date): Promise<Certification | null> {
    const rows = (await tx.query(
      `UPDATE applications.certifications
          SET valid_from = $2, valid_until = $3, renewed_at = $4,
              expiry_checked_at = CASE WHEN $3::timestamptz > $4::timestamptz THEN NULL ELSE expiry_checked_at END
        WHERE id = $1 AND revoked_at IS NULL RETURNING *`,
      [id, validFrom, validUntil, at],
    )) as unknown;
    return entitiesFrom(tx, Certification, returnedRows<Record<string, unknown>>(rows))[0] ?? null;
  }

  /**
   * Revokes a certificate of the body unless it is revoked already: of two concurrent revocations the
   * second waits for the first's row lock, then finds it revoked and changes nothing (null).
   */
  async revoke(tx: EntityManager, id: string, issuerOrganisationId: string, reason: string, by: string, at: Date): Promise<Certification | null> {
    const rows = (await tx.query(
      `UPDATE applications.certifications SET revoked_at = $4, revocation_reason = $3, revoked_by = $5
        WHERE id = $1 AND issuer_organisation_id = $2 AND verification_code IS NOT NULL AND revoked_at IS NULL RETURNING *`,
      [id, issuerOrganisationId, reason, at, by],
    )) as unknown;
    return entitiesFrom(tx, Certification, returnedRows<Record<string, unknown>>(rows))[0] ?? null;
  }

  async byVerificationCode(code: string): Promise<VerifiedCertificate | null> {
    const rows = (await this.dataSource.query(
      `SELECT to_jsonb(c) AS certification, o.name AS issuer_name, o.name_latin AS issuer_name_latin, s.name AS startup_name, s.name_latin AS startup_name_latin
         FROM applications.certifications c
         JOIN identity.organisations o ON o.id = c.issuer_organisation_id
         JOIN applications.startups s ON s.id = c.startup_id
        WHERE c.verification_code = $1`,
      [code],
    )) as Array<{ certification: Record<string, unknown>; issuer_name: string; issuer_name_latin: string | null; startup_name: string; startup_name_latin: string }>;
    const row = rows[0];
    if (!row) return null;
    return {
      certification: entitiesFrom(this.dataSource.manager, Certification, [row.certification])[0]!,
      issuer: { name: row.issuer_name, nameLatin: row.issuer_name_latin },
      startup: { name: row.startup_name, nameLatin: row.startup_name_latin },
    };
  }

  /** A startup's certificates (all kinds, revoked ones included), read inside the caller's transaction. */
  certificationsOf(tx: EntityManager, startupId: string): Promise<Certification[]> {
    return tx
      .getRepository(Certification)
      .createQueryBuilder('c')
      .where('c.startup_id = :startupId', { startupId })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  /**
   * Claims certificates whose validity has ended and that were not handled yet. SKIP LOCKED lets
   * several instances sweep at once: each certificate is claimed (and its flags written) by one.
   */
  async claimEnded(tx: EntityManager, now: Date, limit: number): Promise<Certification[]> {
    const rows = (await tx.query(
      `WITH due AS (
         SELECT id FROM applications.certifications
          WHERE valid_until IS NOT NULL AND valid_until <= $1 AND expiry_checked_at IS NULL AND revoked_at IS NULL
          ORDER BY valid_until LIMIT $2 FOR UPDATE SKIP LOCKED
       )
       UPDATE applications.certifications c SET expiry_checked_at = $1 FROM due WHERE c.id = due.id RETURNING c.*`,
      [now, limit],
    )) as unknown;
    return entitiesFrom(tx, Certification, returnedRows<Record<string, unknown>>(rows));
  }

  // Flags ---------------------------------------------------------------------------------------

  /** The startup's open applications to programmes whose certification rule names `kind`, not admitted on the fast track. */
  async openApplicationsRequiring(tx: EntityManager, startupId: string, kind: string): Promise<OpenApplication[]> {
    const rows = (await tx.query(
      `SELECT to_jsonb(a) AS application, to_jsonb(p) AS programme
         FROM applications.applications a JOIN applications.programmes p ON p.id = a.programme_id
        WHERE a.startup_id = $1 AND a.state = ANY($2::text[]) AND NOT a.fast_track AND p.required_certification_kind = $3
        ORDER BY a.created_at, a.id`,
      [startupId, OPEN_STATES, kind],
    )) as Array<{ application: Record<string, unknown>; programme: Record<string, unknown> }>;
    return rows.map((r) => ({
      application: entitiesFrom(tx, Application, [r.application])[0]!,
      programme: entitiesFrom(tx, Programme, [r.programme])[0]!,
    }));
  }

  /** Raises the flag unless this application was flagged for this certificate already; answers it only when raised now. */
  async insertFlag(tx: EntityManager, flag: NewFlag): Promise<ApplicationFlag | null> {
    const rows = (await tx.query(
      `INSERT INTO applications.application_flags (application_id, programme_id, startup_id, certification_id, reason, failed_rule, failed_rule_params,
              certification_kind, certification_grade, issuer, issuer_organisation_id, revocation_reason, ended_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13)
       ON CONFLICT ON CONSTRAINT application_flags_once DO NOTHING RETURNING *`,
      [
        flag.applicationId,
        flag.programmeId,
        flag.startupId,
        flag.certificationId,
        flag.reason,
        flag.failedRule,
        JSON.stringify(flag.failedRuleParams),
        flag.certificationKind,
        flag.certificationGrade,
        flag.issuer,
        flag.issuerOrganisationId,
        flag.revocationReason,
        flag.endedAt,
      ],
    )) as Record<string, unknown>[];
    return entitiesFrom(tx, ApplicationFlag, rows)[0] ?? null;
  }

  flagsOfApplication(applicationId: string): Promise<ApplicationFlag[]> {
    return this.dataSource
      .getRepository(ApplicationFlag)
      .createQueryBuilder('f')
      .where('f.application_id = :applicationId', { applicationId })
      .orderBy('f.flagged_at', 'ASC')
      .addOrderBy('f.id', 'ASC')
      .getMany();
  }

  flagsOfProgramme(programmeId: string, after: Keyset<typeof CREATED_AT_ID> | null, limit: number): Promise<ApplicationFlag[]> {
    const qb = this.dataSource.getRepository(ApplicationFlag).createQueryBuilder('f').where('f.programme_id = :programmeId', { programmeId });
    if (after) qb.andWhere("(date_trunc('milliseconds', f.flagged_at), f.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return qb.orderBy("date_trunc('milliseconds', f.flagged_at)", 'ASC').addOrderBy('f.id', 'ASC').limit(limit + 1).getMany();
  }
}
