import { assertUnreachable, DomainError, mapDomainErrorsToHttp } from '@exchange/platform';

export enum OutboxErrorCode {
  EventTooLarge = 'OUTBOX.EVENT_TOO_LARGE',
}

/** Thrown by the OutboxWriter inside the caller's transaction, so the state change rolls back with it. */
export class OutboxError extends DomainError<OutboxErrorCode> {}

mapDomainErrorsToHttp(OutboxError, (code) => {
  switch (code) {
    // 422, not 413: the body passed the body limit and validation; what is too large is the event the
    // resulting state would publish (a small PATCH of a large profile can cross it), so the change
    // itself is refused. 413 stays the answer for a body over BODY_LIMIT_BYTES.
    case OutboxErrorCode.EventTooLarge:
      return 422;
    default:
      return assertUnreachable(code);
  }
});
