import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Cohort, type CohortState } from '@exchange/data';

export interface CohortListFilter {
  organisationId: string;
  state?: CohortState;
  programmeId?: string;
  /** Keyset: strictly after (createdAt, id) in descending order. */
  after: { createdAt: string; id: string } | null;
  limit: number;
}

@Injectable()
export class CohortsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of `ids` are organisations (identity), as PostgreSQL prints them. */
  async existingOrganisations(tx: EntityManager, ids: readonly string[]): Promise<Set<string>> {
    const rows = (await tx.query(`SELECT id FROM identity.organisations WHERE id = ANY ($1::uuid[])`, [[...new Set(ids)]])) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  async insert(tx: EntityManager, values: Partial<Cohort>): Promise<Cohort> {
    return tx.getRepository(Cohort).save(tx.getRepository(Cohort).create(values));
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<Cohort | null> {
    return tx.getRepository(Cohort).findOneBy({ id });
  }

  /**
   * Locks the cohort row until the transaction ends: every change of its members takes this lock
   * first, so capacity checks and promotions of one cohort never run side by side.
   */
  lockById(tx: EntityManager, id: string): Promise<Cohort | null> {
    return tx.getRepository(Cohort).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** Like lockById, but skips a cohort another transaction holds (for sweeps running on several instances). */
  lockIfFree(tx: EntityManager, id: string): Promise<Cohort | null> {
    return tx
      .getRepository(Cohort)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('c.id = :id', { id })
      .getOne();
  }

  /** Sets new values and bumps the version (TypeORM adds `version = version + 1`). */
  async update(tx: EntityManager, id: string, values: Partial<Pick<Cohort, 'state' | 'selectedAt' | 'startedAt' | 'graduatedAt'>>): Promise<Cohort> {
    await tx.getRepository(Cohort).update({ id }, values);
    return (await this.findById(id, tx))!;
  }

  /** Bumps the version of a change that lives outside the cohort row (its candidates' pitch groups), so stale callers get 409. */
  async touch(tx: EntityManager, id: string): Promise<Cohort> {
    await tx.query(`UPDATE cohorts.cohorts SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
    return (await this.findById(id, tx))!;
  }

  /** Cohorts the organisation organises or partners in, newest first. */
  list(filter: CohortListFilter): Promise<Cohort[]> {
    const qb = this.dataSource
      .getRepository(Cohort)
      .createQueryBuilder('c')
      .where('(c.organiser_organisation_id = :org OR :org = ANY (c.partner_organisation_ids))', { org: filter.organisationId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .limit(filter.limit);
    if (filter.state) qb.andWhere('c.state = :state', { state: filter.state });
    if (filter.programmeId) qb.andWhere('c.programme_id = :programmeId', { programmeId: filter.programmeId });
    if (filter.after) qb.andWhere('(c.created_at, c.id) < (:createdAt::timestamptz, :id::uuid)', filter.after);
    return qb.getMany();
  }
}
