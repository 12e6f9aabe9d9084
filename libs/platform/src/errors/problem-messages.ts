import { STATUS_CODES } from 'node:http';
import { defineMessages, type Language, type ParamsOf, plural, registerCatalogue, translate } from '../i18n/messages';

/**
 * The titles of problem documents, by HTTP status, in the three languages. English is Node's status
 * phrase (what the titles were before they were translated), except the validation problem's own title.
 */
export const problemTitles = registerCatalogue(
  'platform.problem-titles',
  defineMessages({
    400: { en: () => 'Bad Request', ko: () => '잘못된 요청', ru: () => 'Неверный запрос' },
    401: { en: () => 'Unauthorized', ko: () => '인증 필요', ru: () => 'Требуется аутентификация' },
    403: { en: () => 'Forbidden', ko: () => '권한 없음', ru: () => 'Доступ запрещён' },
    404: { en: () => 'Not Found', ko: () => '찾을 수 없음', ru: () => 'Не найдено' },
    405: { en: () => 'Method Not Allowed', ko: () => '허용되지 않는 메서드', ru: () => 'Метод не разрешён' },
    406: { en: () => 'Not Acceptable', ko: () => '받아들일 수 없는 형식', ru: () => 'Неприемлемый формат' },
    409: { en: () => 'Conflict', ko: () => '충돌', ru: () => 'Конфликт' },
    410: { en: () => 'Gone', ko: () => '더 이상 없음', ru: () => 'Больше не существует' },
    412: { en: () => 'Precondition Failed', ko: () => '전제 조건 실패', ru: () => 'Предусловие не выполнено' },
    413: { en: () => 'Payload Too Large', ko: () => '요청 본문이 너무 큼', ru: () => 'Слишком большое тело запроса' },
    414: { en: () => 'URI Too Long', ko: () => 'URI가 너무 김', ru: () => 'Слишком длинный URI' },
    415: { en: () => 'Unsupported Media Type', ko: () => '지원하지 않는 미디어 형식', ru: () => 'Неподдерживаемый тип данных' },
    422: { en: () => 'Unprocessable Entity', ko: () => '처리할 수 없는 요청', ru: () => 'Запрос невозможно обработать' },
    429: { en: () => 'Too Many Requests', ko: () => '요청이 너무 많음', ru: () => 'Слишком много запросов' },
    500: { en: () => 'Internal Server Error', ko: () => '서버 내부 오류', ru: () => 'Внутренняя ошибка сервера' },
    502: { en: () => 'Bad Gateway', ko: () => '잘못된 게이트웨이', ru: () => 'Ошибка шлюза' },
    503: { en: () => 'Service Unavailable', ko: () => '서비스를 사용할 수 없음', ru: () => 'Сервис недоступен' },
    504: { en: () => 'Gateway Timeout', ko: () => '게이트웨이 시간 초과', ru: () => 'Шлюз не ответил вовремя' },
    INVALID_REQUEST: { en: () => 'Invalid request', ko: () => '유효하지 않은 요청', ru: () => 'Недопустимый запрос' },
  }),
);

export type ProblemTitleKey = keyof typeof problemTitles;

/** The title of a problem of `status` in `language`; a status without a translation keeps Node's English phrase. */
export function problemTitle(key: number | ProblemTitleKey, language: Language): string {
  const translations = problemTitles[key as ProblemTitleKey] as (typeof problemTitles)[ProblemTitleKey] | undefined;
  return translations ? translations[language]() : (STATUS_CODES[key as number] ?? 'Error');
}

const fieldList = (fields: string[]) => fields.join(', ');

/**
 * The detail of every problem the platform answers by itself (authentication, limits, body parsing,
 * idempotency, concurrency, the database, our own bugs), keyed by the stable machine `code` the
 * problem document carries beside the text. English is what these problems said before they were
 * translated; tests and clients read it.
 */
