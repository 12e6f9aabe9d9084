import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum DecisionErrorCode {
  ApplicationNotFound = 'DECISION.APPLICATION_NOT_FOUND',
  ProgrammeNotFound = 'DECISION.PROGRAMME_NOT_FOUND',
  /** A partner organisation's staff: they read the application, only the organiser decides. */
  NotOrganiser = 'DECISION.NOT_ORGANISER',
}

export class DecisionError extends DomainError<DecisionErrorCode> {}

mapDomainErrorsToHttp(DecisionError, (code) => {
  switch (code) {
    case DecisionErrorCode.ApplicationNotFound:
    case DecisionErrorCode.ProgrammeNotFound:
      return 404;
    case DecisionErrorCode.NotOrganiser:
      return 403;
    default:
      return assertUnreachable(code);
  }
});
