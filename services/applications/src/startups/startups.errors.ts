import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum StartupErrorCode {
  NotFound = 'STARTUP.NOT_FOUND',
  AlreadyRegistered = 'STARTUP.ALREADY_REGISTERED',
  VersionConflict = 'STARTUP.VERSION_CONFLICT',
  CertificationNotFound = 'STARTUP.CERTIFICATION_NOT_FOUND',
  InvalidCertification = 'STARTUP.INVALID_CERTIFICATION',
}

export class StartupError extends DomainError<StartupErrorCode> {}

/** The detail of each code in three languages, rendered from the error's details. */
export const startupErrorMessages = registerCatalogue(
  'applications.startup-errors',
  defineMessages({
    [StartupErrorCode.NotFound]: {
      en: () => 'Startup not found',
      ko: () => '스타트업을 찾을 수 없습니다',
      ru: () => 'Стартап не найден',
    },
    [StartupErrorCode.AlreadyRegistered]: {
      en: (p: { registrationNumber: string; country: string }) => `A startup with registration number ${p.registrationNumber} in ${p.country} is already registered`,
      ko: (p) => `${p.country}의 등록번호 ${p.registrationNumber} 스타트업은 이미 등록되어 있습니다`,
      ru: (p) => `Стартап с регистрационным номером ${p.registrationNumber} в стране ${p.country} уже зарегистрирован`,
    },
    [StartupErrorCode.VersionConflict]: {
      en: (p: { yourVersion?: number; currentVersion: number }) => `The profile changed since you read it (version ${p.yourVersion ?? '?'}, now ${p.currentVersion})`,
      ko: (p) => `읽은 뒤에 프로필이 변경되었습니다(버전 ${p.yourVersion ?? '?'}, 현재 ${p.currentVersion})`,
      ru: (p) => `Профиль изменился с тех пор, как вы его прочитали (версия ${p.yourVersion ?? '?'}, сейчас ${p.currentVersion})`,
    },
    [StartupErrorCode.CertificationNotFound]: {
      en: () => 'Certification not found',
      ko: () => '인증서를 찾을 수 없습니다',
      ru: () => 'Сертификат не найден',
    },
    [StartupErrorCode.InvalidCertification]: {
      en: (p: { rule: 'unknown_issuer' | 'validity_order' }) =>
        p.rule === 'unknown_issuer' ? 'issuerOrganisationId is not an organisation on the platform' : 'A certification must end after it starts (validUntil > validFrom)',
      ko: (p) =>
        p.rule === 'unknown_issuer' ? 'issuerOrganisationId가 플랫폼에 있는 기관이 아닙니다' : '인증서는 시작 후에 끝나야 합니다(validUntil > validFrom)',
      ru: (p) =>
        p.rule === 'unknown_issuer' ? 'issuerOrganisationId не является организацией платформы' : 'Сертификат должен заканчиваться позже, чем начинается (validUntil > validFrom)',
    },
  }),
  {
    [StartupErrorCode.AlreadyRegistered]: { registrationNumber: '110-81-12345', country: 'KR' },
    [StartupErrorCode.VersionConflict]: { yourVersion: 2, currentVersion: 3 },
    [StartupErrorCode.InvalidCertification]: { rule: 'unknown_issuer' },
  },
);

mapDomainErrorsToHttp(StartupError, (code) => {
  switch (code) {
    case StartupErrorCode.NotFound:
    case StartupErrorCode.CertificationNotFound:
      return 404;
    case StartupErrorCode.AlreadyRegistered:
    case StartupErrorCode.VersionConflict:
      return 409;
    case StartupErrorCode.InvalidCertification:
      return 422;
    default:
      return assertUnreachable(code);
  }
}, startupErrorMessages);
