import type { EntityManager } from 'typeorm';
import type { ProgrammeRef } from '@exchange/contracts';
import { projectedProgrammeRef, type Cohort, type CohortMember } from '@exchange/data';

/** The fields every cohort event carries (`CohortRef` of the contracts). */
export interface CohortRef {
  cohortId: string;
  programmeId: string;
  programme: ProgrammeRef;
}

/** The cohort's ref, with its programme as this service's projection knows it. */
export async function cohortRef(tx: EntityManager, cohort: Cohort): Promise<CohortRef> {
  return { cohortId: cohort.id, programmeId: cohort.programmeId, programme: await projectedProgrammeRef(tx, 'cohorts', cohort.programmeId) };
}

/** The fields every member event carries (`MemberBase` of the contracts). */
export function memberRef(cohort: CohortRef, member: Pick<CohortMember, 'startupId' | 'groupKey'>) {
  return { ...cohort, startupId: member.startupId, group: member.groupKey };
}

/** An offer's deadline: the cohort's time to answer, but never after the cohort's hard offer deadline. */
export function offerDeadline(cohort: Cohort, now: Date): Date {
  const ttl = new Date(now.getTime() + cohort.offerTtlHours * 3_600_000);
  return cohort.offerDeadlineAt && cohort.offerDeadlineAt < ttl ? cohort.offerDeadlineAt : ttl;
}
