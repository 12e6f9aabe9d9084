import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, plural, registerCatalogue } from '@exchange/platform';

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

/** What an illegal transition of an endpoint tried to do, in words. */
export const ENDPOINT_ACTIONS = {
  rotate_secret: { en: 'rotate the secret of', ko: '서명 비밀키 교체', ru: 'смена секрета' },
  pause: { en: 'pause', ko: '일시 중지', ru: 'приостановка' },
  resume: { en: 'resume', ko: '재개', ru: 'возобновление' },
  send_test: { en: 'send a test event to', ko: '테스트 이벤트 전송', ru: 'отправка тестового события' },
  replay: { en: 'replay events to', ko: '이벤트 재전송', ru: 'повторная отправка событий' },
} as const;
export type EndpointAction = keyof typeof ENDPOINT_ACTIONS;
const actionOf = (action: string, language: 'en' | 'ko' | 'ru') => ENDPOINT_ACTIONS[action as EndpointAction]?.[language] ?? action;
/** The guard's reason for refusing a URL: English only (it names the address class), so the other languages quote it. */
const urlReason = (p: { errors: Array<{ message: string }> }) => p.errors[0]?.message ?? '';

/** The detail of each code in three languages, rendered from the error's details. */
export const endpointErrorMessages = registerCatalogue(
  'notifications.endpoint-errors',
  defineMessages({
    [EndpointErrorCode.NotFound]: {
      en: () => 'webhook endpoint not found',
      ko: () => '웹훅 엔드포인트를 찾을 수 없습니다',
      ru: () => 'Конечная точка вебхуков не найдена',
    },
    [EndpointErrorCode.UnsafeUrl]: {
      en: (p: { errors: Array<{ message: string }> }) => `url is not allowed: ${urlReason(p)}`,
      ko: (p) => `허용되지 않는 url입니다 (${urlReason(p)})`,
      ru: (p) => `Такой url не допускается (${urlReason(p)})`,
    },
    [EndpointErrorCode.InvalidEventTypes]: {
      en: (p: { problems: string[] }) => p.problems.join('; '),
      ko: (p) => `이벤트 유형이 올바르지 않습니다: ${p.problems.join('; ')}`,
      ru: (p) => `Недопустимые типы событий: ${p.problems.join('; ')}`,
    },
    [EndpointErrorCode.IllegalTransition]: {
      en: (p: { action: string; currentState: string }) => `cannot ${actionOf(p.action, 'en')} an endpoint that is ${p.currentState}`,
      ko: (p) => `'${p.currentState}' 상태인 엔드포인트에는 ${actionOf(p.action, 'ko')}을(를) 할 수 없습니다`,
      ru: (p) => `Действие «${actionOf(p.action, 'ru')}» недоступно для конечной точки в состоянии «${p.currentState}»`,
    },
    [EndpointErrorCode.StaleVersion]: {
      en: () => 'the endpoint was changed meanwhile; read it again',
      ko: () => '그 사이에 엔드포인트가 변경되었습니다. 다시 읽어 오세요',
      ru: () => 'Конечная точка успела измениться; прочитайте её заново',
    },
    [EndpointErrorCode.InvalidTimeRange]: {
      en: () => '`from` must be before `to`',
      ko: () => '`from`은 `to`보다 앞이어야 합니다',
      ru: () => '`from` должно быть раньше `to`',
    },
    [EndpointErrorCode.NoOrganisation]: {
      en: () => 'webhook endpoints belong to an organisation; this key has none',
      ko: () => '웹훅 엔드포인트는 기관에 속합니다. 이 키에는 기관이 없습니다',
      ru: () => 'Конечные точки вебхуков принадлежат организации, а у этого ключа её нет',
    },
    [EndpointErrorCode.LimitReached]: {
      en: (p: { limit: number; count: number }) =>
        `an organisation may have at most ${p.limit} webhook endpoints and this one has ${p.count}; delete one it no longer uses first`,
      ko: (p) => `기관당 웹훅 엔드포인트는 최대 ${p.limit}개이며 이 기관에는 ${p.count}개가 있습니다. 쓰지 않는 것을 먼저 삭제하세요`,
      ru: (p) => `У организации может быть не больше ${p.limit} конечных точек вебхуков, а у этой их ${p.count}; сначала удалите ненужную`,
    },
    [EndpointErrorCode.ReplaySpanTooLong]: {
      en: (p: { maxDays: number }) => `to must be at most ${p.maxDays} days after from: one replay covers at most ${p.maxDays} days; split longer ranges`,
      ko: (p) => `to는 from 이후 최대 ${p.maxDays}일이어야 합니다. 한 번의 재전송은 최대 ${p.maxDays}일을 다루므로 더 긴 기간은 나누세요`,
      ru: (p) =>
        `to должно быть не позже чем через ${p.maxDays} ${plural('ru', p.maxDays, { one: 'день', few: 'дня', many: 'дней', other: 'дня' })} после from: повторная отправка охватывает не больше этого срока; разбейте длинный период`,
    },
    [EndpointErrorCode.SecretUnavailable]: {
      en: () => 'the current signing secret of this endpoint cannot be read right now; try again later',
      ko: () => '지금은 이 엔드포인트의 현재 서명 비밀키를 읽을 수 없습니다. 나중에 다시 시도하세요',
      ru: () => 'Текущий секрет подписи этой конечной точки сейчас недоступен; повторите позже',
    },
  }),
  {
    [EndpointErrorCode.UnsafeUrl]: { errors: [{ message: 'must be an https URL' }] },
    [EndpointErrorCode.InvalidEventTypes]: { problems: ['"pilot.aproved" matches no event type'] },
    [EndpointErrorCode.IllegalTransition]: { action: 'pause', currentState: 'disabled' },
    [EndpointErrorCode.LimitReached]: { limit: 3, count: 3 },
    [EndpointErrorCode.ReplaySpanTooLong]: { maxDays: 2 },
  },
);

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
}, endpointErrorMessages);
