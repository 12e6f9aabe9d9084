import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum CohortErrorCode {
  NotFound = 'COHORT.NOT_FOUND',
  ReadOnly = 'COHORT.READ_ONLY',
  IllegalTransition = 'COHORT.ILLEGAL_TRANSITION',
  VersionConflict = 'COHORT.VERSION_CONFLICT',
  InvalidSchedule = 'COHORT.INVALID_SCHEDULE',
  InvalidTimeZone = 'COHORT.INVALID_TIME_ZONE',
  OfferDeadlinePassed = 'COHORT.OFFER_DEADLINE_PASSED',
  MemberNotFound = 'COHORT.MEMBER_NOT_FOUND',
  GraduationIncomplete = 'COHORT.GRADUATION_INCOMPLETE',
  MemberNotDroppable = 'COHORT.MEMBER_NOT_DROPPABLE',
  ProgrammeNotOrganised = 'COHORT.PROGRAMME_NOT_ORGANISED',
  NotProgrammePartner = 'COHORT.NOT_PROGRAMME_PARTNER',
  UnknownFilterId = 'COHORT.UNKNOWN_FILTER_ID',
}

export class CohortError extends DomainError<CohortErrorCode> {}

/** What a cohort's illegal transitions tried to do, in words. */
const COHORT_ACTIONS = {
  start: { en: 'start', ko: '시작', ru: 'начало' },
  graduate: { en: 'graduate', ko: '수료 처리', ru: 'выпуск' },
  assign_pitch_sessions: { en: 'assign pitch sessions of', ko: '피칭 세션 배정', ru: 'распределение по питч-сессиям' },
  preview_selection: { en: 'preview the selection of', ko: '선발 미리보기', ru: 'предпросмотр отбора' },
  commit_selection: { en: 'commit the selection of', ko: '선발 확정', ru: 'утверждение отбора' },
} as const;
export type CohortAction = keyof typeof COHORT_ACTIONS;
const actionOf = (action: string, language: 'en' | 'ko' | 'ru') => COHORT_ACTIONS[action as CohortAction]?.[language] ?? action;
const list = (items: string[] | undefined) => (items ?? []).join(', ');

