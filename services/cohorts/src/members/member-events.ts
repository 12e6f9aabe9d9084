import type { Cohort, CohortMember } from '@exchange/data';

/** The fields every member event carries (`MemberBase` of the contracts). */
export function memberRef(cohort: Cohort, member: CohortMember) {
  return { cohortId: cohort.id, programmeId: cohort.programmeId, startupId: member.startupId, group: member.groupKey };
}

/** An offer's deadline: the cohort's time to answer, but never after the cohort's hard offer deadline. */
export function offerDeadline(cohort: Cohort, now: Date): Date {
  const ttl = new Date(now.getTime() + cohort.offerTtlHours * 3_600_000);
  return cohort.offerDeadlineAt && cohort.offerDeadlineAt < ttl ? cohort.offerDeadlineAt : ttl;
}
