import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum PilotErrorCode {
  NotFound = 'PILOT.NOT_FOUND',
  NotOrganiser = 'PILOT.NOT_ORGANISER',
  UnknownFilterId = 'PILOT.UNKNOWN_FILTER_ID',
  IllegalTransition = 'PILOT.ILLEGAL_TRANSITION',
  StaleVersion = 'PILOT.STALE_VERSION',
  OutsideSiteAvailability = 'PILOT.OUTSIDE_SITE_AVAILABILITY',
  ResultsDoNotMatchCriteria = 'PILOT.RESULTS_DO_NOT_MATCH_CRITERIA',
  CurrencyWithoutValue = 'PILOT.CONTRACT_CURRENCY_MISMATCH',
}

export class PilotError extends DomainError<PilotErrorCode> {}

mapDomainErrorsToHttp(PilotError, (code) => {
  switch (code) {
    case PilotErrorCode.NotFound:
      return 404;
    case PilotErrorCode.NotOrganiser:
      return 403;
    case PilotErrorCode.IllegalTransition:
    case PilotErrorCode.StaleVersion:
      return 409;
    case PilotErrorCode.OutsideSiteAvailability:
    case PilotErrorCode.ResultsDoNotMatchCriteria:
    case PilotErrorCode.CurrencyWithoutValue:
    case PilotErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
