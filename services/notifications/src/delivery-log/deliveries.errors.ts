import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum DeliveryErrorCode {
  NotFound = 'WEBHOOK_DELIVERY.NOT_FOUND',
  IllegalTransition = 'WEBHOOK_DELIVERY.ILLEGAL_TRANSITION',
  InvalidTimeRange = 'WEBHOOK_DELIVERY.INVALID_TIME_RANGE',
  /** A list filter names an id the caller may not see (unknown or another organisation's); details: `errors`. */
  UnknownFilterId = 'WEBHOOK_DELIVERY.UNKNOWN_FILTER_ID',
}

export class DeliveryError extends DomainError<DeliveryErrorCode> {}

mapDomainErrorsToHttp(DeliveryError, (code) => {
  switch (code) {
    case DeliveryErrorCode.NotFound:
      return 404;
    case DeliveryErrorCode.IllegalTransition:
      return 409;
    case DeliveryErrorCode.InvalidTimeRange:
    case DeliveryErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
