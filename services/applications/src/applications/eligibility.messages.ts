import { defineMessages, plural, registerCatalogue, type Language } from '@exchange/platform';

/**
 * What a founder reads for each eligibility rule that fails, in English, Korean and Russian. The
 * rule's code (the key) never changes with the language; `evaluateEligibility` answers codes and
 * parameters, and the edge renders them in the reader's language (`renderEligibilityFailures`).
 * Parameters are plain JSON (instants as ISO strings), so a flag can store them and render later.
 */

const LOCALES: Record<Language, string> = { en: 'en-GB', ko: 'ko-KR', ru: 'ru-RU' };

/** An instant as `ISO (local time and zone)`, in the programme's time zone and the reader's words. */
export function localTime(iso: string, timeZone: string, language: Language): string {
  const at = new Date(iso);
  return `${iso} (${at.toLocaleString(LOCALES[language], { timeZone, dateStyle: 'medium', timeStyle: 'short' })} ${timeZone})`;
}

/** Certificate kinds the exchange names in every language; any other kind shows as its key. */
const KIND_NAMES: Record<string, Record<Language, string>> = {
  innovation_certificate: { en: 'innovation certificate', ko: '혁신 인증서', ru: 'сертификат инновационности' },
};

export function kindName(kind: string, language: Language): string {
  return KIND_NAMES[kind]?.[language] ?? (language === 'en' ? kind.replaceAll('_', ' ') : kind);
}

const list = (items: readonly string[], none: string) => (items.length > 0 ? items.join(', ') : none);

type Window = { at: string; timeZone: string };
type Kind = { kind: string };
/** Parameters of a message that takes none: stored as `{}` like every other. */
type NoParams = Record<string, never>;

