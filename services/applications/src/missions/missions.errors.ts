import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum MissionErrorCode {
  /** Unknown, or a mission the caller neither runs, partners in nor takes part in. */
  NotFound = 'MISSION.NOT_FOUND',
  /** Unknown, or a meeting of the mission the caller may not see. */
  MeetingNotFound = 'MISSION.MEETING_NOT_FOUND',
  UnknownOrganisation = 'MISSION.UNKNOWN_ORGANISATION',
  UnknownStartup = 'MISSION.UNKNOWN_STARTUP',
  /** Unknown, or an agreement the organiser is not a party to (the same answer: another tenant's agreement stays unseen). */
  UnknownAgreement = 'MISSION.UNKNOWN_AGREEMENT',
  /** The organiser's agreement has ended: no new mission runs under it. */
  AgreementEnded = 'MISSION.AGREEMENT_ENDED',
  AlreadyParticipant = 'MISSION.ALREADY_PARTICIPANT',
  TooManyParticipants = 'MISSION.TOO_MANY_PARTICIPANTS',
  InvalidCalendar = 'MISSION.INVALID_CALENDAR',
  InvalidAvailability = 'MISSION.INVALID_AVAILABILITY',
  IllegalState = 'MISSION.ILLEGAL_STATE',
  /** The caller sees the mission (partner, participant) but only its organiser's managers do this. */
  NotOrganiser = 'MISSION.NOT_ORGANISER',
  /** The caller sees the meeting (organiser, partner) but is neither of its companies. */
  NotASide = 'MISSION.NOT_A_SIDE',
  MeetingNotPlaced = 'MISSION.MEETING_NOT_PLACED',
  MeetingNotHeld = 'MISSION.MEETING_NOT_HELD',
  OutcomeRecorded = 'MISSION.OUTCOME_RECORDED',
  InvalidPilotApplication = 'MISSION.INVALID_PILOT_APPLICATION',
  AlreadyApplied = 'MISSION.ALREADY_APPLIED',
}

export class MissionError extends DomainError<MissionErrorCode> {}

const stateWords = {
  en: { draft: 'being prepared', published: 'open to matchmaking', scheduled: 'scheduled' },
  ko: { draft: '준비 중', published: '매칭 진행 중', scheduled: '일정 확정' },
  ru: { draft: 'готовится', published: 'открыта для подбора встреч', scheduled: 'расписание составлено' },
} as const;
type MissionStateWord = keyof (typeof stateWords)['en'];
const wordOf = (language: keyof typeof stateWords, state: string) => stateWords[language][state as MissionStateWord] ?? state;

/** What is wrong with a mission's calendar (the field the problem names is beside it). */
export type CalendarProblem = 'days' | 'hours' | 'rooms';
const calendarWords: Record<'en' | 'ko' | 'ru', Record<CalendarProblem, string>> = {
  en: { days: 'the days must be distinct', hours: 'the meeting hours must hold at least one slot', rooms: 'the room names must be distinct' },
  ko: { days: '날짜가 서로 달라야 합니다', hours: '미팅 시간에 최소 한 개의 슬롯이 있어야 합니다', rooms: '회의실 이름이 서로 달라야 합니다' },
  ru: { days: 'дни не должны повторяться', hours: 'в часы встреч должен помещаться хотя бы один слот', rooms: 'названия комнат не должны повторяться' },
};

