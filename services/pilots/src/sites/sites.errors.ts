import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, plural, registerCatalogue } from '@exchange/platform';

export enum SiteErrorCode {
  NotFound = 'PILOT_SITE.NOT_FOUND',
  StaleVersion = 'PILOT_SITE.STALE_VERSION',
  CapacityBelowActivePilots = 'PILOT_SITE.CAPACITY_BELOW_ACTIVE_PILOTS',
  InvalidTrlRange = 'PILOT_SITE.INVALID_TRL_RANGE',
  InvalidDates = 'PILOT_SITE.INVALID_DATES',
  ProgrammeNotOpenToSites = 'PILOT_SITE.PROGRAMME_NOT_OPEN_TO_SITES',
  UnknownProgramme = 'PILOT_SITE.UNKNOWN_PROGRAMME',
}

export class SiteError extends DomainError<SiteErrorCode> {}

const list = (items: string[] | undefined) => (items ?? []).join(', ');

/** The detail of each code in three languages, rendered from the error's details. */
export const siteErrorMessages = registerCatalogue(
  'pilots.site-errors',
  defineMessages({
    [SiteErrorCode.NotFound]: {
      en: () => 'Pilot site not found',
      ko: () => '파일럿 사이트를 찾을 수 없습니다',
      ru: () => 'Площадка для пилотов не найдена',
    },
    [SiteErrorCode.StaleVersion]: {
      en: (p: { yourVersion: number; currentVersion: number }) => `The site changed since version ${p.yourVersion} (now version ${p.currentVersion})`,
      ko: (p) => `버전 ${p.yourVersion} 이후 사이트가 변경되었습니다(현재 버전 ${p.currentVersion})`,
      ru: (p) => `Площадка изменилась после версии ${p.yourVersion} (сейчас версия ${p.currentVersion})`,
    },
    [SiteErrorCode.CapacityBelowActivePilots]: {
      en: (p: { activePilots: number }) => `The site runs ${p.activePilots} pilots; capacity cannot go below that`,
      ko: (p) => `사이트에서 파일럿 ${p.activePilots}건이 진행 중이므로 수용 인원을 그보다 줄일 수 없습니다`,
      ru: (p) =>
        `На площадке идёт ${p.activePilots} ${plural('ru', p.activePilots, { one: 'пилот', few: 'пилота', many: 'пилотов', other: 'пилота' })}; вместимость не может быть меньше`,
    },
    [SiteErrorCode.InvalidTrlRange]: {
      en: (p: { minTrl: number; maxTrl: number }) => `minTrl ${p.minTrl} is above maxTrl ${p.maxTrl}`,
      ko: (p) => `minTrl ${p.minTrl}이(가) maxTrl ${p.maxTrl}보다 큽니다`,
      ru: (p) => `minTrl ${p.minTrl} больше maxTrl ${p.maxTrl}`,
    },
    [SiteErrorCode.InvalidDates]: {
      en: () => 'availableUntil must be after availableFrom',
      ko: () => 'availableUntil은 availableFrom보다 뒤여야 합니다',
      ru: () => 'availableUntil должно быть позже availableFrom',
    },
    [SiteErrorCode.ProgrammeNotOpenToSites]: {
      en: (p: { programmeIds: string[] }) => `Not a published pilot programme: ${list(p.programmeIds)}`,
      ko: (p) => `게시된 파일럿 프로그램이 아닙니다: ${list(p.programmeIds)}`,
      ru: (p) => `Это не опубликованные пилотные программы: ${list(p.programmeIds)}`,
    },
    [SiteErrorCode.UnknownProgramme]: {
      en: (p: { programmeId: string }) => `Programme ${p.programmeId} is not a pilot programme`,
      ko: (p) => `프로그램 ${p.programmeId}은(는) 파일럿 프로그램이 아닙니다`,
      ru: (p) => `Программа ${p.programmeId} не является пилотной`,
    },
  }),
  {
    [SiteErrorCode.StaleVersion]: { yourVersion: 2, currentVersion: 3 },
    [SiteErrorCode.CapacityBelowActivePilots]: { activePilots: 3 },
    [SiteErrorCode.InvalidTrlRange]: { minTrl: 7, maxTrl: 4 },
    [SiteErrorCode.ProgrammeNotOpenToSites]: { programmeIds: ['00000000-0000-4000-8000-000000000000'] },
    [SiteErrorCode.UnknownProgramme]: { programmeId: '00000000-0000-4000-8000-000000000000' },
  },
);

mapDomainErrorsToHttp(SiteError, (code) => {
  switch (code) {
    case SiteErrorCode.NotFound:
      return 404;
    case SiteErrorCode.StaleVersion:
    case SiteErrorCode.CapacityBelowActivePilots:
      return 409;
    case SiteErrorCode.InvalidTrlRange:
    case SiteErrorCode.InvalidDates:
    case SiteErrorCode.ProgrammeNotOpenToSites:
    case SiteErrorCode.UnknownProgramme:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, siteErrorMessages);
