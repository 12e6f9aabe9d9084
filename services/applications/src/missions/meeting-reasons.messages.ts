import { defineMessages, localised, registerCatalogue, type Language, type LocalisedText, type ParamsOf } from '@exchange/platform';

/**
 * Why matchmaking proposes a meeting, in English, Korean and Russian (as pilot matching explains a
 * site: pilots/src/matching/match-reasons.messages.ts). A proposal stores each reason as a code with
 * parameters; the API renders it in the reader's language.
 */
const list = (items: readonly string[]) => items.join(', ');

export const meetingReasonMessages = defineMessages({
  FIELDS_SHARED: {
    en: (p: { fields: string[] }) => `Both companies work in ${list(p.fields)}.`,
    ko: (p) => `두 회사 모두 ${list(p.fields)} 분야에서 활동합니다.`,
    ru: (p) => `Обе компании работают в направлениях: ${list(p.fields)}.`,
  },
  FIELDS_NONE_SHARED: {
    en: () => 'The companies share no field.',
    ko: () => '두 회사에 공통 분야가 없습니다.',
    ru: () => 'Общих направлений у компаний нет.',
  },
  DELEGATION_OFFERS_NEED: {
    en: (p: { tags: string[] }) => `The delegation company offers what the local company seeks: ${list(p.tags)}.`,
    ko: (p) => `대표단 회사가 현지 회사가 찾는 것을 제공합니다: ${list(p.tags)}.`,
    ru: (p) => `Компания делегации предлагает то, что ищет местная компания: ${list(p.tags)}.`,
  },
  DELEGATION_OFFERS_NOTHING_SOUGHT: {
    en: () => 'The delegation company offers nothing the local company seeks.',
    ko: () => '대표단 회사는 현지 회사가 찾는 것을 제공하지 않습니다.',
    ru: () => 'Компания делегации не предлагает ничего из того, что ищет местная компания.',
  },
  LOCAL_OFFERS_NEED: {
    en: (p: { tags: string[] }) => `The local company offers what the delegation company seeks: ${list(p.tags)}.`,
    ko: (p) => `현지 회사가 대표단 회사가 찾는 것을 제공합니다: ${list(p.tags)}.`,
    ru: (p) => `Местная компания предлагает то, что ищет компания делегации: ${list(p.tags)}.`,
  },
  LOCAL_OFFERS_NOTHING_SOUGHT: {
    en: () => 'The local company offers nothing the delegation company seeks.',
    ko: () => '현지 회사는 대표단 회사가 찾는 것을 제공하지 않습니다.',
    ru: () => 'Местная компания не предлагает ничего из того, что ищет компания делегации.',
  },
  LANGUAGES_SHARED: {
    en: (p: { languages: string[] }) => `They can talk without an interpreter in ${list(p.languages)}.`,
    ko: (p) => `통역 없이 ${list(p.languages)}(으)로 대화할 수 있습니다.`,
    ru: (p) => `Они могут говорить без переводчика на языках: ${list(p.languages)}.`,
  },
  LANGUAGES_NONE_SHARED: {
    en: () => 'They share no language: the meeting needs an interpreter.',
    ko: () => '공통 언어가 없어 통역이 필요합니다.',
    ru: () => 'Общего языка нет: для встречи нужен переводчик.',
  },
});

export type MeetingReasonCode = keyof typeof meetingReasonMessages;

/** One reason as a meeting stores it: a stable code and the parameters its messages render. */
export type MeetingReason = {
  [K in MeetingReasonCode]: { code: K; params: ParamsOf<typeof meetingReasonMessages, K> extends undefined ? Record<string, never> : ParamsOf<typeof meetingReasonMessages, K> };
}[MeetingReasonCode];

registerCatalogue('applications.meeting-reasons', meetingReasonMessages, {
  FIELDS_SHARED: { fields: ['medtech'] },
  DELEGATION_OFFERS_NEED: { tags: ['ai-triage'] },
  LOCAL_OFFERS_NEED: { tags: ['hospital-network'] },
  LANGUAGES_SHARED: { languages: ['en'] },
});

export function isMeetingReasonCode(code: unknown): code is MeetingReasonCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(meetingReasonMessages, code);
}

/** The reason in the reader's language, with its code beside the text. */
export function renderMeetingReason(reason: { code: string; params: Record<string, unknown> }, language: Language): LocalisedText {
  // Stored reasons come from this catalogue; an unknown code (a later version's) shows as its code.
  if (!isMeetingReasonCode(reason.code)) return { code: reason.code, message: reason.code };
  return localised(meetingReasonMessages, reason.code, reason.params as never, language);
}
