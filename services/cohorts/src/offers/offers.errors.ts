import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum OfferErrorCode {
  NotFound = 'OFFER.NOT_FOUND',
  NotOpen = 'OFFER.NOT_OPEN',
  Expired = 'OFFER.EXPIRED',
  CohortFull = 'OFFER.COHORT_FULL',
  CohortClosed = 'OFFER.COHORT_CLOSED',
}

export class OfferError extends DomainError<OfferErrorCode> {}

/** The detail of each code in three languages, rendered from the error's details. */
export const offerErrorMessages = registerCatalogue(
  'cohorts.offer-errors',
  defineMessages({
    [OfferErrorCode.NotFound]: {
      en: () => 'offer not found',
      ko: () => '제안을 찾을 수 없습니다',
      ru: () => 'Предложение не найдено',
    },
    [OfferErrorCode.NotOpen]: {
      en: (p: { currentState: string }) => `the offer is ${p.currentState}`,
      ko: (p) => `이 제안은 '${p.currentState}' 상태입니다`,
      ru: (p) => `Предложение в состоянии «${p.currentState}»`,
    },
    [OfferErrorCode.Expired]: {
      en: (p: { deadline: string }) => `the offer has expired (the deadline was ${p.deadline})`,
      ko: (p) => `제안이 만료되었습니다(마감: ${p.deadline})`,
      ru: (p) => `Срок предложения истёк (он был ${p.deadline})`,
    },
    [OfferErrorCode.CohortFull]: {
      en: (p: { capacity: number }) => `the cohort is full (${p.capacity} places)`,
      ko: (p) => `코호트 정원(${p.capacity}명)이 다 찼습니다`,
      ru: (p) => `В когорте нет мест (всего мест: ${p.capacity})`,
    },
    [OfferErrorCode.CohortClosed]: {
      en: (p: { cohortState: string }) => `the cohort is ${p.cohortState}`,
      ko: (p) => `코호트가 '${p.cohortState}' 상태입니다`,
      ru: (p) => `Когорта в состоянии «${p.cohortState}»`,
    },
  }),
  {
    [OfferErrorCode.NotOpen]: { currentState: 'declined' },
    [OfferErrorCode.Expired]: { deadline: '2030-03-25T10:30:00.000Z' },
    [OfferErrorCode.CohortFull]: { capacity: 10 },
    [OfferErrorCode.CohortClosed]: { cohortState: 'completed' },
  },
);

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
}, offerErrorMessages);

export const offerNotFound = (id: string) => new OfferError(OfferErrorCode.NotFound, `offer ${id} not found`);
