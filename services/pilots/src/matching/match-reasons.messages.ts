import { defineMessages, localised, plural, registerCatalogue, type Language, type LocalisedText, type ParamsOf } from '@exchange/platform';

/**
 * The reasons of a match proposal in English, Korean and Russian. The engine explains each score
 * component with one of these codes and its parameters; a proposal stores them (jsonb) and the API
 * renders them in the reader's language. The English text is the one events and the `reasons` field
 * have always carried: keep it word for word.
 */

const NONE: Record<Language, string> = { en: 'none', ko: '없음', ru: 'нет' };

function listed(items: readonly string[], language: Language): string {
  return items.length === 0 ? NONE[language] : items.join(', ');
}

type Slots = { free: number; capacity: number };

/** "из 1 места", "из 5 мест": the genitive after "из" takes the singular only for counts ending in 1. */
const ruOutOf = (count: number, one: string, other: string) => plural('ru', count, { one, other });

const slotsRu = (p: Slots) => `Свободно ${p.free} из ${p.capacity} ${ruOutOf(p.capacity, 'места', 'мест')} для пилотов`;

export const matchReasonMessages = defineMessages({
  FIELDS_NONE_NAMED: {
    en: () => 'The site names no technology fields.',
    ko: () => '현장이 기술 분야를 지정하지 않았습니다.',
    ru: () => 'Площадка не указала технологических направлений.',
  },
  FIELDS_SHARED: {
    en: (p: { shared: number; total: number; fields: string[] }) => `Shares ${p.shared} of the site's ${p.total} technology fields (${listed(p.fields, 'en')}).`,
    ko: (p) => `현장의 기술 분야 ${p.total}개 중 ${p.shared}개가 일치합니다 (${listed(p.fields, 'ko')}).`,
    ru: (p) =>
      `Совпадает ${p.shared} из ${p.total} ${ruOutOf(p.total, 'технологического направления', 'технологических направлений')} площадки (${listed(p.fields, 'ru')}).`,
  },
  READINESS_WITHIN: {
    en: (p: { trl: number; min: number; max: number }) => `Readiness level ${p.trl} is within the site's accepted range ${p.min}–${p.max}.`,
    ko: (p) => `기술 성숙도 ${p.trl}단계는 현장의 허용 범위 ${p.min}–${p.max}에 속합니다.`,
    ru: (p) => `Уровень готовности ${p.trl} входит в допустимый диапазон площадки ${p.min}–${p.max}.`,
  },
  READINESS_OUTSIDE: {
    en: (p: { trl: number; min: number; max: number }) => `Readiness level ${p.trl} is outside the site's accepted range ${p.min}–${p.max}.`,
    ko: (p) => `기술 성숙도 ${p.trl}단계는 현장의 허용 범위 ${p.min}–${p.max}를 벗어납니다.`,
    ru: (p) => `Уровень готовности ${p.trl} вне допустимого диапазона площадки ${p.min}–${p.max}.`,
  },
  LANGUAGES_NONE_REQUIRED: {
    en: () => 'The site states no language requirement.',
    ko: () => '현장이 언어 요건을 밝히지 않았습니다.',
    ru: () => 'Площадка не указала требований к языку.',
  },
  LANGUAGES_SHARED: {
    en: (p: { languages: string[] }) => `The team speaks ${listed(p.languages, 'en')}, spoken on site.`,
    ko: (p) => `팀이 현장에서 쓰는 언어(${listed(p.languages, 'ko')})를 구사합니다.`,
    ru: (p) => `Команда говорит на языках площадки: ${listed(p.languages, 'ru')}.`,
  },
  LANGUAGES_NONE_SHARED: {
    en: (p: { languages: string[] }) => `The team speaks none of the site's languages (${listed(p.languages, 'en')}).`,
    ko: (p) => `팀이 현장의 언어(${listed(p.languages, 'ko')})를 하나도 구사하지 않습니다.`,
    ru: (p) => `Команда не говорит ни на одном из языков площадки (${listed(p.languages, 'ru')}).`,
  },
  SLOTS_ANY_TIME: {
    en: (p: Slots) => `${p.free} of ${p.capacity} pilot slots free; available any time.`,
    ko: (p) => `파일럿 자리 ${p.capacity}개 중 ${p.free}개가 비어 있으며 언제든 가능합니다.`,
    ru: (p) => `${slotsRu(p)}; доступна в любое время.`,
  },
  SLOTS_ONLY_FROM: {
    en: (p: Slots & { from: string }) => `${p.free} of ${p.capacity} pilot slots free; available only from ${p.from}.`,
    ko: (p) => `파일럿 자리 ${p.capacity}개 중 ${p.free}개가 비어 있으나 ${p.from}부터만 가능합니다.`,
    ru: (p) => `${slotsRu(p)}; доступна только с ${p.from}.`,
  },
  SLOTS_ONLY_UNTIL: {
    en: (p: Slots & { until: string }) => `${p.free} of ${p.capacity} pilot slots free; available only until ${p.until}.`,
    ko: (p) => `파일럿 자리 ${p.capacity}개 중 ${p.free}개가 비어 있으나 ${p.until}까지만 가능합니다.`,
    ru: (p) => `${slotsRu(p)}; доступна только до ${p.until}.`,
  },
  SLOTS_WINDOW: {
    en: (p: Slots & { from: string | null; until: string | null }) =>
      `${p.free} of ${p.capacity} pilot slots free; available ${p.from ? `from ${p.from}` : 'now'}${p.until ? ` until ${p.until}` : ''}.`,
    ko: (p) => `파일럿 자리 ${p.capacity}개 중 ${p.free}개가 비어 있으며 ${p.from ? `${p.from}부터` : '지금부터'}${p.until ? ` ${p.until}까지` : ''} 가능합니다.`,
    ru: (p) => `${slotsRu(p)}; доступна ${p.from ? `с ${p.from}` : 'сейчас'}${p.until ? ` до ${p.until}` : ''}.`,
  },
  CITY_NEEDS_NONE: {
    en: (p: { city: string }) => `${p.city} states no particular needs for this site.`,
    ko: (p) => `${p.city}은(는) 이 현장에 대해 특별한 요구를 밝히지 않았습니다.`,
    ru: (p) => `Город ${p.city} не заявил особых потребностей для этой площадки.`,
  },
  CITY_NEEDS_ADDRESSED: {
    en: (p: { addressed: number; total: number; city: string; needs: string[] }) =>
      `Addresses ${p.addressed} of ${p.city}'s ${p.total} stated needs (${listed(p.needs, 'en')}).`,
    ko: (p) => `${p.city}이(가) 밝힌 요구 ${p.total}개 중 ${p.addressed}개에 부합합니다 (${listed(p.needs, 'ko')}).`,
    ru: (p) =>
      `Отвечает на ${p.addressed} из ${p.total} ${ruOutOf(p.total, 'заявленной потребности', 'заявленных потребностей')} города ${p.city} (${listed(p.needs, 'ru')}).`,
  },
  OPEN_CALL_ANSWERED: {
    en: (p: { date: string; title: string }) => `Answered this open call on ${p.date}: ${p.title}.`,
    ko: (p) => `${p.date}에 이 공개 모집에 응답했습니다: ${p.title}.`,
    ru: (p) => `Стартап ответил на открытый запрос ${p.date}: «${p.title}».`,
  },
});

