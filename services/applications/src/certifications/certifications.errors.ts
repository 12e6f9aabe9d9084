import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, registerCatalogue } from '@exchange/platform';

export enum CertificationErrorCode {
  /** No certificate of the caller's body with this id (unknown, or another body's). */
  NotFound = 'CERTIFICATION.NOT_FOUND',
  /** The caller's organisation is not a certification body: it issues nothing. */
  NotACertificationBody = 'CERTIFICATION.NOT_A_CERTIFICATION_BODY',
  /** The body named in the path is not the caller's own (or does not exist). */
  BodyNotFound = 'CERTIFICATION.BODY_NOT_FOUND',
  /** The startup named in the body is unknown; details: `errors` naming `startupId`. */
  UnknownStartup = 'CERTIFICATION.UNKNOWN_STARTUP',
  /** The body has no grade scale for this kind yet; details: `kind`, `errors`. */
  NoGradeScale = 'CERTIFICATION.NO_GRADE_SCALE',
  /** The grade is not on the body's scale for the kind; details: `grade`, `grades`, `errors`. */
  GradeNotOnScale = 'CERTIFICATION.GRADE_NOT_ON_SCALE',
  /** A scale names a grade twice; details: `errors`. */
  DuplicateGrades = 'CERTIFICATION.DUPLICATE_GRADES',
  /** A new scale would drop grades that valid certificates carry; details: `gradesInUse`. */
  ScaleInUse = 'CERTIFICATION.SCALE_IN_USE',
  /** validUntil is not after validFrom; details: `errors`. */
  InvalidValidity = 'CERTIFICATION.INVALID_VALIDITY',
  /** The certificate is revoked: it can be neither renewed nor revoked again; details: `revokedAt`. */
  Revoked = 'CERTIFICATION.REVOKED',
  /** A startup deleting a certificate a body issued (only the body revokes it); details: `certificationId`. */
  IssuedNotRemovable = 'CERTIFICATION.ISSUED_NOT_REMOVABLE',
  /** A public verification code that names no certificate: the same answer for every such code. */
  VerificationNotFound = 'CERTIFICATION.VERIFICATION_NOT_FOUND',
}

/** details: as listed on each code; every detail a message reads is set where the error is thrown. */
export class CertificationError extends DomainError<CertificationErrorCode> {}

type Id = { id?: string };
type Grades = { grade?: string; kind?: string; grades?: string[] };

