import { catalogueProblems, registeredCatalogues } from '@exchange/platform';
import { EligibilityRule, type EligibilityProgramme } from '../applications/eligibility';
import { flagMessages } from './certification-flags.messages';
import { aroundExpiry, aroundRevocation, failureAfterEnd, type RecheckCertification } from './certification-recheck';
import { certificationState } from './certification-views';
import { certificationErrorMessages } from './certifications.errors';
import { groupedVerificationCode, newVerificationCode, normaliseVerificationCode } from './verification-code';

const body = 'b0d1e5a0-0000-4000-8000-000000000001';
const bodies = new Map([[body, { name: 'Korea Innovation Association', grades: ['A', 'AA', 'AAA'] }]]);
const closes = new Date('2026-04-30T09:00:00Z');
const programme = (over: Partial<EligibilityProgramme> = {}): EligibilityProgramme => ({
  state: 'published',
  windowOpensAt: new Date('2026-03-01T00:00:00Z'),
  windowClosesAt: closes,
  timeZone: 'Asia/Seoul',
  eligibleCountries: [],
  eligibleTechnologyFields: [],
  minTrl: 1,
  maxTrl: 9,
  requiredCertificationKind: 'innovation_certificate',
  requiredCertificationGrades: [],
  requiresVerifiedCertification: true,
  requiredCertificationIssuers: [body],
  requiredCertificationMinGrade: 'AA',
  maxCompanyAgeYears: null,
  ...over,
});
const cert = (id: string, over: Partial<RecheckCertification> = {}): RecheckCertification => ({
  id,
  kind: 'innovation_certificate',
  grade: 'AA',
  validFrom: new Date('2025-01-01T00:00:00Z'),
  validUntil: new Date('2027-01-01T00:00:00Z'),
  issuerOrganisationId: body,
  verificationCode: 'K7QXM2RTA4WZC5HNB3JD',
  revokedAt: null,
  ...over,
});
const revokedAt = new Date('2026-04-10T00:00:00Z');

describe('re-checking open applications when a certificate ends', () => {
  it('flags an application whose only verified certificate was revoked', () => {
    const { before, after } = aroundRevocation([cert('c1', { revokedAt })], 'c1');
    expect(failureAfterEnd(programme(), before, after, bodies)?.rule).toBe(EligibilityRule.CertificationMissing);
  });

  it('flags a revocation after a renewal shortened the certificate to end before the programme closes', () => {
    const shortened = cert('c1', { revokedAt, validUntil: new Date('2026-04-01T00:00:00Z') });
    const { before, after } = aroundRevocation([shortened], 'c1');
    expect(failureAfterEnd(programme(), before, after, bodies)?.rule).toBe(EligibilityRule.CertificationMissing);
  });

  it('leaves alone an application that another certificate still carries', () => {
    const { before, after } = aroundRevocation([cert('c1', { revokedAt }), cert('c2', { grade: 'AAA' })], 'c1');
    expect(failureAfterEnd(programme(), before, after, bodies)).toBeNull();
  });

  it('says the remaining self-declared certificate does not count', () => {
    const { before, after } = aroundRevocation([cert('c1', { revokedAt }), cert('c2', { verificationCode: null })], 'c1');
    expect(failureAfterEnd(programme(), before, after, bodies)?.rule).toBe(EligibilityRule.CertificationNotVerified);
  });

  it('does not flag what did not meet the rule before (it did not rely on the certificate)', () => {
    const { before, after } = aroundRevocation([cert('c1', { revokedAt, grade: 'A' })], 'c1');
    expect(failureAfterEnd(programme(), before, after, bodies)).toBeNull();
  });

  it('flags on expiry, even though the certificate was valid at the closing date', () => {
    const now = new Date('2027-01-01T00:00:01Z');
    const { before, after } = aroundExpiry([cert('c1')], 'c1', now);
    expect(failureAfterEnd(programme(), before, after, bodies)?.rule).toBe(EligibilityRule.CertificationMissing);
    // A self-declared certificate that ended is re-checked the same way under the common rule.
    const common = programme({ requiresVerifiedCertification: false, requiredCertificationIssuers: [], requiredCertificationGrades: ['AA', 'AAA'] });
    const selfDeclared = aroundExpiry([cert('c2', { verificationCode: null })], 'c2', now);
    expect(failureAfterEnd(common, selfDeclared.before, selfDeclared.after, bodies)?.rule).toBe(EligibilityRule.CertificationMissing);
  });

  it('takes the ended certificate as it was relied on, even if a renewal shortened it before the closing date', () => {
    const now = new Date('2026-04-20T00:00:00Z');
    const shortened = cert('c1', { validUntil: new Date('2026-04-15T00:00:00Z') });
    const { before, after } = aroundExpiry([shortened], 'c1', now);
    expect(failureAfterEnd(programme(), before, after, bodies)?.rule).toBe(EligibilityRule.CertificationMissing);
  });
});

describe('certificate states', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it.each([
    ['valid', {}],
    ['not_yet_valid', { validFrom: new Date('2026-07-01T00:00:00Z') }],
    ['expired', { validUntil: new Date('2026-06-01T00:00:00Z') }],
    ['revoked', { revokedAt, validUntil: new Date('2026-01-01T00:00:00Z') }],
  ] as const)('%s', (state, over) => {
    expect(certificationState({ revokedAt: null, ...cert('c'), ...over } as Parameters<typeof certificationState>[0], now)).toBe(state);
  });
});

describe('verification codes', () => {
  it('are 20 characters of base32, different every time', () => {
    const codes = new Set(Array.from({ length: 500 }, newVerificationCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{20}$/);
  });

  it('are read back in any case and grouping, and nothing else is a code', () => {
    const code = newVerificationCode();
    expect(normaliseVerificationCode(groupedVerificationCode(code).toLowerCase())).toBe(code);
    expect(normaliseVerificationCode(` ${code} `)).toBe(code);
    for (const bad of ['', 'A'.repeat(19), 'A'.repeat(21), 'ABCDEFGHIJKLMNOPQRS0', 'ABCDEFGHIJKLMNOPQRS1', "' OR 1=1 --", 'Ⅻ'.repeat(20), 'A'.repeat(10_000)]) {
      expect([bad.slice(0, 30), normaliseVerificationCode(bad)]).toEqual([bad.slice(0, 30), null]);
    }
  });
});

describe('certification texts', () => {
  it.each([
    ['certifications.flags', flagMessages],
    ['certifications.errors', certificationErrorMessages],
  ] as const)('%s has every code in English, Korean and Russian', (name, catalogue) => {
    expect(catalogueProblems(name, catalogue, registeredCatalogues().get(name)!.samples)).toEqual([]);
  });
});
