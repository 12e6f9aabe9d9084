/**
 * Eligibility of a startup for a programme: pure, so every rule is tested at exact instants.
 * Every rule is checked and every failure is returned, so a founder can fix them all at once.
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
  CertificationGradeTooLow = 'CERTIFICATION_GRADE_TOO_LOW',
  CertificationNotValidAtClosing = 'CERTIFICATION_NOT_VALID_AT_CLOSING',
  FoundingDateMissing = 'FOUNDING_DATE_MISSING',
  CompanyTooOld = 'COMPANY_TOO_OLD',
}

export interface EligibilityFailure {
  rule: EligibilityRule;
  message: string;
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
  requiredCertificationGrades: string[];
  maxCompanyAgeYears: number | null;
}

export interface EligibilityStartup {
  country: string;
  technologyFields: string[];
  trl: number;
  foundedAt: Date | null;
  certifications: { kind: string; grade: string | null; validFrom: Date; validUntil: Date | null }[];
}

export interface EligibilityOutcome {
  failures: EligibilityFailure[];
  /** The certification rule was waived for an alumna of a partner's cohort. */
  fastTrack: boolean;
}

function local(at: Date, timeZone: string): string {
  return `${at.toISOString()} (${at.toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' })} ${timeZone})`;
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
export function evaluateEligibility(
  programme: EligibilityProgramme,
  startup: EligibilityStartup,
  now: Date,
  options: { alumniOfPartner: boolean },
): EligibilityOutcome {
  const failures: EligibilityFailure[] = [];
  const fail = (rule: EligibilityRule, message: string) => failures.push({ rule, message });

  if (programme.state !== 'published') fail(EligibilityRule.ProgrammeNotOpen, 'This programme is not open for applications.');
  if (now < programme.windowOpensAt) {
    fail(EligibilityRule.WindowNotOpenYet, `Applications open at ${local(programme.windowOpensAt, programme.timeZone)}.`);
  }
  if (now > programme.windowClosesAt) {
    fail(EligibilityRule.WindowClosed, `Applications closed at ${local(programme.windowClosesAt, programme.timeZone)}.`);
  }
  if (programme.eligibleCountries.length > 0 && !programme.eligibleCountries.includes(startup.country)) {
    fail(
      EligibilityRule.CountryNotEligible,
      `Startups from ${startup.country} cannot apply; eligible countries: ${programme.eligibleCountries.join(', ')}.`,
    );
  }
  if (
    programme.eligibleTechnologyFields.length > 0 &&
    !startup.technologyFields.some((field) => programme.eligibleTechnologyFields.includes(field))
  ) {
    fail(
      EligibilityRule.TechnologyFieldNotEligible,
      `None of your technology fields (${startup.technologyFields.join(', ') || 'none'}) is one this programme accepts: ${programme.eligibleTechnologyFields.join(', ')}.`,
    );
  }
  if (startup.trl < programme.minTrl) {
    fail(EligibilityRule.ReadinessTooLow, `Your technology readiness level is ${startup.trl}; this programme needs at least ${programme.minTrl}.`);
  }
  if (startup.trl > programme.maxTrl) {
    fail(EligibilityRule.ReadinessTooHigh, `Your technology readiness level is ${startup.trl}; this programme takes at most ${programme.maxTrl}.`);
  }

  let fastTrack = false;
  const kind = programme.requiredCertificationKind;
  if (kind) {
    const failure = certificationFailure(programme, startup, kind);
    if (failure && options.alumniOfPartner) fastTrack = true;
    else if (failure) failures.push(failure);
  }

  if (programme.maxCompanyAgeYears !== null) {
    if (!startup.foundedAt) {
      fail(EligibilityRule.FoundingDateMissing, 'Add your date of incorporation to your profile: this programme has a maximum company age.');
    } else {
      const age = completedYears(startup.foundedAt, now);
      if (age >= programme.maxCompanyAgeYears) {
        fail(
          EligibilityRule.CompanyTooOld,
          `Your company is ${age} years old; this programme takes companies younger than ${programme.maxCompanyAgeYears} years.`,
        );
      }
    }
  }
  return { failures, fastTrack };
}

function certificationFailure(programme: EligibilityProgramme, startup: EligibilityStartup, kind: string): EligibilityFailure | null {
  const ofKind = startup.certifications.filter((c) => c.kind === kind);
  if (ofKind.length === 0) {
    return { rule: EligibilityRule.CertificationMissing, message: `This programme requires a ${kind.replaceAll('_', ' ')}; add it to your profile.` };
  }
  const acceptable = programme.requiredCertificationGrades;
  const graded = acceptable.length === 0 ? ofKind : ofKind.filter((c) => c.grade !== null && acceptable.includes(c.grade));
  if (graded.length === 0) {
    return {
      rule: EligibilityRule.CertificationGradeTooLow,
      message: `Your ${kind.replaceAll('_', ' ')} grade (${ofKind.map((c) => c.grade ?? 'none').join(', ')}) is below the required ${minimumGradeOf(acceptable) ?? acceptable.join('/')}.`,
    };
  }
  const closes = programme.windowClosesAt;
  const valid = graded.some((c) => c.validFrom <= closes && (c.validUntil === null || c.validUntil >= closes));
  if (!valid) {
    return {
      rule: EligibilityRule.CertificationNotValidAtClosing,
      message: `Your ${kind.replaceAll('_', ' ')} must be valid on the closing date, ${local(closes, programme.timeZone)}.`,
    };
  }
  return null;
}
