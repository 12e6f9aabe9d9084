import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum DeliveryErrorCode {
  NotFound = 'WEBHOOK_DELIVERY.NOT_FOUND',
  IllegalTransition = 'WEBHOOK_DELIVERY.ILLEGAL_TRANSITION',
  InvalidTimeRange = 'WEBHOOK_DELIVERY.INVALID_TIME_RANGE',
  /** A list filter names an id the caller may not see (unknown or another organisation's); details: `errors`. */
  UnknownFilterId = 'WEBHOOK_DELIVERY.UNKNOWN_FILTER_ID',
}

export class DeliveryError extends DomainError<DeliveryErrorCode> {}

const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map((e) => e.field).join(', ');

/** The detail of each code in three languages, rendered from the error's details. */
export const deliveryErrorMessages = registerCatalogue(
  'notifications.delivery-errors',
  defineMessages({
    [DeliveryErrorCode.NotFound]: {
      en: () => 'webhook delivery not found',
      ko: () => '웹훅 전송 기록을 찾을 수 없습니다',
      ru: () => 'Доставка вебхука не найдена',
    },
    [DeliveryErrorCode.IllegalTransition]: {
      en: (p: { currentState: string; endpointState?: string }) =>
        p.endpointState ? `the endpoint is ${p.endpointState}; resume it first` : 'the delivery already succeeded; replay the time range to send it again',
      ko: (p) =>
        p.endpointState
          ? `엔드포인트가 '${p.endpointState}' 상태입니다. 먼저 재개하세요`
          : '이미 성공한 전송입니다. 다시 보내려면 해당 기간을 재전송하세요',
      ru: (p) =>
        p.endpointState
          ? `Конечная точка в состоянии «${p.endpointState}»; сначала возобновите её`
          : 'Доставка уже прошла успешно; чтобы отправить снова, повторите отправку за этот период',
    },
    [DeliveryErrorCode.InvalidTimeRange]: {
      en: () => '`from` must be before `to`',
      ko: () => '`from`은 `to`보다 앞이어야 합니다',
      ru: () => '`from` должно быть раньше `to`',
    },
    [DeliveryErrorCode.UnknownFilterId]: {
      en: (p: { errors: Array<{ field: string }> }) => `Unknown ${fieldsOf(p.errors)}`,
      ko: (p) => `볼 수 없거나 없는 항목을 가리킵니다: ${fieldsOf(p.errors)}`,
      ru: (p) => `Фильтр указывает на то, чего нет или что вам недоступно: ${fieldsOf(p.errors)}`,
    },
  }),
  {
    [DeliveryErrorCode.IllegalTransition]: { currentState: 'failed', endpointState: 'paused' },
    [DeliveryErrorCode.UnknownFilterId]: { errors: [{ field: 'endpointId' }] },
  },
);

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
}, deliveryErrorMessages);
