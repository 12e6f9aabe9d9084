import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum ProgrammeErrorCode {
  NotFound = 'PROGRAMME.NOT_FOUND',
  /** A partner organisation's staff: they read the programme, only the organiser edits, publishes or closes it. */
  NotOrganiser = 'PROGRAMME.NOT_ORGANISER',
  InvalidWindow = 'PROGRAMME.INVALID_WINDOW',
  InvalidTimeZone = 'PROGRAMME.INVALID_TIME_ZONE',
  InvalidRubric = 'PROGRAMME.INVALID_RUBRIC',
  InvalidEligibility = 'PROGRAMME.INVALID_ELIGIBILITY',
  IllegalState = 'PROGRAMME.ILLEGAL_STATE',
  VersionConflict = 'PROGRAMME.VERSION_CONFLICT',
}

export class ProgrammeError extends DomainError<ProgrammeErrorCode> {}

type ProgrammeAction = 'edit' | 'publish' | 'close';
const PROGRAMME_ACTIONS: Record<ProgrammeAction, { en: string; ko: string; ru: string }> = {
  edit: { en: 'edit', ko: '수정', ru: 'изменение' },
  publish: { en: 'publish', ko: '게시', ru: 'публикация' },
  close: { en: 'close', ko: '마감', ru: 'закрытие' },
};
const actionOf = (action: string, language: 'en' | 'ko' | 'ru') => PROGRAMME_ACTIONS[action as ProgrammeAction]?.[language] ?? action;
/** English third person: "edits", "publishes", "closes". */
const enVerb = (action: string) => (action === 'publish' ? 'publishes' : `${actionOf(action, 'en')}s`);

