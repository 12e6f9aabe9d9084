import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum PilotErrorCode {
  NotFound = 'PILOT.NOT_FOUND',
  NotOrganiser = 'PILOT.NOT_ORGANISER',
  UnknownFilterId = 'PILOT.UNKNOWN_FILTER_ID',
  IllegalTransition = 'PILOT.ILLEGAL_TRANSITION',
  StaleVersion = 'PILOT.STALE_VERSION',
  OutsideSiteAvailability = 'PILOT.OUTSIDE_SITE_AVAILABILITY',
  ResultsDoNotMatchCriteria = 'PILOT.RESULTS_DO_NOT_MATCH_CRITERIA',
  CurrencyWithoutValue = 'PILOT.CONTRACT_CURRENCY_MISMATCH',
}

export class PilotError extends DomainError<PilotErrorCode> {}

const fieldsOf = (errors: Array<{ field: string }> | undefined) => (errors ?? []).map((e) => e.field).join(', ');
const list = (items: string[] | undefined) => (items ?? []).join(', ');
const PILOT_ACTIONS: Record<string, { en: string; ko: string; ru: string }> = {
  schedule: { en: 'schedule', ko: '일정 확정', ru: 'назначение дат' },
  start: { en: 'start', ko: '시작', ru: 'начало' },
  complete: { en: 'complete', ko: '완료', ru: 'завершение' },
  cancel: { en: 'cancel', ko: '취소', ru: 'отмена' },
};
const actionOf = (action: string, language: 'en' | 'ko' | 'ru') => PILOT_ACTIONS[action]?.[language] ?? action;

interface ResultFindings {
  missing: string[];
  unknown: string[];
  repeated: string[];
}
function findings(p: ResultFindings, words: { missing: string; unknown: string; repeated: string }): string {
  return [
    p.missing.length ? `${words.missing}: ${list(p.missing)}` : '',
    p.unknown.length ? `${words.unknown}: ${list(p.unknown)}` : '',
    p.repeated.length ? `${words.repeated}: ${list(p.repeated)}` : '',
  ]
    .filter(Boolean)
    .join('; ');
}
const availability = (p: { availableFrom: string | null; availableUntil: string | null }) => `${p.availableFrom ?? '…'} – ${p.availableUntil ?? '…'}`;

/** The detail of each code in three languages, rendered from the error's details. */
export const pilotErrorMessages = registerCatalogue(
  'pilots.pilot-errors',
  defineMessages({
    [PilotErrorCode.NotFound]: {
      en: () => 'Pilot not found',
      ko: () => '파일럿을 찾을 수 없습니다',
      ru: () => 'Пилот не найден',
    },
    [PilotErrorCode.NotOrganiser]: {
      en: () => 'Only programme managers of the organising organisation or the host act on a pilot',
      ko: () => '파일럿은 주관 기관의 프로그램 매니저나 호스트만 처리할 수 있습니다',
      ru: () => 'Действовать с пилотом могут только менеджеры программ организации-организатора или принимающая сторона',
    },
    [PilotErrorCode.UnknownFilterId]: {
      en: (p: { errors: Array<{ field: string }> }) => `Unknown ${fieldsOf(p.errors)}`,
      ko: (p) => `볼 수 없거나 없는 항목을 가리킵니다: ${fieldsOf(p.errors)}`,
      ru: (p) => `Фильтр указывает на то, чего нет или что вам недоступно: ${fieldsOf(p.errors)}`,
    },
    [PilotErrorCode.IllegalTransition]: {
      en: (p: { currentState: string; action: string }) => `A pilot in state ${p.currentState} cannot ${actionOf(p.action, 'en')}`,
      ko: (p) => `'${p.currentState}' 상태인 파일럿은 ${actionOf(p.action, 'ko')}할 수 없습니다`,
      ru: (p) => `Действие «${actionOf(p.action, 'ru')}» недоступно для пилота в состоянии «${p.currentState}»`,
    },
    [PilotErrorCode.StaleVersion]: {
      en: (p: { yourVersion: number; currentVersion: number }) => `The pilot changed since version ${p.yourVersion} (now version ${p.currentVersion})`,
      ko: (p) => `버전 ${p.yourVersion} 이후 파일럿이 변경되었습니다(현재 버전 ${p.currentVersion})`,
      ru: (p) => `Пилот изменился после версии ${p.yourVersion} (сейчас версия ${p.currentVersion})`,
    },
    [PilotErrorCode.OutsideSiteAvailability]: {
      en: (p: { availableFrom: string | null; availableUntil: string | null }) => `The pilot’s dates fall outside the site’s available dates (${availability(p)})`,
      ko: (p) => `파일럿 기간이 사이트의 이용 가능 기간(${availability(p)})을 벗어납니다`,
      ru: (p) => `Даты пилота выходят за период доступности площадки (${availability(p)})`,
    },
    [PilotErrorCode.ResultsDoNotMatchCriteria]: {
      en: (p: ResultFindings) =>
        `The report needs exactly one measured value for each success criterion: ${findings(p, { missing: 'missing', unknown: 'not criteria', repeated: 'given twice' })}`,
      ko: (p) => `보고서에는 성공 기준마다 측정값이 정확히 하나씩 있어야 합니다: ${findings(p, { missing: '누락', unknown: '기준 아님', repeated: '중복' })}`,
      ru: (p) =>
        `В отчёте должно быть ровно одно измеренное значение для каждого критерия успеха: ${findings(p, { missing: 'нет значения', unknown: 'не критерии', repeated: 'повторяются' })}`,
    },
    [PilotErrorCode.CurrencyWithoutValue]: {
      en: () => 'contractValue and contractCurrency go together',
      ko: () => 'contractValue와 contractCurrency는 함께 보내야 합니다',
      ru: () => 'contractValue и contractCurrency указываются только вместе',
    },
  }),
  {
    [PilotErrorCode.UnknownFilterId]: { errors: [{ field: 'siteId' }] },
    [PilotErrorCode.IllegalTransition]: { currentState: 'completed', action: 'cancel' },
    [PilotErrorCode.StaleVersion]: { yourVersion: 2, currentVersion: 3 },
    [PilotErrorCode.OutsideSiteAvailability]: { availableFrom: '2030-01-01T00:00:00.000Z', availableUntil: null },
    [PilotErrorCode.ResultsDoNotMatchCriteria]: { missing: ['wait time'], unknown: ['colour'], repeated: ['accuracy'] },
  },
);

mapDomainErrorsToHttp(PilotError, (code) => {
  switch (code) {
    case PilotErrorCode.NotFound:
      return 404;
    case PilotErrorCode.NotOrganiser:
      return 403;
    case PilotErrorCode.IllegalTransition:
    case PilotErrorCode.StaleVersion:
      return 409;
    case PilotErrorCode.OutsideSiteAvailability:
    case PilotErrorCode.ResultsDoNotMatchCriteria:
    case PilotErrorCode.CurrencyWithoutValue:
    case PilotErrorCode.UnknownFilterId:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, pilotErrorMessages);
