import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum EndpointErrorCode {
  NotFound = 'WEBHOOK_ENDPOINT.NOT_FOUND',
  UnsafeUrl = 'WEBHOOK_ENDPOINT.UNSAFE_URL',
  InvalidEventTypes = 'WEBHOOK_ENDPOINT.INVALID_EVENT_TYPES',
  IllegalTransition = 'WEBHOOK_ENDPOINT.ILLEGAL_TRANSITION',
  StaleVersion = 'WEBHOOK_ENDPOINT.STALE_VERSION',
  InvalidTimeRange = 'WEBHOOK_ENDPOINT.INVALID_TIME_RANGE',
  NoOrganisation = 'WEBHOOK_ENDPOINT.NO_ORGANISATION',
  /** The organisation has as many endpoints as it may (WEBHOOK_MAX_ENDPOINTS_PER_ORGANISATION). */
  LimitReached = 'WEBHOOK_ENDPOINT.LIMIT_REACHED',
  /** A replay asked for a longer range than one request may cover (WEBHOOK_MAX_REPLAY_DAYS). */
  ReplaySpanTooLong = 'WEBHOOK_ENDPOINT.REPLAY_SPAN_TOO_LONG',
  /** The stored secret cannot be opened with the configured keys (an operator must configure its key). */
  SecretUnavailable = 'WEBHOOK_ENDPOINT.SECRET_UNAVAILABLE',
}

export class EndpointError extends DomainError<EndpointErrorCode> {}

mapDomainErrorsToHttp(EndpointError, (code) => {
  switch (code) {
    case EndpointErrorCode.NotFound:
      return 404;
    case EndpointErrorCode.UnsafeUrl:
    case EndpointErrorCode.InvalidEventTypes:
    case EndpointErrorCode.InvalidTimeRange:
      return 422;
    case EndpointErrorCode.IllegalTransition:
    case EndpointErrorCode.StaleVersion:
      return 409;
    case EndpointErrorCode.NoOrganisation:
      return 403;
    case EndpointErrorCode.LimitReached:
      return 409;
    case EndpointErrorCode.ReplaySpanTooLong:
      return 400;
    case EndpointErrorCode.SecretUnavailable:
      return 503;
    default:
      return assertUnreachable(code);
  }
});
