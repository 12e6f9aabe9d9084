import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum OutboxErrorCode {
  EventTooLarge = 'OUTBOX.EVENT_TOO_LARGE',
}

/** Thrown by the OutboxWriter inside the caller's transaction, so the state change rolls back with it. */
export class OutboxError extends DomainError<OutboxErrorCode> {}

/** The detail of each code in three languages, rendered from the error's details. */
export const outboxErrorMessages = registerCatalogue(
  'messaging.outbox-errors',
  defineMessages({
    [OutboxErrorCode.EventTooLarge]: {
      en: (p: { eventType: string; eventBytes: number; limitBytes: number; field?: string }) =>
        `The ${p.eventType} event this change would publish is ${p.eventBytes} bytes, over the limit of ${p.limitBytes} bytes` +
        (p.field ? `; most of it is ${p.field}. Shorten it and try again.` : '. Send less data and try again.'),
      ko: (p) =>
        `이 변경으로 발행될 ${p.eventType} 이벤트는 ${p.eventBytes}바이트로 한도 ${p.limitBytes}바이트를 넘습니다` +
        (p.field ? `. 대부분이 ${p.field}입니다. 줄여서 다시 시도하세요.` : '. 데이터를 줄여서 다시 시도하세요.'),
      ru: (p) =>
        `Событие ${p.eventType}, которое опубликует это изменение, занимает ${p.eventBytes} байт — больше предела в ${p.limitBytes} байт` +
        (p.field ? `; больше всего места занимает ${p.field}. Сократите его и повторите.` : '. Отправьте меньше данных и повторите.'),
    },
  }),
  { [OutboxErrorCode.EventTooLarge]: { eventType: 'startup.updated', eventBytes: 2048, limitBytes: 1024, field: 'startup.name' } },
);

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
}, outboxErrorMessages);
