import type { Keyset } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CohortMember, type CohortMemberState } from '@exchange/data';
import type { RankingCandidate } from '../selection/ranking';

/** A candidate as selection reads it. */
export interface SelectableCandidate extends RankingCandidate {
  startupName: string;
  startupNameLatin: string;
  /** The cohort's programme for a programme candidate; null for a pilot-derived one. */
  programmeId: string | null;
  source: 'application' | 'pilot';
}

/**
 * The candidates a cohort selects from ($1 the programme, $2 the organiser and partner
 * organisations), one row per startup: its programme's candidates, plus startups with a successful
 * pilot in a programme of the cohort's organiser or partners. A startup with both counts once, as
 * its programme candidate (which carries its pilot outcomes too).
 */
export const COHORT_CANDIDATES_SQL = `SELECT DISTINCT ON (startup_id) id AS "candidateId", startup_id AS "startupId", startup_name AS "startupName",
     startup_name_latin AS "startupNameLatin", country, technology_fields AS "technologyFields", score, has_successful_pilot AS "hasSuccessfulPilot",
     pitch_group AS "pitchGroup", accepted_at AS "acceptedAt", programme_id AS "programmeId", source
   FROM cohorts.candidates
   WHERE programme_id = $1
      OR (programme_id IS NULL AND has_successful_pilot AND programme_organisation_ids && $2::uuid[])
   ORDER BY startup_id, (programme_id IS NULL)`;

export interface NewMember {
  candidateId: string;
  startupId: string;
  groupKey: string;
  rank: number;
  score: number;
  state: 'offered' | 'waitlisted';
  offeredAt: Date | null;
  offerDeadlineAt: Date | null;
}

/** Places that count against capacity: an open offer or an accepted place. */
export const OCCUPYING_STATES: CohortMemberState[] = ['offered', 'accepted'];

/** Member lists are ordered by (group key, rank, id). */
export const MEMBER_KEYSET = ['text', 'positiveInt', 'uuid'] as const;

@Injectable()
export class MembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The candidates a cohort selects from (see COHORT_CANDIDATES_SQL). */
  candidatesForCohort(programmeId: string, organisationIds: string[], tx: EntityManager = this.dataSource.manager): Promise<SelectableCandidate[]> {
    return tx.query(COHORT_CANDIDATES_SQL, [programmeId, organisationIds]);
  }

  async insertMany(tx: EntityManager, cohortId: string, members: NewMember[]): Promise<CohortMember[]> {
    if (members.length === 0) return [];
    const repo = tx.getRepository(CohortMember);
    return repo.save(members.map((m) => repo.create({ ...m, cohortId })));
  }

  findById(id: string, tx: EntityManager = this.dataSource.manager): Promise<CohortMember | null> {
    return tx.getRepository(CohortMember).findOneBy({ id });
  }

  lockById(tx: EntityManager, id: string): Promise<CohortMember | null> {
    return tx.getRepository(CohortMember).createQueryBuilder('m').setLock('pessimistic_write').where('m.id = :id', { id }).getOne();
  }

  async update(tx: EntityManager, id: string, values: Partial<CohortMember>): Promise<CohortMember> {
    await tx.getRepository(CohortMember).update({ id }, values);
    return (await this.findById(id, tx))!;
  }

  /** Places held (open offers and accepted), in the cohort and in one of its groups. Call with the cohort locked. */
  async occupied(tx: EntityManager, cohortId: string, groupKey: string): Promise<{ total: number; inGroup: number }> {
    const [row] = await tx.query(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE group_key = $2)::int AS "inGroup"
       FROM cohorts.members WHERE cohort_id = $1 AND state = ANY ($3::text[])`,
      [cohortId, groupKey, OCCUPYING_STATES],
    );
    return row as { total: number; inGroup: number };
  }

  countInState(tx: EntityManager, cohortId: string, state: CohortMemberState): Promise<number> {
    return tx.getRepository(CohortMember).countBy({ cohortId, state });
  }

  /** The group's next waitlisted startup (best rank), locked. */
  nextWaitlisted(tx: EntityManager, cohortId: string, groupKey: string): Promise<CohortMember | null> {
    return tx
      .getRepository(CohortMember)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.cohort_id = :cohortId AND m.group_key = :groupKey AND m.state = :state', { cohortId, groupKey, state: 'waitlisted' })
      .orderBy('m.rank', 'ASC')
      .limit(1)
      .getOne();
  }

  inState(tx: EntityManager, cohortId: string, state: CohortMemberState): Promise<CohortMember[]> {
    return tx.getRepository(CohortMember).find({ where: { cohortId, state }, order: { groupKey: 'ASC', rank: 'ASC' } });
  }

  /** Open offers of the cohort past their deadline, locked. */
  expiredOffers(tx: EntityManager, cohortId: string, now: Date): Promise<CohortMember[]> {
    return tx
      .getRepository(CohortMember)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .where('m.cohort_id = :cohortId AND m.state = :state AND m.offer_deadline_at <= :now', { cohortId, state: 'offered', now })
      .orderBy('m.offer_deadline_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /** Cohorts having open offers past their deadline (read without locks; the sweep locks each cohort). */
  async cohortsWithExpiredOffers(now: Date, limit: number): Promise<string[]> {
    const rows: { cohort_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT cohort_id FROM cohorts.members WHERE state = 'offered' AND offer_deadline_at <= $1 LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.cohort_id);
  }

  /** Members of a cohort by group and rank; keyset after (group, rank, id). */
  list(filter: {
    cohortId?: string;
    startupId?: string;
    state?: CohortMemberState;
    group?: string;
    after: Keyset<typeof MEMBER_KEYSET> | null;
    limit: number;
  }): Promise<CohortMember[]> {
    const qb = this.dataSource.getRepository(CohortMember).createQueryBuilder('m').orderBy('m.group_key', 'ASC').addOrderBy('m.rank', 'ASC').addOrderBy('m.id', 'ASC').limit(filter.limit);
    if (filter.cohortId) qb.andWhere('m.cohort_id = :cohortId', { cohortId: filter.cohortId });
    if (filter.startupId) qb.andWhere('m.startup_id = :startupId', { startupId: filter.startupId });
    if (filter.state) qb.andWhere('m.state = :state', { state: filter.state });
    if (filter.group) qb.andWhere('m.group_key = :group', { group: filter.group });
    if (filter.after) {
      const [groupKey, rank, id] = filter.after;
      qb.andWhere('(m.group_key, m.rank, m.id) > (:groupKey, :rank, :id::uuid)', { groupKey, rank, id });
    }
    return qb.getMany();
  }
}
