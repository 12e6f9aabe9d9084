import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum ApplicationErrorCode {
  NotFound = 'APPLICATION.NOT_FOUND',
  ProgrammeNotFound = 'APPLICATION.PROGRAMME_NOT_FOUND',
  AlreadyApplied = 'APPLICATION.ALREADY_APPLIED',
  IllegalTransition = 'APPLICATION.ILLEGAL_TRANSITION',
  VersionConflict = 'APPLICATION.VERSION_CONFLICT',
  NotEligible = 'APPLICATION.NOT_ELIGIBLE',
  /** A list filter names an id the caller may not see (unknown or another tenant's); details: `errors`. */
  UnknownFilterId = 'APPLICATION.UNKNOWN_FILTER_ID',
}

/** details: `currentState` on illegal transitions, `failures` (every failing rule) when not eligible. */
export class ApplicationError extends DomainError<ApplicationErrorCode> {}

mapDomainErrorsToHttp(ApplicationError, (code) => {
  switch (code) {
    case ApplicationErrorCode.NotFound:
    case ApplicationErrorCode.ProgrammeNotFound:
      return 404;
    case ApplicationErrorCode.AlreadyApplied:
    case ApplicationErrorCode.IllegalTransition:
    case ApplicationErrorCode.VersionConflict:
      return 409;
    case ApplicationErrorCode.NotEligible:
    case ApplicationErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
