import { translate, type Language, type ParamsOf } from '@exchange/platform';
import { eligibilityMessages, type EligibilityMessages } from './eligibility.messages';

/**
 * Eligibility of a startup for a programme: pure, so every rule is tested at exact instants.
 * Every rule is checked and every failure is returned, so a founder can fix them all at once.
 * Failures are codes with parameters; their text is rendered at the edge in the reader's language.
 */

export enum EligibilityRule {
  ProgrammeNotOpen = 'PROGRAMME_NOT_OPEN',
  WindowNotOpenYet = 'WINDOW_NOT_OPEN_YET',
  WindowClosed = 'WINDOW_CLOSED',
  CountryNotEligible = 'COUNTRY_NOT_ELIGIBLE',
  TechnologyFieldNotEligible = 'TECHNOLOGY_FIELD_NOT_ELIGIBLE',
  ReadinessTooLow = 'READINESS_LEVEL_TOO_LOW',
  ReadinessTooHigh = 'READINESS_LEVEL_TOO_HIGH',
  CertificationMissing = 'CERTIFICATION_MISSING',
  /** The programme takes only a certificate issued by a certification body (from the ones it names). */
  CertificationNotVerified = 'CERTIFICATION_NOT_VERIFIED',
  CertificationGradeTooLow = 'CERTIFICATION_GRADE_TOO_LOW',
  CertificationNotValidAtClosing = 'CERTIFICATION_NOT_VALID_AT_CLOSING',
  FoundingDateMissing = 'FOUNDING_DATE_MISSING',
  CompanyTooOld = 'COMPANY_TOO_OLD',
}

/** One failing rule: its stable code and the parameters its message is rendered from (eligibility.messages.ts). */
export type EligibilityFailure = { [R in EligibilityRule]: { rule: R; params: ParamsOf<EligibilityMessages, `${R}`> } }[EligibilityRule];

/** A failure as a person reads it: the rule's code and its text in their language. */
export interface RenderedEligibilityFailure {
  rule: EligibilityRule;
  message: string;
}

/** Renders failures at the edge, in the reader's language. */
export function renderEligibilityFailures(failures: readonly EligibilityFailure[], language: Language): RenderedEligibilityFailure[] {
  return failures.map((f) => ({ rule: f.rule, message: translate(eligibilityMessages, f.rule, f.params as never, language) }));
}

/** Certificate grades, lowest first (e.g. the Korean innovation certificate: A, AA, AAA). */
export const CERTIFICATION_GRADES = ['A', 'AA', 'AAA'] as const;
export type CertificationGrade = (typeof CERTIFICATION_GRADES)[number];

/** The grades at or above `min`: what the programme stores as its acceptable grades. */
export function gradesAtLeast(min: CertificationGrade): CertificationGrade[] {
  return CERTIFICATION_GRADES.slice(CERTIFICATION_GRADES.indexOf(min)) as CertificationGrade[];
}

/** The lowest acceptable grade, or null when any grade is accepted. */
export function minimumGradeOf(acceptable: string[]): CertificationGrade | null {
  return CERTIFICATION_GRADES.find((grade) => acceptable.includes(grade)) ?? null;
}

export interface EligibilityProgramme {
  state: string;
  windowOpensAt: Date;
  windowClosesAt: Date;
  timeZone: string;
  eligibleCountries: string[];
  eligibleTechnologyFields: string[];
  minTrl: number;
  maxTrl: number;
  requiredCertificationKind: string | null;
  /** Acceptable grades of a self-declared or issued certificate (empty: any), on the common A/AA/AAA scale. */
  requiredCertificationGrades: string[];
  /** Only a certificate issued by a certification body, not revoked, counts. */
  requiresVerifiedCertification?: boolean;
  /** The bodies whose certificates count (empty: any body). */
  requiredCertificationIssuers?: string[];
  /** For a verified certificate: the lowest grade, on the issuing body's own scale (null: any grade). */
  requiredCertificationMinGrade?: string | null;
  maxCompanyAgeYears: number | null;
}

