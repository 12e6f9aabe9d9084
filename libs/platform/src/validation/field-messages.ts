import type { FieldError } from '../errors/problem';
import { defineMessages, type Language, registerCatalogue } from '../i18n/messages';
import { EARLIEST_YEAR, LATEST_YEAR, SLUG_MAX_LENGTH } from './field-rules';

/**
 * The messages of field errors in Korean and Russian. A field error carries the rule it broke as its
 * `code` (class-validator's constraint name, or one of ours such as `required`) and its message in
 * English as class-validator (or our code) wrote it. The English message is sent as it is; for the
 * other languages the limits are read back from the English message of a known rule and put into
 * the translation. A rule not listed here, or a custom message that does not read like the default
 * one, keeps its English text.
 */
interface FieldParams {
  field: string;
  /** class-validator's `each: true` rules say "each value in <field> …". */
  each?: boolean;
}
type Limit = FieldParams & { limit: string };
type Values = FieldParams & { values: string };

const koSubject = (p: FieldParams) => (p.each ? `${p.field}의 각 값은` : `${p.field}은(는)`);
const ruSubject = (p: FieldParams) => (p.each ? `Каждое значение поля ${p.field}` : `Поле ${p.field}`);
const enSubject = (p: FieldParams) => (p.each ? `each value in ${p.field}` : p.field);

