import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum SiteErrorCode {
  NotFound = 'PILOT_SITE.NOT_FOUND',
  StaleVersion = 'PILOT_SITE.STALE_VERSION',
  CapacityBelowActivePilots = 'PILOT_SITE.CAPACITY_BELOW_ACTIVE_PILOTS',
  InvalidTrlRange = 'PILOT_SITE.INVALID_TRL_RANGE',
  InvalidDates = 'PILOT_SITE.INVALID_DATES',
  ProgrammeNotOpenToSites = 'PILOT_SITE.PROGRAMME_NOT_OPEN_TO_SITES',
  UnknownProgramme = 'PILOT_SITE.UNKNOWN_PROGRAMME',
}

export class SiteError extends DomainError<SiteErrorCode> {}

mapDomainErrorsToHttp(SiteError, (code) => {
  switch (code) {
    case SiteErrorCode.NotFound:
      return 404;
    case SiteErrorCode.StaleVersion:
    case SiteErrorCode.CapacityBelowActivePilots:
      return 409;
    case SiteErrorCode.InvalidTrlRange:
    case SiteErrorCode.InvalidDates:
    case SiteErrorCode.ProgrammeNotOpenToSites:
    case SiteErrorCode.UnknownProgramme:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