/** A certificate as eligibility sees it. */
export interface EligibilityCertification {
  kind: string;
  grade: string | null;
  validFrom: Date;
  validUntil: Date | null;
  issuerOrganisationId?: string | null;
  /** Issued by a certification body (it has a verification code); self-declared otherwise. */
  verificationCode?: string | null;
  /** A revoked certificate counts for nothing. */
  revokedAt?: Date | null;
}

export interface EligibilityStartup {
  country: string;
  technologyFields: string[];
  trl: number;
  foundedAt: Date | null;
  certifications: EligibilityCertification[];
}

/** What eligibility knows of a certification body: its name and its grades of the required kind, lowest first. */
export interface CertificationBodyFacts {
  name: string;
  grades: readonly string[];
}

export interface EligibilityOptions {
  alumniOfPartner: boolean;
  /** The bodies the rule may need (the programme's named ones and the issuers of the startup's certificates), by organisation id. */
  bodies?: ReadonlyMap<string, CertificationBodyFacts>;
}

export interface EligibilityOutcome {
  failures: EligibilityFailure[];
  /** The certification rule was waived for an alumna of a partner's cohort. */
  fastTrack: boolean;
}

/** Whole years from `from` to `to`, by calendar (a company founded 2020-06-01 is 5 on 2025-06-01). */
export function completedYears(from: Date, to: Date): number {
  let years = to.getUTCFullYear() - from.getUTCFullYear();
  const anniversary = new Date(from);
  anniversary.setUTCFullYear(from.getUTCFullYear() + years);
  if (anniversary > to) years -= 1;
  return years;
}

/**
 * The window is closed at both ends: a submission at exactly `windowOpensAt` or exactly
 * `windowClosesAt` is accepted; one millisecond outside is refused.
 * Company age is measured at the moment of submission; certifications must be valid on the
 * closing instant (valid_from ≤ closes ≤ valid_until).
 */
export function evaluateEligibility(programme: EligibilityProgramme, startup: EligibilityStartup, now: Date, options: EligibilityOptions): EligibilityOutcome {
  const failures: EligibilityFailure[] = [];
  const window = (at: Date) => ({ at: at.toISOString(), timeZone: programme.timeZone });

  if (programme.state !== 'published') failures.push({ rule: EligibilityRule.ProgrammeNotOpen, params: {} });
  if (now < programme.windowOpensAt) failures.push({ rule: EligibilityRule.WindowNotOpenYet, params: window(programme.windowOpensAt) });
  if (now > programme.windowClosesAt) failures.push({ rule: EligibilityRule.WindowClosed, params: window(programme.windowClosesAt) });
  if (programme.eligibleCountries.length > 0 && !programme.eligibleCountries.includes(startup.country)) {
    failures.push({ rule: EligibilityRule.CountryNotEligible, params: { country: startup.country, eligible: programme.eligibleCountries } });
  }
  if (
    programme.eligibleTechnologyFields.length > 0 &&
    !startup.technologyFields.some((field) => programme.eligibleTechnologyFields.includes(field))
  ) {
    failures.push({ rule: EligibilityRule.TechnologyFieldNotEligible, params: { fields: startup.technologyFields, eligible: programme.eligibleTechnologyFields } });
  }
  if (startup.trl < programme.minTrl) failures.push({ rule: EligibilityRule.ReadinessTooLow, params: { trl: startup.trl, min: programme.minTrl } });
  if (startup.trl > programme.maxTrl) failures.push({ rule: EligibilityRule.ReadinessTooHigh, params: { trl: startup.trl, max: programme.maxTrl } });

  let fastTrack = false;
  const failure = certificationRuleFailure(programme, startup.certifications, options.bodies ?? new Map());
  if (failure && options.alumniOfPartner) fastTrack = true;
  else if (failure) failures.push(failure);

  if (programme.maxCompanyAgeYears !== null) {
    if (!startup.foundedAt) {
      failures.push({ rule: EligibilityRule.FoundingDateMissing, params: {} });
    } else {
      const age = completedYears(startup.foundedAt, now);
      if (age >= programme.maxCompanyAgeYears) failures.push({ rule: EligibilityRule.CompanyTooOld, params: { age, maxYears: programme.maxCompanyAgeYears } });
    }
  }
  return { failures, fastTrack };
}

