import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, plural, registerCatalogue } from '@exchange/platform';

export enum OpenCallErrorCode {
  NotFound = 'OPEN_CALL.NOT_FOUND',
  UnknownSite = 'OPEN_CALL.UNKNOWN_SITE',
  SiteNotActive = 'OPEN_CALL.SITE_NOT_ACTIVE',
  ProgrammeNotOfSite = 'OPEN_CALL.PROGRAMME_NOT_OF_SITE',
  ProgrammeRequired = 'OPEN_CALL.PROGRAMME_REQUIRED',
  WindowEndsBeforeStart = 'OPEN_CALL.WINDOW_ENDS_BEFORE_START',
  DeadlinePassed = 'OPEN_CALL.DEADLINE_PASSED',
  DeadlineAfterWindow = 'OPEN_CALL.DEADLINE_AFTER_WINDOW',
  NotOpen = 'OPEN_CALL.NOT_OPEN',
  StaleVersion = 'OPEN_CALL.STALE_VERSION',
  AlreadyAnswered = 'OPEN_CALL.ALREADY_ANSWERED',
  AnswerNotFound = 'OPEN_CALL.ANSWER_NOT_FOUND',
  AnswerAlreadyDecided = 'OPEN_CALL.ANSWER_ALREADY_DECIDED',
}

export class OpenCallError extends DomainError<OpenCallErrorCode> {}

type AnswerState = 'submitted' | 'shortlisted' | 'declined';
const ANSWER_STATE_KO: Record<AnswerState, string> = { submitted: '제출됨', shortlisted: '최종 후보', declined: '거절됨' };
const ANSWER_STATE_RU: Record<AnswerState, string> = { submitted: 'подан', shortlisted: 'в коротком списке', declined: 'отклонён' };