/** The detail of each code in three languages, rendered from the error's details. */
export const programmeErrorMessages = registerCatalogue(
  'applications.programme-errors',
  defineMessages({
    [ProgrammeErrorCode.NotFound]: {
      en: () => 'Programme not found',
      ko: () => '프로그램을 찾을 수 없습니다',
      ru: () => 'Программа не найдена',
    },
    [ProgrammeErrorCode.NotOrganiser]: {
      en: (p: { action: string }) => `Only programme managers of the organising organisation ${enVerb(p.action)} a programme`,
      ko: (p) => `프로그램 ${actionOf(p.action, 'ko')}은(는) 주관 기관의 프로그램 매니저만 할 수 있습니다`,
      ru: (p) => `${actionOf(p.action, 'ru')[0].toUpperCase()}${actionOf(p.action, 'ru').slice(1)} программы доступно только менеджерам программ организации-организатора`,
    },
    [ProgrammeErrorCode.InvalidWindow]: {
      en: (p: { rule: 'wall_clock_times' | 'closes_after_opens' }) =>
        p.rule === 'wall_clock_times'
          ? 'opensAt and closesAt must be wall-clock times like 2026-03-01T09:00 (or ISO instants with an offset)'
          : 'The window must close after it opens',
      ko: (p) =>
        p.rule === 'wall_clock_times'
          ? 'opensAt과 closesAt은 2026-03-01T09:00 같은 현지 시각(또는 오프셋이 있는 ISO 시각)이어야 합니다'
          : '신청 기간은 시작 후에 끝나야 합니다',
      ru: (p) =>
        p.rule === 'wall_clock_times'
          ? 'opensAt и closesAt должны быть местным временем вида 2026-03-01T09:00 (или моментами ISO со смещением)'
          : 'Приём заявок должен закрываться позже, чем открывается',
    },
    [ProgrammeErrorCode.InvalidTimeZone]: {
      en: (p: { timeZone: string }) => `Unknown time zone ${p.timeZone}: use an IANA name such as Asia/Seoul`,
      ko: (p) => `알 수 없는 시간대 ${p.timeZone}: Asia/Seoul 같은 IANA 이름을 사용하세요`,
      ru: (p) => `Неизвестный часовой пояс ${p.timeZone}: укажите имя IANA, например Asia/Seoul`,
    },
    [ProgrammeErrorCode.InvalidRubric]: {
      en: (p: { rule: 'unique_keys' | 'scale_order' }) => (p.rule === 'unique_keys' ? 'Rubric criteria keys must be unique' : 'The scale minimum must be below its maximum'),
      ko: (p) => (p.rule === 'unique_keys' ? '평가 기준의 키는 서로 달라야 합니다' : '척도의 최솟값은 최댓값보다 작아야 합니다'),
      ru: (p) => (p.rule === 'unique_keys' ? 'Ключи критериев оценки не должны повторяться' : 'Минимум шкалы должен быть меньше её максимума'),
    },
    [ProgrammeErrorCode.InvalidEligibility]: {
      en: (p: { rule: 'trl_range' | 'unknown_partners'; organisationIds?: string[] }) =>
        p.rule === 'trl_range' ? 'minTrl must not exceed maxTrl' : `Unknown partner organisations: ${(p.organisationIds ?? []).join(', ')}`,
      ko: (p) => (p.rule === 'trl_range' ? 'minTrl은 maxTrl보다 클 수 없습니다' : `알 수 없는 파트너 기관: ${(p.organisationIds ?? []).join(', ')}`),
      ru: (p) => (p.rule === 'trl_range' ? 'minTrl не может быть больше maxTrl' : `Неизвестные организации-партнёры: ${(p.organisationIds ?? []).join(', ')}`),
    },
    [ProgrammeErrorCode.IllegalState]: {
      en: (p: { currentState: string; action: string }) =>
        p.action === 'edit' ? `Only a draft programme can be edited; this one is ${p.currentState}` : `Cannot ${p.action} a programme that is ${p.currentState}`,
      ko: (p) => `'${p.currentState}' 상태인 프로그램은 ${actionOf(p.action, 'ko')}할 수 없습니다`,
      ru: (p) => `Действие «${actionOf(p.action, 'ru')}» недоступно для программы в состоянии «${p.currentState}»`,
    },
    [ProgrammeErrorCode.VersionConflict]: {
      en: (p: { yourVersion?: number; currentVersion: number }) => `The programme changed since you read it (version ${p.yourVersion ?? '?'}, now ${p.currentVersion})`,
      ko: (p) => `읽은 뒤에 프로그램이 변경되었습니다(버전 ${p.yourVersion ?? '?'}, 현재 ${p.currentVersion})`,
      ru: (p) => `Программа изменилась с тех пор, как вы её прочитали (версия ${p.yourVersion ?? '?'}, сейчас ${p.currentVersion})`,
    },
  }),
  {
    [ProgrammeErrorCode.NotOrganiser]: { action: 'publish' },
    [ProgrammeErrorCode.InvalidWindow]: { rule: 'closes_after_opens' },
    [ProgrammeErrorCode.InvalidTimeZone]: { timeZone: 'Mars/Olympus' },
    [ProgrammeErrorCode.InvalidRubric]: { rule: 'unique_keys' },
    [ProgrammeErrorCode.InvalidEligibility]: { rule: 'unknown_partners', organisationIds: ['00000000-0000-4000-8000-000000000000'] },
    [ProgrammeErrorCode.IllegalState]: { currentState: 'closed', action: 'publish' },
    [ProgrammeErrorCode.VersionConflict]: { yourVersion: 2, currentVersion: 3 },
  },
);

mapDomainErrorsToHttp(ProgrammeError, (code) => {
  switch (code) {
    case ProgrammeErrorCode.NotFound:
      return 404;
    case ProgrammeErrorCode.NotOrganiser:
      return 403;
    case ProgrammeErrorCode.InvalidWindow:
    case ProgrammeErrorCode.InvalidTimeZone:
    case ProgrammeErrorCode.InvalidRubric:
    case ProgrammeErrorCode.InvalidEligibility:
      return 422;
    case ProgrammeErrorCode.IllegalState:
    case ProgrammeErrorCode.VersionConflict:
      return 409;
    default:
      return assertUnreachable(code);
  }
}, programmeErrorMessages);