/** Each code's detail in the three languages, rendered from the error's `details`. */
export const missionErrorMessages = registerCatalogue(
  'applications.mission-errors',
  defineMessages({
    [MissionErrorCode.NotFound]: {
      en: (p: { missionId: string }) => `Mission ${p.missionId} not found.`,
      ko: (p) => `미션 ${p.missionId}을(를) 찾을 수 없습니다.`,
      ru: (p) => `Миссия ${p.missionId} не найдена.`,
    },
    [MissionErrorCode.MeetingNotFound]: {
      en: (p: { meetingId: string }) => `Meeting ${p.meetingId} not found in this mission.`,
      ko: (p) => `이 미션에서 미팅 ${p.meetingId}을(를) 찾을 수 없습니다.`,
      ru: (p) => `Встреча ${p.meetingId} в этой миссии не найдена.`,
    },
    [MissionErrorCode.UnknownOrganisation]: {
      en: (p: { organisationId: string }) => `There is no organisation ${p.organisationId} (or it is the organiser itself).`,
      ko: (p) => `기관 ${p.organisationId}이(가) 없거나 주최 기관 자신입니다.`,
      ru: (p) => `Организации ${p.organisationId} нет (или это сам организатор).`,
    },
    [MissionErrorCode.UnknownStartup]: {
      en: (p: { startupId: string }) => `There is no startup ${p.startupId}.`,
      ko: (p) => `스타트업 ${p.startupId}이(가) 없습니다.`,
      ru: (p) => `Стартапа ${p.startupId} нет.`,
    },
    [MissionErrorCode.UnknownAgreement]: {
      en: (p: { agreementId: string }) => `There is no agreement ${p.agreementId} that your organisation is a party to.`,
      ko: (p) => `귀 기관이 당사자인 협약 ${p.agreementId}이(가) 없습니다.`,
      ru: (p) => `Соглашения ${p.agreementId}, в котором ваша организация — сторона, нет.`,
    },
    [MissionErrorCode.AgreementEnded]: {
      en: (p: { agreementId: string }) => `Agreement ${p.agreementId} has ended; a new mission cannot run under it.`,
      ko: (p) => `협약 ${p.agreementId}은(는) 종료되어 새 미션을 그 협약으로 진행할 수 없습니다.`,
      ru: (p) => `Соглашение ${p.agreementId} завершено; новая миссия не может проходить в его рамках.`,
    },
    [MissionErrorCode.AlreadyParticipant]: {
      en: () => 'This company already takes part in the mission.',
      ko: () => '이 회사는 이미 미션에 참가하고 있습니다.',
      ru: () => 'Эта компания уже участвует в миссии.',
    },
    [MissionErrorCode.TooManyParticipants]: {
      en: (p: { max: number }) => `A mission takes at most ${p.max} companies.`,
      ko: (p) => `미션에는 최대 ${p.max}개 회사가 참가할 수 있습니다.`,
      ru: (p) => `В миссии может быть не больше ${p.max} компаний.`,
    },
    [MissionErrorCode.InvalidCalendar]: {
      en: (p: { problem: CalendarProblem }) => `The mission's calendar is not usable: ${calendarWords.en[p.problem]}.`,
      ko: (p: { problem: CalendarProblem }) => `미션 일정을 사용할 수 없습니다: ${calendarWords.ko[p.problem]}.`,
      ru: (p: { problem: CalendarProblem }) => `Календарь миссии непригоден: ${calendarWords.ru[p.problem]}.`,
    },
    [MissionErrorCode.InvalidAvailability]: {
      en: (p: { day: string }) => `An availability range must be on a day of the mission and end after it starts (not ${p.day}).`,
      ko: (p) => `가능 시간대는 미션 기간 중 하루여야 하며 시작 후에 끝나야 합니다(${p.day} 불가).`,
      ru: (p) => `Интервал доступности должен приходиться на день миссии и заканчиваться позже начала (не ${p.day}).`,
    },
    [MissionErrorCode.IllegalState]: {
      en: (p: { currentState: string }) => `The mission is ${wordOf('en', p.currentState)}; that cannot be done now.`,
      ko: (p) => `미션이 ${wordOf('ko', p.currentState)} 상태라 지금은 할 수 없습니다.`,
      ru: (p) => `Миссия сейчас в состоянии «${wordOf('ru', p.currentState)}»; сейчас это сделать нельзя.`,
    },
    [MissionErrorCode.NotOrganiser]: {
      en: () => "Only the mission's organiser (its admins and programme managers) does this.",
      ko: () => '미션 주최 기관(관리자와 프로그램 매니저)만 할 수 있습니다.',
      ru: () => 'Это делает только организатор миссии (его администраторы и менеджеры программ).',
    },
    [MissionErrorCode.NotASide]: {
      en: () => "Only the meeting's own companies answer it.",
      ko: () => '미팅 당사자 회사만 응답할 수 있습니다.',
      ru: () => 'Ответить на встречу могут только её компании.',
    },
    [MissionErrorCode.MeetingNotPlaced]: {
      en: () => 'The meeting has no place in the schedule, so it has no outcome.',
      ko: () => '이 미팅은 일정에 배정되지 않아 결과를 기록할 수 없습니다.',
      ru: () => 'Встреча не попала в расписание, поэтому у неё нет итога.',
    },
    [MissionErrorCode.MeetingNotHeld]: {
      en: (p: { startsAt: string }) => `The meeting starts at ${p.startsAt}; record its outcome after it.`,
      ko: (p) => `미팅은 ${p.startsAt}에 시작합니다. 그 이후에 결과를 기록하세요.`,
      ru: (p) => `Встреча начинается в ${p.startsAt}; итог записывается после неё.`,
    },
    [MissionErrorCode.OutcomeRecorded]: {
      en: (p: { outcome: string }) => `The meeting's outcome is already recorded (${p.outcome}).`,
      ko: (p) => `미팅 결과가 이미 기록되었습니다(${p.outcome}).`,
      ru: (p) => `Итог встречи уже записан (${p.outcome}).`,
    },
    [MissionErrorCode.InvalidPilotApplication]: {
      en: () => 'A pilot application needs the pilot_proposed outcome, a startup of the meeting and a published pilot programme.',
      ko: () => '파일럿 신청에는 pilot_proposed 결과, 미팅의 스타트업, 공개된 파일럿 프로그램이 필요합니다.',
      ru: () => 'Для заявки на пилот нужны итог pilot_proposed, стартап этой встречи и опубликованная пилотная программа.',
    },
    [MissionErrorCode.AlreadyApplied]: {
      en: () => 'The startup already has an application to this programme.',
      ko: () => '스타트업이 이미 이 프로그램에 신청했습니다.',
      ru: () => 'У стартапа уже есть заявка в эту программу.',
    },
  }),
  {
    [MissionErrorCode.NotFound]: { missionId: '7d3c1f0e-0000-4000-8000-000000000011' },
    [MissionErrorCode.MeetingNotFound]: { meetingId: '7d3c1f0e-0000-4000-8000-000000000012' },
    [MissionErrorCode.UnknownOrganisation]: { organisationId: '7d3c1f0e-0000-4000-8000-000000000013' },
    [MissionErrorCode.UnknownStartup]: { startupId: '7d3c1f0e-0000-4000-8000-000000000014' },
    [MissionErrorCode.UnknownAgreement]: { agreementId: '7d3c1f0e-0000-4000-8000-000000000015' },
    [MissionErrorCode.AgreementEnded]: { agreementId: '7d3c1f0e-0000-4000-8000-000000000015' },
    [MissionErrorCode.TooManyParticipants]: { max: 500 },
    [MissionErrorCode.InvalidCalendar]: { problem: 'hours' },
    [MissionErrorCode.InvalidAvailability]: { day: '2026-05-20' },
    [MissionErrorCode.IllegalState]: { currentState: 'scheduled' },
    [MissionErrorCode.MeetingNotHeld]: { startsAt: '2026-05-12T06:00:00.000Z' },
    [MissionErrorCode.OutcomeRecorded]: { outcome: 'follow_up' },
  },
);

mapDomainErrorsToHttp(
  MissionError,
  (code) => {
    switch (code) {
      case MissionErrorCode.NotFound:
      case MissionErrorCode.MeetingNotFound:
        return 404;
      case MissionErrorCode.NotOrganiser:
      case MissionErrorCode.NotASide:
        return 403;
      case MissionErrorCode.UnknownOrganisation:
      case MissionErrorCode.UnknownStartup:
      case MissionErrorCode.UnknownAgreement:
      case MissionErrorCode.AgreementEnded:
      case MissionErrorCode.InvalidCalendar:
      case MissionErrorCode.InvalidAvailability:
      case MissionErrorCode.InvalidPilotApplication:
        return 422;
      case MissionErrorCode.AlreadyParticipant:
      case MissionErrorCode.TooManyParticipants:
      case MissionErrorCode.IllegalState:
      case MissionErrorCode.MeetingNotPlaced:
      case MissionErrorCode.MeetingNotHeld:
      case MissionErrorCode.OutcomeRecorded:
      case MissionErrorCode.AlreadyApplied:
        return 409;
      default:
        return assertUnreachable(code);
    }
  },
  missionErrorMessages,
);
