import type { Certification, Startup } from '@exchange/data';
import type { StartupSummary } from '@exchange/contracts';
import type { CertificationResponse, StartupResponse } from './dto/startup.dto';

export function certificationView(c: Certification): CertificationResponse {
  return {
    id: c.id,
    kind: c.kind,
    issuer: c.issuer,
    issuerOrganisationId: c.issuerOrganisationId,
    grade: c.grade,
    certificateNumber: c.certificateNumber,
    validFrom: c.validFrom.toISOString(),
    validUntil: c.validUntil?.toISOString() ?? null,
    verified: c.verificationCode !== null && c.revokedAt === null,
    verificationCode: c.verificationCode,
    revokedAt: c.revokedAt?.toISOString() ?? null,
  };
}

/**
 * `full`: the startup itself and related staff (see StartupsService.fullProfileIds). `public`:
 * everyone else, without the personal data (registration number, contact, team) or certificate
 * numbers, which identify the company in public registers as well as its registration number, or
 * verification codes (the startup hands those to whoever should verify a certificate).
 */
export type StartupProfile = 'full' | 'public';

export function startupView(s: Startup, certifications: Certification[], profile: StartupProfile): StartupResponse {
  const full = profile === 'full';
  return {
    id: s.id,
    profile,
    name: s.name,
    nameLatin: s.nameLatin,
    country: s.country,
    ...(full ? { registrationNumber: s.registrationNumber } : {}),
    technologyFields: s.technologyFields,
    trl: s.trl,
    ...(full ? { team: s.team, contact: s.contact } : {}),
    languages: s.languages,
    description: s.description,
    foundedOn: s.foundedAt ? s.foundedAt.toISOString().slice(0, 10) : null,
    certifications: certifications.map((c) => (full ? certificationView(c) : { ...certificationView(c), certificateNumber: null, verificationCode: null })),
    version: s.version,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** What consumers of startup and application events need without calling back. */
export function startupSummary(s: Startup): StartupSummary {
  return {
    id: s.id,
    name: s.name,
    nameLatin: s.nameLatin,
    country: s.country,
    technologyFields: s.technologyFields,
    readinessLevel: s.trl,
    languages: s.languages,
  };
}
