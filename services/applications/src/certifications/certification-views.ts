import type { ApplicationFlag, Certification, CertificationGradeScale } from '@exchange/data';
import { translate, type Language } from '@exchange/platform';
import { renderEligibilityFailures, type EligibilityFailure } from '../applications/eligibility';
import { flagMessages } from './certification-flags.messages';
import type {
  ApplicationFlagResponse,
  CertificateVerificationResponse,
  GradeScaleResponse,
  IssuedCertificationResponse,
  IssuedCertificationState,
} from './dto/certification.dto';
import type { VerifiedCertificate } from './certifications.repository';

/** The state of a certificate at `now`: revoked wins, then its validity. */
export function certificationState(c: Pick<Certification, 'validFrom' | 'validUntil' | 'revokedAt'>, now: Date): IssuedCertificationState {
  if (c.revokedAt) return 'revoked';
  if (c.validFrom > now) return 'not_yet_valid';
  if (c.validUntil && c.validUntil <= now) return 'expired';
  return 'valid';
}

/** Issued by a certification body (it has a verification code) and not revoked. */
export function isVerifiedCertification(c: Pick<Certification, 'verificationCode' | 'revokedAt'>): boolean {
  return c.verificationCode !== null && c.revokedAt === null;
}

export function gradeScaleView(s: CertificationGradeScale): GradeScaleResponse {
  return { organisationId: s.organisationId, kind: s.kind, grades: s.grades, version: s.version, updatedAt: s.updatedAt.toISOString() };
}

export function issuedCertificationView(c: Certification, now: Date): IssuedCertificationResponse {
  return {
    id: c.id,
    startupId: c.startupId,
    kind: c.kind,
    grade: c.grade ?? '',
    issuerOrganisationId: c.issuerOrganisationId!,
    issuer: c.issuer,
    certificateNumber: c.certificateNumber,
    validFrom: c.validFrom.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    verificationCode: c.verificationCode!,
    verified: isVerifiedCertification(c),
    state: certificationState(c, now),
    issuedAt: c.createdAt.toISOString(),
    renewedAt: c.renewedAt?.toISOString() ?? null,
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revocationReason: c.revocationReason,
  };
}

/** What anyone with the code learns: no certificate number, no revocation reason (the body's business). */
export function verificationView(v: VerifiedCertificate, now: Date): CertificateVerificationResponse {
  const c = v.certification;
  return {
    verificationCode: c.verificationCode!,
    kind: c.kind,
    grade: c.grade ?? '',
    issuer: v.issuer,
    startup: v.startup,
    validFrom: c.validFrom.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    state: certificationState(c, now),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    checkedAt: now.toISOString(),
  };
}

/** A flag as the programme's managers read it, with dates in the programme's time zone. */
export function flagView(f: ApplicationFlag, language: Language, timeZone: string): ApplicationFlagResponse {
  const ended = { kind: f.certificationKind, grade: f.certificationGrade, issuer: f.issuer, at: f.endedAt.toISOString(), timeZone };
  const message =
    f.reason === 'certification_revoked'
      ? translate(flagMessages, 'certification_revoked', { ...ended, reason: f.revocationReason }, language)
      : translate(flagMessages, 'certification_expired', ended, language);
  const [failedRule] = renderEligibilityFailures([{ rule: f.failedRule, params: f.failedRuleParams } as EligibilityFailure], language);
  return {
    id: f.id,
    applicationId: f.applicationId,
    programmeId: f.programmeId,
    startupId: f.startupId,
    reason: f.reason,
    message,
    failedRule,
    certification: { id: f.certificationId, kind: f.certificationKind, grade: f.certificationGrade, issuer: f.issuer, issuerOrganisationId: f.issuerOrganisationId },
    revocationReason: f.revocationReason,
    endedAt: f.endedAt.toISOString(),
    flaggedAt: f.flaggedAt.toISOString(),
  };
}
