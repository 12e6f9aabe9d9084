import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum CohortErrorCode {
  NotFound = 'COHORT.NOT_FOUND',
  ReadOnly = 'COHORT.READ_ONLY',
  IllegalTransition = 'COHORT.ILLEGAL_TRANSITION',
  VersionConflict = 'COHORT.VERSION_CONFLICT',
  InvalidSchedule = 'COHORT.INVALID_SCHEDULE',
  InvalidTimeZone = 'COHORT.INVALID_TIME_ZONE',
  OfferDeadlinePassed = 'COHORT.OFFER_DEADLINE_PASSED',
  MemberNotFound = 'COHORT.MEMBER_NOT_FOUND',
  GraduationIncomplete = 'COHORT.GRADUATION_INCOMPLETE',
  MemberNotDroppable = 'COHORT.MEMBER_NOT_DROPPABLE',
  ProgrammeNotOrganised = 'COHORT.PROGRAMME_NOT_ORGANISED',
  NotProgrammePartner = 'COHORT.NOT_PROGRAMME_PARTNER',
  UnknownFilterId = 'COHORT.UNKNOWN_FILTER_ID',
}

export class CohortError extends DomainError<CohortErrorCode> {}

mapDomainErrorsToHttp(CohortError, (code) => {
  switch (code) {
    case CohortErrorCode.NotFound:
    case CohortErrorCode.MemberNotFound:
      return 404;
    case CohortErrorCode.ReadOnly:
      return 403;
    case CohortErrorCode.IllegalTransition:
    case CohortErrorCode.VersionConflict:
    case CohortErrorCode.OfferDeadlinePassed:
    case CohortErrorCode.MemberNotDroppable:
      return 409;
    case CohortErrorCode.InvalidSchedule:
    case CohortErrorCode.InvalidTimeZone:
    case CohortErrorCode.GraduationIncomplete:
    case CohortErrorCode.ProgrammeNotOrganised:
    case CohortErrorCode.NotProgrammePartner:
    case CohortErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
});

export const cohortNotFound = (id: string) => new CohortError(CohortErrorCode.NotFound, `cohort ${id} not found`);

export const illegalTransition = (action: string, currentState: string) =>
  new CohortError(CohortErrorCode.IllegalTransition, `cannot ${action} a cohort in state ${currentState}`, { currentState });

export const versionConflict = (given: number, currentVersion: number, currentState: string) =>
  new CohortError(CohortErrorCode.VersionConflict, `version ${given} is stale: the cohort is at version ${currentVersion}`, {
    currentVersion,
    currentState,
  });