export const eligibilityMessages = registerCatalogue(
  'eligibility',
  defineMessages({
    PROGRAMME_NOT_OPEN: {
      en: (_: NoParams) => 'This programme is not open for applications.',
      ko: () => '이 프로그램은 지금 신청을 받지 않습니다.',
      ru: () => 'Эта программа сейчас не принимает заявки.',
    },
    WINDOW_NOT_OPEN_YET: {
      en: (p: Window) => `Applications open at ${localTime(p.at, p.timeZone, 'en')}.`,
      ko: (p) => `신청은 ${localTime(p.at, p.timeZone, 'ko')}에 시작됩니다.`,
      ru: (p) => `Приём заявок откроется ${localTime(p.at, p.timeZone, 'ru')}.`,
    },
    WINDOW_CLOSED: {
      en: (p: Window) => `Applications closed at ${localTime(p.at, p.timeZone, 'en')}.`,
      ko: (p) => `신청은 ${localTime(p.at, p.timeZone, 'ko')}에 마감되었습니다.`,
      ru: (p) => `Приём заявок закрылся ${localTime(p.at, p.timeZone, 'ru')}.`,
    },
    COUNTRY_NOT_ELIGIBLE: {
      en: (p: { country: string; eligible: string[] }) => `Startups from ${p.country} cannot apply; eligible countries: ${p.eligible.join(', ')}.`,
      ko: (p) => `${p.country} 소재 스타트업은 신청할 수 없습니다. 신청 가능 국가: ${p.eligible.join(', ')}.`,
      ru: (p) => `Стартапы из страны ${p.country} не могут подать заявку; допускаются страны: ${p.eligible.join(', ')}.`,
    },
    TECHNOLOGY_FIELD_NOT_ELIGIBLE: {
      en: (p: { fields: string[]; eligible: string[] }) =>
        `None of your technology fields (${list(p.fields, 'none')}) is one this programme accepts: ${p.eligible.join(', ')}.`,
      ko: (p) => `귀사의 기술 분야(${list(p.fields, '없음')}) 중 이 프로그램이 받는 분야가 없습니다. 가능한 분야: ${p.eligible.join(', ')}.`,
      ru: (p) => `Ни одна из ваших технологических областей (${list(p.fields, 'нет')}) не подходит программе; допускаются: ${p.eligible.join(', ')}.`,
    },
    READINESS_LEVEL_TOO_LOW: {
      en: (p: { trl: number; min: number }) => `Your technology readiness level is ${p.trl}; this programme needs at least ${p.min}.`,
      ko: (p) => `귀사의 기술 성숙도(TRL)는 ${p.trl}입니다. 이 프로그램은 최소 ${p.min} 이상이어야 합니다.`,
      ru: (p) => `Ваш уровень готовности технологии — ${p.trl}; программе нужен уровень не ниже ${p.min}.`,
    },
    READINESS_LEVEL_TOO_HIGH: {
      en: (p: { trl: number; max: number }) => `Your technology readiness level is ${p.trl}; this programme takes at most ${p.max}.`,
      ko: (p) => `귀사의 기술 성숙도(TRL)는 ${p.trl}입니다. 이 프로그램은 최대 ${p.max}까지 받습니다.`,
      ru: (p) => `Ваш уровень готовности технологии — ${p.trl}; программа принимает уровень не выше ${p.max}.`,
    },
    CERTIFICATION_MISSING: {
      en: (p: Kind) => `This programme requires a ${kindName(p.kind, 'en')}; add it to your profile.`,
      ko: (p) => `이 프로그램은 ${kindName(p.kind, 'ko')}이(가) 필요합니다. 프로필에 추가해 주세요.`,
      ru: (p) => `Для этой программы нужен документ «${kindName(p.kind, 'ru')}»; добавьте его в профиль.`,
    },
    CERTIFICATION_NOT_VERIFIED: {
      en: (p: Kind & { issuers: string[] }) =>
        `This programme accepts only a ${kindName(p.kind, 'en')} issued on the exchange by ${p.issuers.length > 0 ? `one of these certification bodies: ${p.issuers.join(', ')}` : 'a certification body'}; a self-declared certificate does not count.`,
      ko: (p) =>
        `이 프로그램은 ${p.issuers.length > 0 ? `다음 인증 기관 중 한 곳(${p.issuers.join(', ')})` : '인증 기관'}이 거래소에서 발급한 ${kindName(p.kind, 'ko')}만 인정합니다. 직접 등록한 인증서는 인정되지 않습니다.`,
      ru: (p) =>
        `Программа принимает только документ «${kindName(p.kind, 'ru')}», выданный на платформе ${p.issuers.length > 0 ? `одним из этих органов сертификации: ${p.issuers.join(', ')}` : 'органом сертификации'}; сертификат, внесённый самим стартапом, не засчитывается.`,
    },
    CERTIFICATION_GRADE_TOO_LOW: {
      en: (p: Kind & { grades: string[]; minGrade: string }) =>
        `Your ${kindName(p.kind, 'en')} grade (${list(p.grades, 'none')}) is below the required ${p.minGrade}.`,
      ko: (p) => `귀사의 ${kindName(p.kind, 'ko')} 등급(${list(p.grades, '없음')})이 요구 등급 ${p.minGrade}보다 낮습니다.`,
      ru: (p) => `Уровень вашего документа «${kindName(p.kind, 'ru')}» (${list(p.grades, 'нет')}) ниже требуемого ${p.minGrade}.`,
    },
    CERTIFICATION_NOT_VALID_AT_CLOSING: {
      en: (p: Kind & Window) => `Your ${kindName(p.kind, 'en')} must be valid on the closing date, ${localTime(p.at, p.timeZone, 'en')}.`,
      ko: (p) => `${kindName(p.kind, 'ko')}은(는) 마감일 ${localTime(p.at, p.timeZone, 'ko')}에 유효해야 합니다.`,
      ru: (p) => `Документ «${kindName(p.kind, 'ru')}» должен действовать в день окончания приёма, ${localTime(p.at, p.timeZone, 'ru')}.`,
    },
    FOUNDING_DATE_MISSING: {
      en: (_: NoParams) => 'Add your date of incorporation to your profile: this programme has a maximum company age.',
      ko: () => '프로필에 법인 설립일을 추가해 주세요. 이 프로그램에는 기업 연령 상한이 있습니다.',
      ru: () => 'Укажите в профиле дату регистрации компании: у программы есть ограничение по возрасту компании.',
    },
    COMPANY_TOO_OLD: {
      en: (p: { age: number; maxYears: number }) =>
        `Your company is ${p.age} ${plural('en', p.age, { one: 'year', other: 'years' })} old; this programme takes companies younger than ${p.maxYears} ${plural('en', p.maxYears, { one: 'year', other: 'years' })}.`,
      ko: (p) => `귀사는 설립 ${p.age}년 차입니다. 이 프로그램은 설립 ${p.maxYears}년 미만 기업만 받습니다.`,
      ru: (p) =>
        `Вашей компании ${p.age} ${plural('ru', p.age, { one: 'год', few: 'года', many: 'лет', other: 'года' })}; программа принимает компании моложе ${p.maxYears} ${plural('ru', p.maxYears, { one: 'года', other: 'лет' })}.`,
    },
  }),
  {
    WINDOW_NOT_OPEN_YET: { at: '2026-03-01T00:00:00.000Z', timeZone: 'Asia/Seoul' },
    WINDOW_CLOSED: { at: '2026-04-30T09:00:00.000Z', timeZone: 'Europe/Moscow' },
    COUNTRY_NOT_ELIGIBLE: { country: 'DE', eligible: ['KR', 'RU'] },
    TECHNOLOGY_FIELD_NOT_ELIGIBLE: { fields: ['fintech'], eligible: ['medtech'] },
    READINESS_LEVEL_TOO_LOW: { trl: 3, min: 5 },
    READINESS_LEVEL_TOO_HIGH: { trl: 9, max: 7 },
    CERTIFICATION_MISSING: { kind: 'innovation_certificate' },
    CERTIFICATION_NOT_VERIFIED: { kind: 'innovation_certificate', issuers: ['Korea Innovation Association'] },
    CERTIFICATION_GRADE_TOO_LOW: { kind: 'innovation_certificate', grades: ['A'], minGrade: 'AA' },
    CERTIFICATION_NOT_VALID_AT_CLOSING: { kind: 'innovation_certificate', at: '2026-04-30T09:00:00.000Z', timeZone: 'Asia/Seoul' },
    COMPANY_TOO_OLD: { age: 8, maxYears: 7 },
  },
);

export type EligibilityMessages = typeof eligibilityMessages;