/** Is `grade` at or above `min` on `scale` (lowest first)? Grades off the scale never are. */
export function gradeMeets(scale: readonly string[], grade: string | null, min: string | null | undefined): boolean {
  if (!min) return true;
  if (grade === null) return false;
  const at = scale.indexOf(grade);
  const floor = scale.indexOf(min);
  return at >= 0 && floor >= 0 && at >= floor;
}

/** A certificate issued by a certification body and not revoked. */
export function isVerified(c: EligibilityCertification): boolean {
  return Boolean(c.verificationCode) && Boolean(c.issuerOrganisationId) && !c.revokedAt;
}

/**
 * The programme's certification rule on its own: the failure, or null when it is met (or there is
 * none). Revoked certificates count for nothing. A programme that requires a verified certificate
 * takes only issued ones (from its named bodies, if it names any), graded on the issuing body's own
 * scale; otherwise any certificate of the kind counts, graded on the common A/AA/AAA scale. Also what
 * the re-check after a revocation or an expiry runs (certification-recheck.ts).
 */
export function certificationRuleFailure(
  programme: EligibilityProgramme,
  certifications: readonly EligibilityCertification[],
  bodies: ReadonlyMap<string, CertificationBodyFacts>,
): EligibilityFailure | null {
  const kind = programme.requiredCertificationKind;
  if (!kind) return null;
  const ofKind = certifications.filter((c) => c.kind === kind && !c.revokedAt);
  if (ofKind.length === 0) return { rule: EligibilityRule.CertificationMissing, params: { kind } };

  let graded: EligibilityCertification[];
  let minGrade: string;
  const issuers = programme.requiredCertificationIssuers ?? [];
  if (programme.requiresVerifiedCertification || issuers.length > 0) {
    const verified = ofKind.filter((c) => isVerified(c) && (issuers.length === 0 || issuers.includes(c.issuerOrganisationId!)));
    if (verified.length === 0) {
      const names = issuers.map((id) => bodies.get(id)?.name ?? id);
      return { rule: EligibilityRule.CertificationNotVerified, params: { kind, issuers: names } };
    }
    const min = programme.requiredCertificationMinGrade ?? null;
    graded = verified.filter((c) => gradeMeets(bodies.get(c.issuerOrganisationId!)?.grades ?? [], c.grade, min));
    if (graded.length === 0) return gradeTooLow(kind, verified, min ?? '');
    minGrade = min ?? '';
  } else {
    const acceptable = programme.requiredCertificationGrades;
    graded = acceptable.length === 0 ? ofKind : ofKind.filter((c) => c.grade !== null && acceptable.includes(c.grade));
    minGrade = minimumGradeOf(acceptable) ?? acceptable.join('/');
    if (graded.length === 0) return gradeTooLow(kind, ofKind, minGrade);
  }
  const closes = programme.windowClosesAt;
  const valid = graded.some((c) => c.validFrom <= closes && (c.validUntil === null || c.validUntil >= closes));
  if (!valid) return { rule: EligibilityRule.CertificationNotValidAtClosing, params: { kind, at: closes.toISOString(), timeZone: programme.timeZone } };
  return null;
}

function gradeTooLow(kind: string, certifications: readonly EligibilityCertification[], minGrade: string): EligibilityFailure {
  return { rule: EligibilityRule.CertificationGradeTooLow, params: { kind, grades: certifications.map((c) => c.grade ?? '–'), minGrade } };
}