/** The detail of each code in three languages, rendered from the error's details. */
export const openCallErrorMessages = registerCatalogue(
  'pilots.open-call-errors',
  defineMessages({
    [OpenCallErrorCode.NotFound]: {
      en: () => 'Open call not found',
      ko: () => '공개 모집을 찾을 수 없습니다',
      ru: () => 'Открытый запрос не найден',
    },
    [OpenCallErrorCode.UnknownSite]: {
      en: (p: { siteId: string }) => `Site ${p.siteId} is not one of your pilot sites`,
      ko: (p) => `사이트 ${p.siteId}은(는) 귀하의 파일럿 사이트가 아닙니다`,
      ru: (p) => `Площадка ${p.siteId} не относится к вашим площадкам для пилотов`,
    },
    [OpenCallErrorCode.SiteNotActive]: {
      en: (p: { siteState: string }) => `The site is ${p.siteState}: only an active site publishes open calls`,
      ko: (p) => `사이트 상태가 ${p.siteState}입니다. 활성 사이트만 공개 모집을 게시할 수 있습니다`,
      ru: (p) => `Площадка в состоянии ${p.siteState}: открытые запросы публикует только активная площадка`,
    },
    [OpenCallErrorCode.ProgrammeNotOfSite]: {
      en: (p: { programmeId: string }) => `The site does not take part in programme ${p.programmeId}`,
      ko: (p) => `사이트가 프로그램 ${p.programmeId}에 참여하지 않습니다`,
      ru: (p) => `Площадка не участвует в программе ${p.programmeId}`,
    },
    [OpenCallErrorCode.ProgrammeRequired]: {
      en: (p: { programmes: number }) => `The site takes part in ${p.programmes} programmes: name the call's programme in programmeId`,
      ko: (p) => `사이트가 프로그램 ${p.programmes}개에 참여합니다. programmeId에 공개 모집의 프로그램을 지정하세요`,
      ru: (p) =>
        `Площадка участвует в ${p.programmes} ${plural('ru', p.programmes, { one: 'программе', other: 'программах' })}: укажите программу запроса в programmeId`,
    },
    [OpenCallErrorCode.WindowEndsBeforeStart]: {
      en: (p: { windowStartsOn: string; windowEndsOn: string }) => `The pilot window ends (${p.windowEndsOn}) before it starts (${p.windowStartsOn})`,
      ko: (p) => `파일럿 기간의 종료일(${p.windowEndsOn})이 시작일(${p.windowStartsOn})보다 앞섭니다`,
      ru: (p) => `Окно пилота заканчивается (${p.windowEndsOn}) раньше, чем начинается (${p.windowStartsOn})`,
    },
    [OpenCallErrorCode.DeadlinePassed]: {
      en: (p: { answerDeadline: string }) => `The answer deadline ${p.answerDeadline} has already passed`,
      ko: (p) => `응답 마감일 ${p.answerDeadline}이(가) 이미 지났습니다`,
      ru: (p) => `Срок ответа ${p.answerDeadline} уже прошёл`,
    },
    [OpenCallErrorCode.DeadlineAfterWindow]: {
      en: (p: { answerDeadline: string; windowEndsOn: string }) => `The answer deadline ${p.answerDeadline} is after the pilot window ends (${p.windowEndsOn})`,
      ko: (p) => `응답 마감일 ${p.answerDeadline}이(가) 파일럿 기간 종료일(${p.windowEndsOn}) 이후입니다`,
      ru: (p) => `Срок ответа ${p.answerDeadline} позже окончания окна пилота (${p.windowEndsOn})`,
    },
    [OpenCallErrorCode.NotOpen]: {
      en: (p: { currentState: string; answerDeadline: string }) => `The open call no longer takes answers (${p.currentState}, deadline ${p.answerDeadline})`,
      ko: (p) => `이 공개 모집은 더 이상 응답을 받지 않습니다(${p.currentState}, 마감 ${p.answerDeadline})`,
      ru: (p) => `Открытый запрос больше не принимает ответы (${p.currentState}, срок ${p.answerDeadline})`,
    },
    [OpenCallErrorCode.StaleVersion]: {
      en: (p: { yourVersion: number; currentVersion: number }) => `It changed since version ${p.yourVersion} (now version ${p.currentVersion})`,
      ko: (p) => `버전 ${p.yourVersion} 이후 변경되었습니다(현재 버전 ${p.currentVersion})`,
      ru: (p) => `Изменилось после версии ${p.yourVersion} (сейчас версия ${p.currentVersion})`,
    },
    [OpenCallErrorCode.AlreadyAnswered]: {
      en: (p: { answerId: string }) => `You already answered this open call (answer ${p.answerId})`,
      ko: (p) => `이 공개 모집에 이미 응답했습니다(응답 ${p.answerId})`,
      ru: (p) => `Вы уже ответили на этот открытый запрос (ответ ${p.answerId})`,
    },
    [OpenCallErrorCode.AnswerNotFound]: {
      en: () => 'Answer not found',
      ko: () => '응답을 찾을 수 없습니다',
      ru: () => 'Ответ не найден',
    },
    [OpenCallErrorCode.AnswerAlreadyDecided]: {
      en: (p: { currentState: AnswerState }) => `The answer is already ${p.currentState}`,
      ko: (p: { currentState: AnswerState }) => `이 응답은 이미 ${ANSWER_STATE_KO[p.currentState] ?? p.currentState} 상태입니다`,
      ru: (p: { currentState: AnswerState }) => `Ответ уже ${ANSWER_STATE_RU[p.currentState] ?? p.currentState}`,
    },
  }),
  {
    [OpenCallErrorCode.UnknownSite]: { siteId: '00000000-0000-4000-8000-000000000000' },
    [OpenCallErrorCode.SiteNotActive]: { siteState: 'paused' },
    [OpenCallErrorCode.ProgrammeNotOfSite]: { programmeId: '00000000-0000-4000-8000-000000000000' },
    [OpenCallErrorCode.ProgrammeRequired]: { programmes: 2 },
    [OpenCallErrorCode.WindowEndsBeforeStart]: { windowStartsOn: '2026-05-01', windowEndsOn: '2026-04-01' },
    [OpenCallErrorCode.DeadlinePassed]: { answerDeadline: '2026-01-01T00:00:00.000Z' },
    [OpenCallErrorCode.DeadlineAfterWindow]: { answerDeadline: '2026-09-01T00:00:00.000Z', windowEndsOn: '2026-07-31' },
    [OpenCallErrorCode.NotOpen]: { currentState: 'closed', answerDeadline: '2026-04-15T23:59:59.000Z' },
    [OpenCallErrorCode.StaleVersion]: { yourVersion: 1, currentVersion: 2 },
    [OpenCallErrorCode.AlreadyAnswered]: { answerId: '00000000-0000-4000-8000-000000000000' },
    [OpenCallErrorCode.AnswerAlreadyDecided]: { currentState: 'declined' },
  },
);

mapDomainErrorsToHttp(
  OpenCallError,
  (code) => {
    switch (code) {
      case OpenCallErrorCode.NotFound:
      case OpenCallErrorCode.AnswerNotFound:
        return 404;
      case OpenCallErrorCode.SiteNotActive:
      case OpenCallErrorCode.NotOpen:
      case OpenCallErrorCode.StaleVersion:
      case OpenCallErrorCode.AlreadyAnswered:
      case OpenCallErrorCode.AnswerAlreadyDecided:
        return 409;
      case OpenCallErrorCode.UnknownSite:
      case OpenCallErrorCode.ProgrammeNotOfSite:
      case OpenCallErrorCode.ProgrammeRequired:
      case OpenCallErrorCode.WindowEndsBeforeStart:
      case OpenCallErrorCode.DeadlinePassed:
      case OpenCallErrorCode.DeadlineAfterWindow:
        return 422;
      default:
        return assertUnreachable(code);
    }
  },
  openCallErrorMessages,
);