export const certificationErrorMessages = registerCatalogue(
  'certifications.errors',
  defineMessages({
    [CertificationErrorCode.NotFound]: {
      en: (p: Id) => `Certificate ${p.id ?? ''} not found`,
      ko: (p) => `인증서 ${p.id ?? ''}을(를) 찾을 수 없습니다`,
      ru: (p) => `Сертификат ${p.id ?? ''} не найден`,
    },
    [CertificationErrorCode.NotACertificationBody]: {
      en: () => 'Only people of a certification body issue, renew and revoke certificates',
      ko: () => '인증서 발급, 갱신, 취소는 인증 기관의 담당자만 할 수 있습니다',
      ru: () => 'Выдавать, продлевать и отзывать сертификаты могут только сотрудники органа сертификации',
    },
    [CertificationErrorCode.BodyNotFound]: {
      en: (p: Id) => `Certification body ${p.id ?? ''} not found`,
      ko: (p) => `인증 기관 ${p.id ?? ''}을(를) 찾을 수 없습니다`,
      ru: (p) => `Орган сертификации ${p.id ?? ''} не найден`,
    },
    [CertificationErrorCode.UnknownStartup]: {
      en: () => 'startupId names no startup on the exchange',
      ko: () => 'startupId에 해당하는 스타트업이 거래소에 없습니다',
      ru: () => 'startupId не указывает ни на один стартап платформы',
    },
    [CertificationErrorCode.NoGradeScale]: {
      en: (p: Grades) => `Set your grade scale for ${p.kind ?? 'this kind'} before issuing such certificates`,
      ko: (p) => `${p.kind ?? '이 종류'} 인증서를 발급하기 전에 등급 체계를 먼저 설정해 주세요`,
      ru: (p) => `Прежде чем выдавать сертификаты вида ${p.kind ?? 'этого вида'}, задайте для них шкалу уровней`,
    },
    [CertificationErrorCode.GradeNotOnScale]: {
      en: (p: Grades) => `Grade ${p.grade ?? ''} is not on your scale for ${p.kind ?? 'this kind'}: ${(p.grades ?? []).join(', ')}`,
      ko: (p) => `${p.grade ?? ''} 등급은 ${p.kind ?? '이 종류'}의 등급 체계에 없습니다: ${(p.grades ?? []).join(', ')}`,
      ru: (p) => `Уровня ${p.grade ?? ''} нет в вашей шкале для ${p.kind ?? 'этого вида'}: ${(p.grades ?? []).join(', ')}`,
    },
    [CertificationErrorCode.DuplicateGrades]: {
      en: () => 'Each grade appears once on a scale',
      ko: () => '등급 체계에서 각 등급은 한 번만 나올 수 있습니다',
      ru: () => 'Каждый уровень может встречаться в шкале только один раз',
    },
    [CertificationErrorCode.ScaleInUse]: {
      en: (p: { gradesInUse?: string[] }) => `Valid certificates carry grades the new scale drops: ${(p.gradesInUse ?? []).join(', ')}`,
      ko: (p) => `새 등급 체계에서 빠지는 등급을 가진 유효한 인증서가 있습니다: ${(p.gradesInUse ?? []).join(', ')}`,
      ru: (p) => `Действующие сертификаты имеют уровни, которых нет в новой шкале: ${(p.gradesInUse ?? []).join(', ')}`,
    },
    [CertificationErrorCode.InvalidValidity]: {
      en: () => 'A certificate must end after it starts (validUntil > validFrom)',
      ko: () => '인증서의 만료일은 시작일보다 뒤여야 합니다 (validUntil > validFrom)',
      ru: () => 'Срок действия сертификата должен заканчиваться позже начала (validUntil > validFrom)',
    },
    [CertificationErrorCode.Revoked]: {
      en: (p: { revokedAt?: string }) => `The certificate was revoked${p.revokedAt ? ` at ${p.revokedAt}` : ''}`,
      ko: (p) => `이 인증서는 ${p.revokedAt ? `${p.revokedAt}에 ` : ''}취소되었습니다`,
      ru: (p) => `Сертификат отозван${p.revokedAt ? ` ${p.revokedAt}` : ''}`,
    },
    [CertificationErrorCode.IssuedNotRemovable]: {
      en: () => 'A certificate issued by a certification body cannot be deleted; only its body can revoke it',
      ko: () => '인증 기관이 발급한 인증서는 삭제할 수 없습니다. 발급 기관만 취소할 수 있습니다',
      ru: () => 'Сертификат, выданный органом сертификации, нельзя удалить; отозвать его может только этот орган',
    },
    [CertificationErrorCode.VerificationNotFound]: {
      en: () => 'No certificate has this verification code',
      ko: () => '이 확인 코드에 해당하는 인증서가 없습니다',
      ru: () => 'Сертификата с таким кодом проверки нет',
    },
  }),
);

mapDomainErrorsToHttp(
  CertificationError,
  (code) => {
    switch (code) {
      case CertificationErrorCode.NotFound:
      case CertificationErrorCode.BodyNotFound:
      case CertificationErrorCode.VerificationNotFound:
        return 404;
      case CertificationErrorCode.NotACertificationBody:
        return 403;
      case CertificationErrorCode.Revoked:
      case CertificationErrorCode.ScaleInUse:
      case CertificationErrorCode.IssuedNotRemovable:
        return 409;
      case CertificationErrorCode.UnknownStartup:
      case CertificationErrorCode.NoGradeScale:
      case CertificationErrorCode.GradeNotOnScale:
      case CertificationErrorCode.DuplicateGrades:
      case CertificationErrorCode.InvalidValidity:
        return 422;
      default:
        return assertUnreachable(code);
    }
  },
  certificationErrorMessages,
);