/** The detail of each code in three languages, rendered from the error's details. */
export const cohortErrorMessages = registerCatalogue(
  'cohorts.cohort-errors',
  defineMessages({
    [CohortErrorCode.NotFound]: {
      en: () => 'cohort not found',
      ko: () => '코호트를 찾을 수 없습니다',
      ru: () => 'Когорта не найдена',
    },
    [CohortErrorCode.ReadOnly]: {
      en: () => 'only programme managers of the organising organisation change a cohort',
      ko: () => '코호트는 주관 기관의 프로그램 매니저만 변경할 수 있습니다',
      ru: () => 'Изменять когорту могут только менеджеры программ организации-организатора',
    },
    [CohortErrorCode.IllegalTransition]: {
      en: (p: { action: string; currentState: string }) => `cannot ${actionOf(p.action, 'en')} a cohort in state ${p.currentState}`,
      ko: (p) => `'${p.currentState}' 상태인 코호트에서는 ${actionOf(p.action, 'ko')}을(를) 할 수 없습니다`,
      ru: (p) => `Действие «${actionOf(p.action, 'ru')}» недоступно для когорты в состоянии «${p.currentState}»`,
    },
    [CohortErrorCode.VersionConflict]: {
      en: (p: { yourVersion: number; currentVersion: number }) => `version ${p.yourVersion} is stale: the cohort is at version ${p.currentVersion}`,
      ko: (p) => `버전 ${p.yourVersion}은(는) 오래되었습니다. 코호트의 현재 버전은 ${p.currentVersion}입니다`,
      ru: (p) => `Версия ${p.yourVersion} устарела: текущая версия когорты — ${p.currentVersion}`,
    },
    [CohortErrorCode.InvalidSchedule]: {
      en: (p: { rule: 'ends_after_starts' | 'deadline_before_end' }) => (p.rule === 'ends_after_starts' ? 'endsAt must be after startsAt' : 'offerDeadlineAt must be before endsAt'),
      ko: (p) => (p.rule === 'ends_after_starts' ? 'endsAt은 startsAt보다 뒤여야 합니다' : 'offerDeadlineAt은 endsAt보다 앞이어야 합니다'),
      ru: (p) => (p.rule === 'ends_after_starts' ? 'endsAt должно быть позже startsAt' : 'offerDeadlineAt должно быть раньше endsAt'),
    },
    [CohortErrorCode.InvalidTimeZone]: {
      en: (p: { timeZone: string }) => `unknown time zone ${p.timeZone}`,
      ko: (p) => `알 수 없는 시간대: ${p.timeZone}`,
      ru: (p) => `Неизвестный часовой пояс: ${p.timeZone}`,
    },
    [CohortErrorCode.OfferDeadlinePassed]: {
      en: () => 'the cohort’s offer deadline has passed: move it before selecting',
      ko: () => '코호트의 제안 마감일이 지났습니다. 선발하기 전에 마감일을 옮기세요',
      ru: () => 'Срок ответа на предложения когорты прошёл: перенесите его до отбора',
    },
    [CohortErrorCode.MemberNotFound]: {
      en: () => 'member not found',
      ko: () => '구성원을 찾을 수 없습니다',
      ru: () => 'Участник не найден',
    },
    [CohortErrorCode.GraduationIncomplete]: {
      en: (p: { missingMemberIds: string[]; unknownMemberIds: string[] }) =>
        `give exactly one outcome for every accepted member${p.missingMemberIds.length ? `; missing: ${list(p.missingMemberIds)}` : ''}`,
      ko: (p) => `수락한 구성원마다 결과를 정확히 하나씩 주세요${p.missingMemberIds.length ? `. 누락: ${list(p.missingMemberIds)}` : ''}`,
      ru: (p) => `Укажите ровно один итог для каждого принятого участника${p.missingMemberIds.length ? `; не указан для: ${list(p.missingMemberIds)}` : ''}`,
    },
    [CohortErrorCode.MemberNotDroppable]: {
      en: (p: { currentState: string; cohortState: string }) => `a member in state ${p.currentState} of a cohort in state ${p.cohortState} cannot drop out`,
      ko: (p) => `'${p.cohortState}' 상태인 코호트의 '${p.currentState}' 상태 구성원은 중도 이탈할 수 없습니다`,
      ru: (p) => `Участник в состоянии «${p.currentState}» когорты в состоянии «${p.cohortState}» не может выбыть`,
    },
    [CohortErrorCode.ProgrammeNotOrganised]: {
      en: (p: { programmeId: string }) => `Programme ${p.programmeId} is not an accelerator programme your organisation organises`,
      ko: (p) => `프로그램 ${p.programmeId}은(는) 소속 기관이 주관하는 액셀러레이터 프로그램이 아닙니다`,
      ru: (p) => `Программа ${p.programmeId} не является акселерационной программой вашей организации`,
    },
    [CohortErrorCode.NotProgrammePartner]: {
      en: () => 'Every partner organisation of a cohort must partner in its programme',
      ko: () => '코호트의 모든 파트너 기관은 해당 프로그램의 파트너여야 합니다',
      ru: () => 'Каждая организация-партнёр когорты должна быть партнёром её программы',
    },
    [CohortErrorCode.UnknownFilterId]: {
      en: (p: { programmeId: string }) => `Programme ${p.programmeId} is not one of your organisation's programmes`,
      ko: (p) => `프로그램 ${p.programmeId}은(는) 소속 기관의 프로그램이 아닙니다`,
      ru: (p) => `Программа ${p.programmeId} не относится к программам вашей организации`,
    },
  }),
  {
    [CohortErrorCode.IllegalTransition]: { action: 'graduate', currentState: 'planning' },
    [CohortErrorCode.VersionConflict]: { yourVersion: 2, currentVersion: 3 },
    [CohortErrorCode.InvalidSchedule]: { rule: 'deadline_before_end' },
    [CohortErrorCode.InvalidTimeZone]: { timeZone: 'Mars/Olympus' },
    [CohortErrorCode.GraduationIncomplete]: { missingMemberIds: ['00000000-0000-4000-8000-000000000000'], unknownMemberIds: [] },
    [CohortErrorCode.MemberNotDroppable]: { currentState: 'offered', cohortState: 'planning' },
    [CohortErrorCode.ProgrammeNotOrganised]: { programmeId: '00000000-0000-4000-8000-000000000000' },
    [CohortErrorCode.UnknownFilterId]: { programmeId: '00000000-0000-4000-8000-000000000000' },
  },
);

mapDomainErrorsToHttp(CohortError, (code) => {
  switch (code) {
    case CohortErrorCode.NotFound:
    case CohortErrorCode.MemberNotFound:
      return 404;
    case CohortErrorCode.ReadOnly:
      return 403;
    case CohortErrorCode.IllegalTransition:
    case CohortErrorCode.VersionConflict:
    case CohortErrorCode.OfferDeadlinePassed:
    case CohortErrorCode.MemberNotDroppable:
      return 409;
    case CohortErrorCode.InvalidSchedule:
    case CohortErrorCode.InvalidTimeZone:
    case CohortErrorCode.GraduationIncomplete:
    case CohortErrorCode.ProgrammeNotOrganised:
    case CohortErrorCode.NotProgrammePartner:
    case CohortErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, cohortErrorMessages);

export const cohortNotFound = (id: string) => new CohortError(CohortErrorCode.NotFound, `cohort ${id} not found`);

export const illegalTransition = (action: CohortAction, currentState: string) =>
  new CohortError(CohortErrorCode.IllegalTransition, `cannot ${COHORT_ACTIONS[action].en} a cohort in state ${currentState}`, { currentState, action });

export const versionConflict = (given: number, currentVersion: number, currentState: string) =>
  new CohortError(CohortErrorCode.VersionConflict, `version ${given} is stale: the cohort is at version ${currentVersion}`, {
    yourVersion: given,
    currentVersion,
    currentState,
  });