export const problemMessages = registerCatalogue(
  'platform.problems',
  defineMessages({
    'REQUEST.INVALID': {
      en: (p: { fields: string[] }) => `${p.fields.length} invalid field${p.fields.length === 1 ? '' : 's'}: ${fieldList(p.fields)}`,
      ko: (p) => `유효하지 않은 필드 ${p.fields.length}개: ${fieldList(p.fields)}`,
      ru: (p) =>
        `${p.fields.length} ${plural('ru', p.fields.length, { one: 'недопустимое поле', few: 'недопустимых поля', many: 'недопустимых полей', other: 'недопустимого поля' })}: ${fieldList(p.fields)}`,
    },
    'REQUEST.MALFORMED_JSON': {
      en: () => 'The body is not valid JSON',
      ko: () => '요청 본문이 올바른 JSON이 아닙니다',
      ru: () => 'Тело запроса не является корректным JSON',
    },
    'REQUEST.BODY_NOT_UTF8': {
      en: () => 'The body is not valid UTF-8',
      ko: () => '요청 본문이 올바른 UTF-8이 아닙니다',
      ru: () => 'Тело запроса не является корректным UTF-8',
    },
    'REQUEST.BODY_TOO_DEEP': {
      en: (p: { maxDepth: number }) => `The body is nested deeper than ${p.maxDepth} levels`,
      ko: (p) => `요청 본문의 중첩이 ${p.maxDepth}단계보다 깊습니다`,
      ru: (p) => `Вложенность тела запроса глубже ${p.maxDepth} уровней`,
    },
    'REQUEST.BODY_TOO_LARGE': {
      en: () => 'The request body is larger than this service accepts',
      ko: () => '요청 본문이 이 서비스가 받는 크기보다 큽니다',
      ru: () => 'Тело запроса больше, чем принимает этот сервис',
    },
    'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
      en: () => 'Unsupported content type: send application/json',
      ko: () => '지원하지 않는 content type입니다: application/json으로 보내세요',
      ru: () => 'Неподдерживаемый content type: отправьте application/json',
    },
    'REQUEST.EMPTY_JSON_BODY': {
      en: () => 'The body is empty but content-type is application/json',
      ko: () => 'content-type은 application/json인데 요청 본문이 비어 있습니다',
      ru: () => 'Тело запроса пустое, хотя content-type — application/json',
    },
    'REQUEST.BAD_URL': {
      en: () => 'The path is not valid percent-encoded UTF-8',
      ko: () => '경로가 올바르게 퍼센트 인코딩된 UTF-8이 아닙니다',
      ru: () => 'Путь не является корректным UTF-8 в процентной кодировке',
    },
    'REQUEST.PARAM_TOO_LONG': {
      en: () => 'A path parameter is longer than this service accepts',
      ko: () => '경로 매개변수가 이 서비스가 받는 길이보다 깁니다',
      ru: () => 'Параметр пути длиннее, чем принимает этот сервис',
    },
    /** A refusal of the HTTP framework we have no words of our own for: English keeps its message. */
    'REQUEST.REFUSED': {
      en: (p: { message: string }) => p.message,
      ko: () => '요청이 거부되었습니다',
      ru: () => 'Запрос отклонён',
    },
    /** A path parameter Nest's parse pipes refused (`ParseUUIDPipe`: "uuid"). */
    'REQUEST.INVALID_PARAMETER': {
      en: (p: { expected: string }) => `Validation failed (${p.expected} is expected)`,
      ko: (p) => `경로 매개변수가 올바르지 않습니다(${p.expected} 형식이어야 합니다)`,
      ru: (p) => `Недопустимый параметр пути (ожидается ${p.expected})`,
    },
    'ROUTE.NOT_FOUND': {
      en: (p: { method: string; path: string }) => `Cannot ${p.method} ${p.path}`,
      ko: (p) => `${p.method} ${p.path} 경로가 없습니다`,
      ru: (p) => `Маршрута ${p.method} ${p.path} нет`,
    },
    'AUTH.KEY_MISSING': {
      en: () => 'Send an API key: Authorization: Bearer <key>',
      ko: () => 'API 키를 보내세요: Authorization: Bearer <key>',
      ru: () => 'Отправьте API-ключ: Authorization: Bearer <key>',
    },
    'AUTH.KEY_MALFORMED': {
      en: () => 'The Authorization header must be "Bearer <key>"',
      ko: () => 'Authorization 헤더는 "Bearer <key>" 형식이어야 합니다',
      ru: () => 'Заголовок Authorization должен иметь вид "Bearer <key>"',
    },
    'AUTH.KEY_INVALID': {
      en: () => 'The API key is unknown, revoked or expired',
      ko: () => 'API 키가 알 수 없거나 폐기되었거나 만료되었습니다',
      ru: () => 'API-ключ неизвестен, отозван или истёк',
    },
    'AUTH.ROLE_NOT_ALLOWED': {
      en: (p: { role: string; allowed: string[] }) => `This operation needs one of the roles ${p.allowed.join(', ')}; the key has role ${p.role}`,
      ko: (p) => `이 작업에는 ${p.allowed.join(', ')} 중 하나의 역할이 필요합니다. 이 키의 역할은 ${p.role}입니다`,
      ru: (p) => `Для этой операции нужна одна из ролей ${p.allowed.join(', ')}; у ключа роль ${p.role}`,
    },
    'AUTH.NO_ROLE_ALLOWED': {
      en: () => 'This operation declares no role that may call it',
      ko: () => '이 작업을 호출할 수 있는 역할이 정해져 있지 않습니다',
      ru: () => 'Для этой операции не объявлено ни одной роли, которой она разрешена',
    },
    'RATE_LIMIT.EXCEEDED': {
      en: (p: { limit: number; windowSeconds: number; resetSeconds: number }) =>
        `At most ${p.limit} requests per ${p.windowSeconds} s; retry after ${p.resetSeconds} s`,
      ko: (p) => `${p.windowSeconds}초에 최대 ${p.limit}건까지 요청할 수 있습니다. ${p.resetSeconds}초 후에 다시 시도하세요`,
      ru: (p) => `Не больше ${p.limit} запросов за ${p.windowSeconds} с; повторите через ${p.resetSeconds} с`,
    },
    'RATE_LIMIT.FAILED_AUTHENTICATIONS': {
      en: (p: { limit: number; windowSeconds: number; resetSeconds: number }) =>
        `At most ${p.limit} failed authentications per ${p.windowSeconds} s; retry after ${p.resetSeconds} s`,
      ko: (p) => `${p.windowSeconds}초에 인증 실패는 최대 ${p.limit}번까지입니다. ${p.resetSeconds}초 후에 다시 시도하세요`,
      ru: (p) => `Не больше ${p.limit} неудачных попыток аутентификации за ${p.windowSeconds} с; повторите через ${p.resetSeconds} с`,
    },
    'IDEMPOTENCY.INVALID_KEY': {
      en: () => 'Idempotency-Key must be 1 to 255 visible ASCII characters',
      ko: () => 'Idempotency-Key는 보이는 ASCII 문자 1~255자여야 합니다',
      ru: () => 'Idempotency-Key должен состоять из 1–255 видимых символов ASCII',
    },
    'IDEMPOTENCY.KEY_REUSED': {
      en: () => 'This Idempotency-Key was already used with a different request; use a new key for a new request',
      ko: () => '이 Idempotency-Key는 이미 다른 요청에 사용되었습니다. 새 요청에는 새 키를 사용하세요',
      ru: () => 'Этот Idempotency-Key уже использован с другим запросом; для нового запроса возьмите новый ключ',
    },
    'IDEMPOTENCY.IN_PROGRESS': {
      en: () => 'A request with this Idempotency-Key is still in progress; retry later',
      ko: () => '이 Idempotency-Key의 요청이 아직 처리 중입니다. 나중에 다시 시도하세요',
      ru: () => 'Запрос с этим Idempotency-Key ещё выполняется; повторите позже',
    },
    'CONCURRENCY.STALE_VERSION': {
      en: (p: { entity: string; expected: number; currentVersion: number }) =>
        `The ${p.entity} was changed meanwhile: version ${p.expected} is stale, the current version is ${p.currentVersion}`,
      ko: (p) => `그 사이에 변경되었습니다: 버전 ${p.expected}은(는) 오래되었고 현재 버전은 ${p.currentVersion}입니다`,
      ru: (p) => `Объект успел измениться: версия ${p.expected} устарела, текущая версия — ${p.currentVersion}`,
    },
    'CONCURRENCY.INVALID_IF_MATCH': {
      en: () => 'If-Match must be the ETag of the object ("<version>")',
      ko: () => 'If-Match는 객체의 ETag("<version>")여야 합니다',
      ru: () => 'If-Match должен быть ETag объекта ("<version>")',
    },
    'SERVICE.DATABASE_UNAVAILABLE': {
      en: () => 'The service cannot reach its database for a moment: retry the request',
      ko: () => '서비스가 잠시 데이터베이스에 연결할 수 없습니다. 요청을 다시 보내세요',
      ru: () => 'Сервис на время потерял связь с базой данных: повторите запрос',
    },
    'SERVICE.UNEXPECTED_ERROR': {
      en: () => 'An unexpected error occurred',
      ko: () => '예기치 않은 오류가 발생했습니다',
      ru: () => 'Произошла непредвиденная ошибка',
    },
  }),
  {
    'REQUEST.INVALID': { fields: ['name', 'team.0.email'] },
    'REQUEST.BODY_TOO_DEEP': { maxDepth: 32 },
    'REQUEST.REFUSED': { message: 'Method Not Allowed' },
    'REQUEST.INVALID_PARAMETER': { expected: 'uuid' },
    'ROUTE.NOT_FOUND': { method: 'GET', path: '/v1/nope' },
    'AUTH.ROLE_NOT_ALLOWED': { role: 'reviewer', allowed: ['admin', 'programme_manager'] },
    'RATE_LIMIT.EXCEEDED': { limit: 100, windowSeconds: 60, resetSeconds: 12 },
    'RATE_LIMIT.FAILED_AUTHENTICATIONS': { limit: 20, windowSeconds: 60, resetSeconds: 12 },
    'CONCURRENCY.STALE_VERSION': { entity: 'person', expected: 2, currentVersion: 3 },
  },
);

export type PlatformProblemCode = keyof typeof problemMessages;

/** What a problem says, kept as its code and parameters so it can be put into the reply's language. */
export interface ProblemText<K extends PlatformProblemCode = PlatformProblemCode> {
  code: K;
  params: ParamsOf<typeof problemMessages, K>;
  /** The title, when it is not the one of the status (validation problems: "Invalid request"). */
  title?: ProblemTitleKey;
}

/** The parameters a code takes: none for a fixed text, else its typed object. */
type ParamsArgument<K extends PlatformProblemCode> = ParamsOf<typeof problemMessages, K> extends undefined ? [] : [ParamsOf<typeof problemMessages, K>];

export function problemText<K extends PlatformProblemCode>(code: K, ...params: ParamsArgument<K>): ProblemText<K> {
  return { code, params: params[0] as ParamsOf<typeof problemMessages, K> };
}

export function problemDetail(text: ProblemText, language: Language): string {
  return translate(problemMessages, text.code, text.params as never, language);
}