export const fieldMessages = registerCatalogue(
  'platform.field-errors',
  defineMessages({
    required: { en: (p: FieldParams) => `${p.field} is required`, ko: (p) => `${p.field}은(는) 필수입니다`, ru: (p) => `Поле ${p.field} обязательно` },
    whitelistValidation: {
      en: (p: FieldParams) => `property ${p.field} should not exist`,
      ko: (p) => `${p.field} 속성은 허용되지 않습니다`,
      ru: (p) => `Поле ${p.field} не допускается`,
    },
    isString: { en: (p: FieldParams) => `${enSubject(p)} must be a string`, ko: (p) => `${koSubject(p)} 문자열이어야 합니다`, ru: (p) => `${ruSubject(p)} должно быть строкой` },
    isInt: { en: (p: FieldParams) => `${enSubject(p)} must be an integer number`, ko: (p) => `${koSubject(p)} 정수여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть целым числом` },
    isNumber: {
      en: (p: FieldParams) => `${enSubject(p)} must be a number conforming to the specified constraints`,
      ko: (p) => `${koSubject(p)} 조건에 맞는 숫자여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно быть числом, отвечающим условиям`,
    },
    isBoolean: { en: (p: FieldParams) => `${enSubject(p)} must be a boolean value`, ko: (p) => `${koSubject(p)} true 또는 false여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть true или false` },
    isPositive: { en: (p: FieldParams) => `${enSubject(p)} must be a positive number`, ko: (p) => `${koSubject(p)} 양수여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть положительным числом` },
    min: { en: (p: Limit) => `${enSubject(p)} must not be less than ${p.limit}`, ko: (p) => `${koSubject(p)} ${p.limit} 이상이어야 합니다`, ru: (p) => `${ruSubject(p)} должно быть не меньше ${p.limit}` },
    max: { en: (p: Limit) => `${enSubject(p)} must not be greater than ${p.limit}`, ko: (p) => `${koSubject(p)} ${p.limit} 이하여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть не больше ${p.limit}` },
    minLength: {
      en: (p: Limit) => `${enSubject(p)} must be longer than or equal to ${p.limit} characters`,
      ko: (p) => `${koSubject(p)} ${p.limit}자 이상이어야 합니다`,
      ru: (p) => `${ruSubject(p)} должно содержать не меньше ${p.limit} символов`,
    },
    maxLength: {
      en: (p: Limit) => `${enSubject(p)} must be shorter than or equal to ${p.limit} characters`,
      ko: (p) => `${koSubject(p)} ${p.limit}자 이하여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно содержать не больше ${p.limit} символов`,
    },
    isLength: {
      en: (p: FieldParams & { min: string; max: string }) => `${enSubject(p)} must be longer than or equal to ${p.min} and shorter than or equal to ${p.max} characters`,
      ko: (p) => `${koSubject(p)} ${p.min}자 이상 ${p.max}자 이하여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно содержать от ${p.min} до ${p.max} символов`,
    },
    arrayMinSize: {
      en: (p: Limit) => `${p.field} must contain at least ${p.limit} elements`,
      ko: (p) => `${p.field}에는 항목이 ${p.limit}개 이상 있어야 합니다`,
      ru: (p) => `Поле ${p.field} должно содержать не меньше ${p.limit} элементов`,
    },
    arrayMaxSize: {
      en: (p: Limit) => `${p.field} must contain no more than ${p.limit} elements`,
      ko: (p) => `${p.field}에는 항목이 ${p.limit}개 이하여야 합니다`,
      ru: (p) => `Поле ${p.field} должно содержать не больше ${p.limit} элементов`,
    },
    arrayUnique: { en: (p: FieldParams) => `All ${p.field}'s elements must be unique`, ko: (p) => `${p.field}의 항목은 서로 달라야 합니다`, ru: (p) => `Элементы поля ${p.field} не должны повторяться` },
    isArray: { en: (p: FieldParams) => `${enSubject(p)} must be an array`, ko: (p) => `${koSubject(p)} 배열이어야 합니다`, ru: (p) => `${ruSubject(p)} должно быть массивом` },
    isObject: { en: (p: FieldParams) => `${enSubject(p)} must be an object`, ko: (p) => `${koSubject(p)} 객체여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть объектом` },
    isIn: {
      en: (p: Values) => `${enSubject(p)} must be one of the following values: ${p.values}`,
      ko: (p) => `${koSubject(p)} 다음 값 중 하나여야 합니다: ${p.values}`,
      ru: (p) => `${ruSubject(p)} должно быть одним из значений: ${p.values}`,
    },
    isEnum: {
      en: (p: Values) => `${enSubject(p)} must be one of the following values: ${p.values}`,
      ko: (p) => `${koSubject(p)} 다음 값 중 하나여야 합니다: ${p.values}`,
      ru: (p) => `${ruSubject(p)} должно быть одним из значений: ${p.values}`,
    },
    isUuid: { en: (p: FieldParams) => `${enSubject(p)} must be a UUID`, ko: (p) => `${koSubject(p)} UUID여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть UUID` },
    isEmail: { en: (p: FieldParams) => `${enSubject(p)} must be an email`, ko: (p) => `${koSubject(p)} 이메일 주소여야 합니다`, ru: (p) => `${ruSubject(p)} должно быть адресом электронной почты` },
    isNotEmpty: { en: (p: FieldParams) => `${enSubject(p)} should not be empty`, ko: (p) => `${koSubject(p)} 비어 있으면 안 됩니다`, ru: (p) => `${ruSubject(p)} не должно быть пустым` },
    isDefined: { en: (p: FieldParams) => `${enSubject(p)} should not be null or undefined`, ko: (p) => `${koSubject(p)} null이면 안 됩니다`, ru: (p) => `${ruSubject(p)} не должно быть null` },
    matches: { en: (p: FieldParams) => `${enSubject(p)} must match the expected format`, ko: (p) => `${koSubject(p)} 형식이 올바르지 않습니다`, ru: (p) => `${ruSubject(p)} имеет неверный формат` },
    nestedValidation: {
      en: (p: FieldParams) => `nested property ${p.field} must be either object or array`,
      ko: (p) => `${p.field}은(는) 객체나 배열이어야 합니다`,
      ru: (p) => `Вложенное поле ${p.field} должно быть объектом или массивом`,
    },
    isNotBlank: {
      en: (p: FieldParams) => `${enSubject(p)} must contain a character other than spaces`,
      ko: (p) => `${koSubject(p)} 공백이 아닌 문자를 포함해야 합니다`,
      ru: (p) => `${ruSubject(p)} должно содержать не только пробелы`,
    },
    isCountryCode: {
      en: (p: FieldParams) => `${enSubject(p)} must be an ISO 3166-1 alpha-2 country code such as KR`,
      ko: (p) => `${koSubject(p)} KR 같은 ISO 3166-1 alpha-2 국가 코드여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно быть кодом страны ISO 3166-1 alpha-2, например KR`,
    },
    isLanguageCode: {
      en: (p: FieldParams) => `${enSubject(p)} must be an ISO 639-1 language code such as ko`,
      ko: (p) => `${koSubject(p)} ko 같은 ISO 639-1 언어 코드여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно быть кодом языка ISO 639-1, например ko`,
    },
    isSlug: {
      en: (p: FieldParams) => `${enSubject(p)} must be a short key (at most ${SLUG_MAX_LENGTH} of a-z, 0-9, _ and -) such as medtech`,
      ko: (p) => `${koSubject(p)} medtech 같은 짧은 키(a-z, 0-9, _, - 최대 ${SLUG_MAX_LENGTH}자)여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно быть коротким ключом (не больше ${SLUG_MAX_LENGTH} символов из a-z, 0-9, _ и -), например medtech`,
    },
    isHttpUrl: {
      en: (p: FieldParams) => `${enSubject(p)} must be an http or https URL with a host (and a port from 1 to 65535)`,
      ko: (p) => `${koSubject(p)} 호스트가 있는 http 또는 https URL이어야 합니다(포트는 1~65535)`,
      ru: (p) => `${ruSubject(p)} должно быть URL http или https с хостом (и портом от 1 до 65535)`,
    },
    isIsoDateInRange: {
      en: (p: FieldParams) =>
        `${enSubject(p)} must be an ISO 8601 date or date-time (such as 2026-03-01T09:00:00Z) between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
      ko: (p) => `${koSubject(p)} ${EARLIEST_YEAR}년부터 ${LATEST_YEAR}년 사이의 ISO 8601 날짜 또는 날짜·시간(예: 2026-03-01T09:00:00Z)이어야 합니다`,
      ru: (p) => `${ruSubject(p)} должно быть датой или датой со временем ISO 8601 (например 2026-03-01T09:00:00Z) между ${EARLIEST_YEAR} и ${LATEST_YEAR} годами`,
    },
    isTimeZone: {
      en: (p: FieldParams) => `${enSubject(p)} must be an IANA time zone such as Europe/Moscow or Asia/Seoul`,
      ko: (p) => `${koSubject(p)} Europe/Moscow나 Asia/Seoul 같은 IANA 시간대여야 합니다`,
      ru: (p) => `${ruSubject(p)} должно быть часовым поясом IANA, например Europe/Moscow или Asia/Seoul`,
    },
    unsafeText: {
      en: (p: FieldParams) => `${p.field} contains a character PostgreSQL cannot store (NUL or a lone surrogate)`,
      ko: (p) => `${p.field}에 저장할 수 없는 문자(NUL 또는 짝이 없는 서로게이트)가 있습니다`,
      ru: (p) => `Поле ${p.field} содержит символ, который нельзя сохранить (NUL или одиночный суррогат)`,
    },
    unsafeKey: {
      en: (p: FieldParams) => `the key ${p.field} contains a character PostgreSQL cannot store (NUL or a lone surrogate)`,
      ko: (p) => `키 ${p.field}에 저장할 수 없는 문자(NUL 또는 짝이 없는 서로게이트)가 있습니다`,
      ru: (p) => `Ключ ${p.field} содержит символ, который нельзя сохранить (NUL или одиночный суррогат)`,
    },
    bodyRequired: { en: () => 'a JSON body is required', ko: () => 'JSON 본문이 필요합니다', ru: () => 'Нужно тело запроса в формате JSON' },
    bodyNotObject: { en: () => 'the body must be a JSON object', ko: () => '본문은 JSON 객체여야 합니다', ru: () => 'Тело запроса должно быть объектом JSON' },
    noBody: { en: () => 'this route takes no body; send none or {}', ko: () => '이 경로는 본문을 받지 않습니다. 보내지 않거나 {}를 보내세요', ru: () => 'Этот маршрут не принимает тело запроса; не отправляйте его или отправьте {}' },
    notAccepted: {
      en: (p: FieldParams) => `${p.field} is not accepted: this route takes no body`,
      ko: (p) => `${p.field}은(는) 받지 않습니다: 이 경로는 본문을 받지 않습니다`,
      ru: (p) => `Поле ${p.field} не принимается: этот маршрут не принимает тело запроса`,
    },
    invalidCursor: {
      en: () => 'cursor must be the nextCursor of a previous page',
      ko: () => 'cursor는 이전 페이지의 nextCursor여야 합니다',
      ru: () => 'cursor должен быть значением nextCursor предыдущей страницы',
    },
    unknownId: {
      en: (p: FieldParams & { id: string }) => `${p.field} ${p.id} names nothing you may see`,
      ko: (p) => `${p.field} ${p.id}에 해당하는 항목 중 볼 수 있는 것이 없습니다`,
      ru: (p) => `${p.field} ${p.id} не указывает ни на что, доступное вам`,
    },
  }),
  {
    required: { field: 'name' },
    whitelistValidation: { field: 'isAdmin' },
    isString: { field: 'name' },
    isInt: { field: 'trl' },
    isNumber: { field: 'score' },
    isBoolean: { field: 'blind' },
    isPositive: { field: 'capacity' },
    min: { field: 'trl', limit: '1' },
    max: { field: 'trl', limit: '9' },
    minLength: { field: 'name', limit: '1' },
    maxLength: { field: 'name', limit: '200' },
    isLength: { field: 'code', min: '2', max: '8' },
    arrayMinSize: { field: 'criteria', limit: '1' },
    arrayMaxSize: { field: 'team', limit: '50' },
    arrayUnique: { field: 'fields' },
    isArray: { field: 'team' },
    isObject: { field: 'rubric' },
    isIn: { field: 'role', values: 'admin, reviewer' },
    isEnum: { field: 'state', values: 'draft, open' },
    isUuid: { field: 'programmeId' },
    isEmail: { field: 'email' },
    isNotEmpty: { field: 'name' },
    isDefined: { field: 'name' },
    matches: { field: 'currency' },
    nestedValidation: { field: 'team.0' },
    isNotBlank: { field: 'name' },
    isCountryCode: { field: 'country' },
    isLanguageCode: { field: 'languages', each: true },
    isSlug: { field: 'fields' },
    isHttpUrl: { field: 'url' },
    isIsoDateInRange: { field: 'opensAt' },
    isTimeZone: { field: 'timeZone' },
    unsafeText: { field: 'name' },
    unsafeKey: { field: 'answers.x' },
    notAccepted: { field: 'extra' },
    unknownId: { field: 'programmeId', id: '00000000-0000-4000-8000-000000000000' },
  },
);

export type FieldMessageCode = keyof typeof fieldMessages;

const EACH = /^each value in /;

/**
 * How to read a rule's parameters back from its English message (a rule whose message has no
 * parameters needs none). Null when the message does not read like the rule's default one.
 */
const PARAMETERS: Partial<Record<FieldMessageCode, (message: string) => Record<string, string> | null>> = {
  min: (m) => match(m, /must not be less than (-?[\d.e+]+)$/, (limit) => ({ limit })),
  max: (m) => match(m, /must not be greater than (-?[\d.e+]+)$/, (limit) => ({ limit })),
  minLength: (m) => match(m, /must be longer than or equal to (\d+) characters$/, (limit) => ({ limit })),
  maxLength: (m) => match(m, /must be shorter than or equal to (\d+) characters$/, (limit) => ({ limit })),
  arrayMinSize: (m) => match(m, /must contain at least (\d+) elements$/, (limit) => ({ limit })),
  arrayMaxSize: (m) => match(m, /must contain no more than (\d+) elements$/, (limit) => ({ limit })),
  isIn: (m) => match(m, /must be one of the following values: (.*)$/, (values) => ({ values })),
  isEnum: (m) => match(m, /must be one of the following values: (.*)$/, (values) => ({ values })),
  unknownId: (m) => match(m, /^\S+ (\S+) names nothing you may see$/, (id) => ({ id })),
};

/** Rules whose messages are fixed apart from the field: the English text must still read like ours. */
const FIXED_ENDINGS: Partial<Record<FieldMessageCode, RegExp>> = {
  required: / is required$/,
  whitelistValidation: /should not exist$/,
  isString: /must be a string$/,
  isInt: /must be an integer number$/,
  isNumber: /must be a number conforming to the specified constraints$/,
  isBoolean: /must be a boolean value$/,
  isPositive: /must be a positive number$/,
  arrayUnique: /elements must be unique$/,
  isArray: /must be an array$/,
  isObject: /must be an object$/,
  isUuid: /must be a UUID$/,
  isEmail: /must be an email$/,
  isNotEmpty: /should not be empty$/,
  isDefined: /should not be null or undefined$/,
  matches: /must match .* regular expression$/,
  nestedValidation: /must be either object or array$/,
  isNotBlank: /must contain a character other than spaces$/,
  isCountryCode: /country code such as KR$/,
  isLanguageCode: /language code such as ko$/,
  isSlug: /such as medtech$/,
  isHttpUrl: /port from 1 to 65535\)$/,
  isIsoDateInRange: /between the years \d+ and \d+$/,
  isTimeZone: /such as Europe\/Moscow or Asia\/Seoul$/,
  unsafeText: /contains (a NUL character|a lone UTF-16 surrogate)/,
  unsafeKey: /contains (a NUL character|a lone UTF-16 surrogate)/,
  bodyRequired: /^a JSON body is required$/,
  bodyNotObject: /^the body must be a JSON object$/,
  noBody: /^this route takes no body; send none or \{\}$/,
  notAccepted: /is not accepted: this route takes no body$/,
  invalidCursor: /^cursor must be the nextCursor of a previous page$/,
};

function match(message: string, pattern: RegExp, params: (value: string) => Record<string, string>): Record<string, string> | null {
  const found = pattern.exec(message);
  return found ? params(found[1]) : null;
}

function lengthParams(message: string): { code: FieldMessageCode; params: Record<string, string> } | null {
  const both = /must be longer than or equal to (\d+) and shorter than or equal to (\d+) characters$/.exec(message);
  if (both) return { code: 'isLength', params: { min: both[1], max: both[2] } };
  const min = match(message, /must be longer than or equal to (\d+) characters$/, (limit) => ({ limit }));
  if (min) return { code: 'minLength', params: min };
  const max = match(message, /must be shorter than or equal to (\d+) characters$/, (limit) => ({ limit }));
  return max ? { code: 'maxLength', params: max } : null;
}

function isFieldMessageCode(code: string): code is FieldMessageCode {
  return Object.prototype.hasOwnProperty.call(fieldMessages, code);
}

/** The field error with its message in `language`; English, an unknown rule or a custom message stay as they are. */
export function translateFieldError(error: FieldError, language: Language): FieldError {
  if (language === 'en' || !error.code) return error;
  let code: string = error.code;
  let params: Record<string, string> | null = {};
  if (code === 'isLength') {
    const read = lengthParams(error.message);
    if (!read) return error;
    ({ code, params } = read);
  } else if (!isFieldMessageCode(code)) {
    return error;
  } else {
    const read = PARAMETERS[code];
    params = read ? read(error.message) : FIXED_ENDINGS[code]?.test(error.message) ? {} : null;
    if (!params) return error;
  }
  const render = fieldMessages[code as FieldMessageCode][language] as (p: FieldParams) => string;
  return { ...error, message: render({ field: error.field, each: EACH.test(error.message), ...params }) };
}
