import { Injectable } from '@nestjs/common';
import { Certification, containsPattern, Startup } from '@exchange/data';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import type { CREATED_AT_ID, Keyset } from '@exchange/platform';

/** PostgreSQL unique violation. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; driverError?: { code?: string; constraint?: string }; constraint?: string };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}

export function isForeignKeyViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return (e.driverError?.code ?? e.code) === '23503';
}

@Injectable()
export class StartupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  insert(tx: EntityManager, values: Partial<Startup>): Promise<Startup> {
    return tx.getRepository(Startup).save(tx.getRepository(Startup).create(values));
  }

  findById(id: string, tx?: EntityManager, lock = false): Promise<Startup | null> {
    const qb = this.manager(tx).getRepository(Startup).createQueryBuilder('s').where('s.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  save(tx: EntityManager, startup: Startup): Promise<Startup> {
    return tx.getRepository(Startup).save(startup);
  }

  /** A change beside the row (its certifications) still bumps its version. */
  async bump(tx: EntityManager, id: string): Promise<Startup | null> {
    await tx.query('UPDATE applications.startups SET version = version + 1, updated_at = now() WHERE id = $1', [id]);
    return this.findById(id, tx);
  }

  certificationsOf(startupIds: string[], tx?: EntityManager): Promise<Certification[]> {
    if (startupIds.length === 0) return Promise.resolve([]);
    return this.manager(tx)
      .getRepository(Certification)
      .createQueryBuilder('c')
      .where('c.startup_id = ANY(:ids)', { ids: startupIds })
      .orderBy('c.created_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
  }

  addCertifications(tx: EntityManager, rows: Partial<Certification>[]): Promise<Certification[]> {
    const repo = tx.getRepository(Certification);
    return repo.save(rows.map((r) => repo.create(r)));
  }

  /** Deletes a self-declared certificate; one a body issued (it has a verification code) stays: only its body revokes it. */
  async deleteCertification(tx: EntityManager, startupId: string, certificationId: string): Promise<boolean> {
    const result = await tx.getRepository(Certification).delete({ id: certificationId, startupId, verificationCode: IsNull() });
    return (result.affected ?? 0) > 0;
  }

  /**
   * The startups among `startupIds` related to the organisation as far as this service knows: they
   * submitted an application to a programme it organises or partners in, graduated from one of its
   * cohorts (alumni records, from `cohort.graduated`), joined one of its cohorts or pilot at one of
   * its sites (startup relations, from `cohort.offer_accepted` and the pilot events). Drafts never
   * submitted do not count. Each test is an indexed lookup by (startup, organisation).
   */
  async relatedToOrganisation(startupIds: string[], organisationId: string, tx?: EntityManager): Promise<string[]> {
    if (startupIds.length === 0) return [];
    const rows = (await this.manager(tx).query(
      `SELECT s.id FROM unnest($1::uuid[]) AS s(id)
       WHERE EXISTS (SELECT 1 FROM applications.applications a JOIN applications.programmes p ON p.id = a.programme_id
                     WHERE a.startup_id = s.id AND a.submitted_at IS NOT NULL
                       AND (p.organiser_organisation_id = $2 OR $2 = ANY(p.partner_organisation_ids)))
          OR EXISTS (SELECT 1 FROM applications.alumni_records r WHERE r.startup_id = s.id AND r.organisation_id = $2)
          OR EXISTS (SELECT 1 FROM applications.startup_relations r WHERE r.startup_id = s.id AND r.organisation_id = $2)`,
      [startupIds, organisationId],
    )) as { id: string }[];
    return rows.map((r) => r.id);
  }

  /**
   * Case-insensitive substring search over the original and the Latin name (any script: lower()
   * folds Latin, Cyrillic, Greek; Hangul has no case). Served by the lower(name) trigram indexes.
   */
  search(filter: { q?: string; country?: string }, after: Keyset<typeof CREATED_AT_ID> | null, limit: number): Promise<Startup[]> {
    const qb = this.dataSource.getRepository(Startup).createQueryBuilder('s');
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      qb.andWhere('(lower(s.name) LIKE :pattern OR lower(s.name_latin) LIKE :pattern)', { pattern });
    }
    if (filter.country) qb.andWhere('s.country = :country', { country: filter.country });
    if (after) qb.andWhere("(date_trunc('milliseconds', s.created_at), s.id) > (:at::timestamptz, :id::uuid)", { at: after[0], id: after[1] });
    return qb.orderBy("date_trunc('milliseconds', s.created_at)", 'ASC').addOrderBy('s.id', 'ASC').limit(limit + 1).getMany();
  }
}
