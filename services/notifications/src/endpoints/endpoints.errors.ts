import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum EndpointErrorCode {
  NotFound = 'WEBHOOK_ENDPOINT.NOT_FOUND',
  UnsafeUrl = 'WEBHOOK_ENDPOINT.UNSAFE_URL',
  InvalidEventTypes = 'WEBHOOK_ENDPOINT.INVALID_EVENT_TYPES',
  IllegalTransition = 'WEBHOOK_ENDPOINT.ILLEGAL_TRANSITION',
  StaleVersion = 'WEBHOOK_ENDPOINT.STALE_VERSION',
  InvalidTimeRange = 'WEBHOOK_ENDPOINT.INVALID_TIME_RANGE',
  NoOrganisation = 'WEBHOOK_ENDPOINT.NO_ORGANISATION',
  InvalidCursor = 'WEBHOOK_ENDPOINT.INVALID_CURSOR',
}

export class EndpointError extends DomainError<EndpointErrorCode> {}

mapDomainErrorsToHttp(EndpointError, (code) => {
  switch (code) {
    case EndpointErrorCode.NotFound:
      return 404;
    case EndpointErrorCode.UnsafeUrl:
    case EndpointErrorCode.InvalidEventTypes:
    case EndpointErrorCode.InvalidTimeRange:
    case EndpointErrorCode.InvalidCursor:
      return 422;
    case EndpointErrorCode.IllegalTransition:
    case EndpointErrorCode.StaleVersion:
      return 409;
    case EndpointErrorCode.NoOrganisation:
      return 403;
    default:
      return assertUnreachable(code);
  }
});
