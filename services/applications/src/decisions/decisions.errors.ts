import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum DecisionErrorCode {
  ApplicationNotFound = 'DECISION.APPLICATION_NOT_FOUND',
  ProgrammeNotFound = 'DECISION.PROGRAMME_NOT_FOUND',
}

export class DecisionError extends DomainError<DecisionErrorCode> {}

mapDomainErrorsToHttp(DecisionError, (code) => {
  switch (code) {
    case DecisionErrorCode.ApplicationNotFound:
    case DecisionErrorCode.ProgrammeNotFound:
      return 404;
    default:
      return assertUnreachable(code);
  }
});
