import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum ProgrammeErrorCode {
  NotFound = 'PROGRAMME.NOT_FOUND',
  /** A partner organisation's staff: they read the programme, only the organiser edits, publishes or closes it. */
  NotOrganiser = 'PROGRAMME.NOT_ORGANISER',
  InvalidWindow = 'PROGRAMME.INVALID_WINDOW',
  InvalidTimeZone = 'PROGRAMME.INVALID_TIME_ZONE',
  InvalidRubric = 'PROGRAMME.INVALID_RUBRIC',
  InvalidEligibility = 'PROGRAMME.INVALID_ELIGIBILITY',
  IllegalState = 'PROGRAMME.ILLEGAL_STATE',
  VersionConflict = 'PROGRAMME.VERSION_CONFLICT',
}

export class ProgrammeError extends DomainError<ProgrammeErrorCode> {}

mapDomainErrorsToHttp(ProgrammeError, (code) => {
  switch (code) {
    case ProgrammeErrorCode.NotFound:
      return 404;
    case ProgrammeErrorCode.NotOrganiser:
      return 403;
    case ProgrammeErrorCode.InvalidWindow:
    case ProgrammeErrorCode.InvalidTimeZone:
    case ProgrammeErrorCode.InvalidRubric:
    case ProgrammeErrorCode.InvalidEligibility:
      return 422;
    case ProgrammeErrorCode.IllegalState:
    case ProgrammeErrorCode.VersionConflict:
      return 409;
    default:
      return assertUnreachable(code);
  }
});