export type MatchReasonCode = keyof typeof matchReasonMessages;

/** One reason as a proposal stores it: a stable code and the parameters its messages render. */
export type MatchReason = {
  [K in MatchReasonCode]: { code: K; params: ParamsOf<typeof matchReasonMessages, K> extends undefined ? Record<string, never> : ParamsOf<typeof matchReasonMessages, K> };
}[MatchReasonCode];

registerCatalogue('pilots.match-reasons', matchReasonMessages, {
  FIELDS_SHARED: { shared: 1, total: 2, fields: ['medtech'] },
  READINESS_WITHIN: { trl: 6, min: 5, max: 8 },
  READINESS_OUTSIDE: { trl: 3, min: 5, max: 8 },
  LANGUAGES_SHARED: { languages: ['en'] },
  LANGUAGES_NONE_SHARED: { languages: ['ru'] },
  SLOTS_ANY_TIME: { free: 1, capacity: 2 },
  SLOTS_ONLY_FROM: { free: 1, capacity: 2, from: '2026-09-01' },
  SLOTS_ONLY_UNTIL: { free: 1, capacity: 2, until: '2026-03-10' },
  SLOTS_WINDOW: { free: 1, capacity: 2, from: '2026-04-01', until: '2026-12-31' },
  CITY_NEEDS_NONE: { city: 'Moscow' },
  CITY_NEEDS_ADDRESSED: { addressed: 1, total: 1, city: 'Moscow', needs: ['emergency_care'] },
  OPEN_CALL_ANSWERED: { date: '2026-03-01', title: 'Night triage' },
});

export function isMatchReasonCode(code: unknown): code is MatchReasonCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(matchReasonMessages, code);
}

/** The reason as the reader reads it, with its code beside the text. */
export function renderMatchReason(reason: MatchReason, language: Language): LocalisedText {
  return localised(matchReasonMessages, reason.code, reason.params as never, language);
}

/** The English text events and the `reasons` field carry. */
export function englishMatchReason(reason: MatchReason): string {
  return renderMatchReason(reason, 'en').message;
}
