import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, plural, registerCatalogue } from '@exchange/platform';

export enum AgreementErrorCode {
  /** Unknown, or an agreement the caller's organisation is not a party to. */
  NotFound = 'AGREEMENT.NOT_FOUND',
  /** The organisation named as the other party does not exist. */
  UnknownOrganisation = 'AGREEMENT.UNKNOWN_ORGANISATION',
  /** The caller's own organisation named as the other party. */
  SameParty = 'AGREEMENT.SAME_PARTY',
  InvalidDates = 'AGREEMENT.INVALID_DATES',
  InvalidPeriod = 'AGREEMENT.INVALID_PERIOD',
  IllegalState = 'AGREEMENT.ILLEGAL_STATE',
  VersionConflict = 'AGREEMENT.VERSION_CONFLICT',
}

export class AgreementError extends DomainError<AgreementErrorCode> {}

/** Each code's detail in the three languages, rendered from the error's `details`. */
export const agreementErrorMessages = registerCatalogue(
  'applications.agreement-errors',
  defineMessages({
    [AgreementErrorCode.NotFound]: {
      en: (p: { agreementId: string }) => `Agreement ${p.agreementId} not found.`,
      ko: (p) => `협약 ${p.agreementId}을(를) 찾을 수 없습니다.`,
      ru: (p) => `Соглашение ${p.agreementId} не найдено.`,
    },
    [AgreementErrorCode.UnknownOrganisation]: {
      en: (p: { organisationId: string }) => `There is no organisation ${p.organisationId} to sign an agreement with.`,
      ko: (p) => `협약을 맺을 기관 ${p.organisationId}이(가) 없습니다.`,
      ru: (p) => `Организации ${p.organisationId}, с которой заключается соглашение, нет.`,
    },
    [AgreementErrorCode.SameParty]: {
      en: () => 'An agreement needs two different organisations: name the other party, not your own organisation.',
      ko: () => '협약에는 서로 다른 두 기관이 필요합니다. 자기 기관이 아닌 상대 기관을 지정하세요.',
      ru: () => 'Для соглашения нужны две разные организации: укажите другую сторону, а не свою организацию.',
    },
    [AgreementErrorCode.InvalidDates]: {
      en: (p: { validFrom: string; validUntil: string; signedOn: string; maxYears: number }) =>
        `The agreement must be valid from ${p.validFrom} until a day no earlier (not ${p.validUntil}), for at most ${p.maxYears} years, and be signed (${p.signedOn}) no later than its last day.`,
      ko: (p) =>
        `협약 유효 기간은 ${p.validFrom}부터 그 이후의 날짜까지여야 하며(${p.validUntil} 불가) 최대 ${p.maxYears}년이고, 서명일(${p.signedOn})은 마지막 날 이전이어야 합니다.`,
      ru: (p) =>
        `Соглашение должно действовать с ${p.validFrom} до дня не раньше этого (не ${p.validUntil}), не дольше ${p.maxYears} ${plural('ru', p.maxYears, { one: 'года', other: 'лет' })}, и быть подписано (${p.signedOn}) не позже последнего дня.`,
    },
    [AgreementErrorCode.InvalidPeriod]: {
      en: (p: { from: string; to: string; maxDays: number }) => `The report period ${p.from}–${p.to} must end on or after its first day and span at most ${p.maxDays} days.`,
      ko: (p) => `보고 기간 ${p.from}–${p.to}은(는) 시작일 이후에 끝나야 하며 최대 ${p.maxDays}일입니다.`,
      ru: (p) => `Период отчёта ${p.from}–${p.to} должен заканчиваться не раньше своего первого дня и длиться не больше ${p.maxDays} дней.`,
    },
    [AgreementErrorCode.IllegalState]: {
      en: (p: { currentState: string }) => `The agreement is ${p.currentState === 'ended' ? 'ended' : 'active'}; that cannot be done now.`,
      ko: (p) => `협약이 ${p.currentState === 'ended' ? '종료된' : '유효한'} 상태라 지금은 할 수 없습니다.`,
      ru: (p) => `Соглашение ${p.currentState === 'ended' ? 'завершено' : 'действует'}; сейчас это сделать нельзя.`,
    },
    [AgreementErrorCode.VersionConflict]: {
      en: (p: { currentVersion: number }) => `The agreement changed since you read it; it is now version ${p.currentVersion}.`,
      ko: (p) => `읽은 후 협약이 변경되었습니다. 현재 버전은 ${p.currentVersion}입니다.`,
      ru: (p) => `Соглашение изменилось после того, как вы его прочли; текущая версия — ${p.currentVersion}.`,
    },
  }),
  {
    [AgreementErrorCode.NotFound]: { agreementId: '7d3c1f0e-0000-4000-8000-000000000001' },
    [AgreementErrorCode.UnknownOrganisation]: { organisationId: '7d3c1f0e-0000-4000-8000-000000000002' },
    [AgreementErrorCode.InvalidDates]: { validFrom: '2026-01-01', validUntil: '2025-12-31', signedOn: '2025-12-01', maxYears: 10 },
    [AgreementErrorCode.InvalidPeriod]: { from: '2026-12-31', to: '2026-01-01', maxDays: 3660 },
    [AgreementErrorCode.IllegalState]: { currentState: 'ended' },
    [AgreementErrorCode.VersionConflict]: { currentVersion: 3 },
  },
);

mapDomainErrorsToHttp(
  AgreementError,
  (code) => {
    switch (code) {
      case AgreementErrorCode.NotFound:
        return 404;
      case AgreementErrorCode.UnknownOrganisation:
      case AgreementErrorCode.SameParty:
      case AgreementErrorCode.InvalidDates:
      case AgreementErrorCode.InvalidPeriod:
        return 422;
      case AgreementErrorCode.IllegalState:
      case AgreementErrorCode.VersionConflict:
        return 409;
      default:
        return assertUnreachable(code);
    }
  },
  agreementErrorMessages,
);
