import type { ApplicationState, StatusReasonCode } from '@exchange/data';
import { defineMessages, type Language, registerCatalogue, translate } from '@exchange/platform';

/** What moves an application from one state to another. */
export type ApplicationAction = 'submit' | 'start_review' | 'accept' | 'reject' | 'waitlist' | 'withdraw';

/**
 * The lifecycle, as one table: draft → submitted → under_review → accepted | rejected | waitlisted;
 * a waitlisted application can still be accepted or rejected when places free up; the startup can
 * withdraw until a decision is made. accepted, rejected and withdrawn are final.
 */
export const TRANSITIONS: Readonly<Record<ApplicationState, Partial<Record<ApplicationAction, ApplicationState>>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { start_review: 'under_review', withdraw: 'withdrawn' },
  under_review: { accept: 'accepted', reject: 'rejected', waitlist: 'waitlisted', withdraw: 'withdrawn' },
  waitlisted: { accept: 'accepted', reject: 'rejected' },
  accepted: {},
  rejected: {},
  withdrawn: {},
};

/** The state an action leads to, or null when the action is not allowed from `from`. */
export function nextState(from: ApplicationState, action: ApplicationAction): ApplicationState | null {
  return TRANSITIONS[from][action] ?? null;
}

/** States from which `action` is allowed (for guarded UPDATE … WHERE state IN (…)). */
export function statesAllowing(action: ApplicationAction): ApplicationState[] {
  return (Object.keys(TRANSITIONS) as ApplicationState[]).filter((state) => TRANSITIONS[state][action] !== undefined);
}

/** Applications a startup may not open a second one beside (the unique index says the same). */
export const ACTIVE_STATES: ApplicationState[] = ['draft', 'submitted', 'under_review', 'accepted', 'rejected', 'waitlisted'];

/**
 * The state in words a founder understands, in the reader's language, shown next to the state code
 * (`state`, the same in every language). Keyed by every state, so a new state needs its words.
 */
const STATUS_WORDS = defineMessages({
  draft: {
    en: () => 'Your application is a draft: it has not been sent yet.',
    ko: () => '신청서가 아직 초안입니다. 아직 제출되지 않았습니다.',
    ru: () => 'Ваша заявка — черновик: она ещё не отправлена.',
  },
  submitted: {
    en: () => 'Your application was received and is waiting for review.',
    ko: () => '신청서가 접수되어 심사를 기다리고 있습니다.',
    ru: () => 'Ваша заявка получена и ждёт рассмотрения.',
  },
  under_review: {
    en: () => 'Reviewers are assessing your application.',
    ko: () => '심사위원이 신청서를 평가하고 있습니다.',
    ru: () => 'Рецензенты оценивают вашу заявку.',
  },
  accepted: {
    en: () => 'Congratulations: your application was accepted.',
    ko: () => '축하합니다. 신청서가 승인되었습니다.',
    ru: () => 'Поздравляем: ваша заявка принята.',
  },
  rejected: {
    en: () => 'Your application was not accepted this time.',
    ko: () => '이번에는 신청서가 승인되지 않았습니다.',
    ru: () => 'На этот раз ваша заявка не принята.',
  },
  waitlisted: {
    en: () => 'Your application is on the waiting list: you may be offered a place if one frees up.',
    ko: () => '신청서가 대기자 명단에 있습니다. 자리가 나면 제안을 받을 수 있습니다.',
    ru: () => 'Ваша заявка в листе ожидания: если место освободится, вам его предложат.',
  },
  withdrawn: {
    en: () => 'You withdrew this application.',
    ko: () => '이 신청서를 철회했습니다.',
    ru: () => 'Вы отозвали эту заявку.',
  },
} satisfies Record<ApplicationState, unknown>);

registerCatalogue('applications.application-status', STATUS_WORDS);

/** The same states as the programme's staff read them: about the startup's application, not to it. */
const STAFF_STATUS_WORDS = defineMessages({
  draft: {
    en: () => 'Draft: not submitted yet.',
    ko: () => '초안: 아직 제출되지 않았습니다.',
    ru: () => 'Черновик: заявка ещё не подана.',
  },
  submitted: {
    en: () => 'Submitted: waiting for review.',
    ko: () => '제출됨: 심사를 기다리고 있습니다.',
    ru: () => 'Подана: ждёт рассмотрения.',
  },
  under_review: {
    en: () => 'Under review by the assigned reviewers.',
    ko: () => '배정된 심사위원이 심사하고 있습니다.',
    ru: () => 'На рассмотрении у назначенных рецензентов.',
  },
  accepted: {
    en: () => 'Accepted.',
    ko: () => '승인되었습니다.',
    ru: () => 'Принята.',
  },
  rejected: {
    en: () => 'Not accepted.',
    ko: () => '승인되지 않았습니다.',
    ru: () => 'Не принята.',
  },
  waitlisted: {
    en: () => 'On the waiting list: may be offered a place if one frees up.',
    ko: () => '대기자 명단: 자리가 나면 제안할 수 있습니다.',
    ru: () => 'В листе ожидания: место можно предложить, если оно освободится.',
  },
  withdrawn: {
    en: () => 'Withdrawn by the startup.',
    ko: () => '스타트업이 철회했습니다.',
    ru: () => 'Отозвана стартапом.',
  },
} satisfies Record<ApplicationState, unknown>);

registerCatalogue('applications.application-status-staff', STAFF_STATUS_WORDS);

/** Who reads a status: the startup (addressed as "you") or the programme's staff. */
export type StatusReader = 'startup' | 'staff';

/** The application's state in plain words in `language`, worded for its reader. */
export function statusWords(state: ApplicationState, language: Language, reader: StatusReader = 'startup'): string {
  return translate(reader === 'staff' ? STAFF_STATUS_WORDS : STATUS_WORDS, state, undefined, language);
}

/** Why the system changed the state (a history entry's `reasonCode`), in the reader's language. */
const STATUS_REASONS = defineMessages({
  reviewers_assigned: {
    en: () => 'Reviewers were assigned.',
    ko: () => '심사위원이 배정되었습니다.',
    ru: () => 'Назначены рецензенты.',
  },
  alumni_fast_track: {
    en: () => 'Alumni fast track: the certification rule was waived.',
    ko: () => '동문 패스트트랙: 인증 요건이 면제되었습니다.',
    ru: () => 'Ускоренный путь для выпускников: требование о сертификате не применялось.',
  },
  mission_pilot_proposed: {
    en: () => 'A pilot was proposed at a business mission meeting.',
    ko: () => '비즈니스 미션 미팅에서 실증이 제안되었습니다.',
    ru: () => 'Пилотный проект предложен на встрече бизнес-миссии.',
  },
} satisfies Record<StatusReasonCode, unknown>);

registerCatalogue('applications.status-reasons', STATUS_REASONS);

/** A system reason's words in `language`. */
export function statusReasonWords(code: StatusReasonCode, language: Language): string {
  return translate(STATUS_REASONS, code, undefined, language);
}
