import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum OfferErrorCode {
  NotFound = 'OFFER.NOT_FOUND',
  NotOpen = 'OFFER.NOT_OPEN',
  Expired = 'OFFER.EXPIRED',
  CohortFull = 'OFFER.COHORT_FULL',
  CohortClosed = 'OFFER.COHORT_CLOSED',
}

export class OfferError extends DomainError<OfferErrorCode> {}

mapDomainErrorsToHttp(OfferError, (code) => {
  switch (code) {
    case OfferErrorCode.NotFound:
      return 404;
    case OfferErrorCode.NotOpen:
    case OfferErrorCode.Expired:
    case OfferErrorCode.CohortFull:
    case OfferErrorCode.CohortClosed:
      return 409;
    default:
      return assertUnreachable(code);
  }
});

export const offerNotFound = (id: string) => new OfferError(OfferErrorCode.NotFound, `offer ${id} not found`);
