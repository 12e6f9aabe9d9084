import { catalogueProblems, registeredCatalogues } from '@exchange/platform';
import { EligibilityRule, completedYears, evaluateEligibility, gradeMeets, gradesAtLeast, renderEligibilityFailures, type EligibilityProgramme, type EligibilityStartup } from './eligibility';
import { eligibilityMessages } from './eligibility.messages';

const opens = new Date('2026-03-01T00:00:00Z');
const closes = new Date('2026-04-30T09:00:00Z');

const programme = (over: Partial<EligibilityProgramme> = {}): EligibilityProgramme => ({
  state: 'published',
  windowOpensAt: opens,
  windowClosesAt: closes,
  timeZone: 'Asia/Seoul',
  eligibleCountries: ['KR', 'RU'],
  eligibleTechnologyFields: ['medtech', 'mobility'],
  minTrl: 4,
  maxTrl: 7,
  requiredCertificationKind: 'innovation_certificate',
  requiredCertificationGrades: gradesAtLeast('AA'),
  maxCompanyAgeYears: 7,
  ...over,
});

const startup = (over: Partial<EligibilityStartup> = {}): EligibilityStartup => ({
  country: 'KR',
  technologyFields: ['medtech', 'ai'],
  trl: 5,
  foundedAt: new Date('2022-01-10T00:00:00Z'),
  certifications: [{ kind: 'innovation_certificate', grade: 'AA', validFrom: new Date('2024-01-01T00:00:00Z'), validUntil: new Date('2027-01-01T00:00:00Z') }],
  ...over,
});

const inWindow = new Date('2026-04-01T00:00:00Z');
const rules = (p: EligibilityProgramme, s: EligibilityStartup, now = inWindow, alumniOfPartner = false) =>
  evaluateEligibility(p, s, now, { alumniOfPartner }).failures.map((f) => f.rule);

describe('eligibility', () => {
  it('passes an eligible startup', () => {
    expect(rules(programme(), startup())).toEqual([]);
  });

  it.each([
    ['programme not published', programme({ state: 'draft' }), startup(), EligibilityRule.ProgrammeNotOpen],
    ['country', programme(), startup({ country: 'DE' }), EligibilityRule.CountryNotEligible],
    ['technology field', programme(), startup({ technologyFields: ['fintech'] }), EligibilityRule.TechnologyFieldNotEligible],
    ['TRL below minimum', programme(), startup({ trl: 3 }), EligibilityRule.ReadinessTooLow],
    ['TRL above maximum', programme(), startup({ trl: 8 }), EligibilityRule.ReadinessTooHigh],
    ['certification missing', programme(), startup({ certifications: [] }), EligibilityRule.CertificationMissing],
    [
      'certification grade below minimum',
      programme(),
      startup({ certifications: [{ kind: 'innovation_certificate', grade: 'A', validFrom: new Date('2024-01-01T00:00:00Z'), validUntil: null }] }),
      EligibilityRule.CertificationGradeTooLow,
    ],
    [
      'certification expired before the closing date',
      programme(),
      startup({ certifications: [{ kind: 'innovation_certificate', grade: 'AAA', validFrom: new Date('2023-01-01T00:00:00Z'), validUntil: new Date('2026-04-30T08:59:59Z') }] }),
      EligibilityRule.CertificationNotValidAtClosing,
    ],
    [
      'certification valid only after the closing date',
      programme(),
      startup({ certifications: [{ kind: 'innovation_certificate', grade: 'AAA', validFrom: new Date('2026-04-30T09:00:01Z'), validUntil: null }] }),
      EligibilityRule.CertificationNotValidAtClosing,
    ],
    ['founding date missing', programme(), startup({ foundedAt: null }), EligibilityRule.FoundingDateMissing],
    ['company too old', programme(), startup({ foundedAt: new Date('2019-03-31T00:00:00Z') }), EligibilityRule.CompanyTooOld],
  ])('refuses on %s, naming only that rule', (_name, p, s, rule) => {
    expect(rules(p, s)).toEqual([rule]);
  });

  it('accepts a certification valid exactly until the closing instant', () => {
    const s = startup({ certifications: [{ kind: 'innovation_certificate', grade: 'AA', validFrom: new Date('2024-01-01T00:00:00Z'), validUntil: closes }] });
    expect(rules(programme(), s)).toEqual([]);
  });

  it('lists every failing rule at once, each with a plain-words message', () => {
    const outcome = evaluateEligibility(
      programme(),
      startup({ country: 'DE', technologyFields: [], trl: 9, certifications: [], foundedAt: null }),
      new Date('2026-05-01T00:00:00Z'),
      { alumniOfPartner: false },
    );
    expect(outcome.failures.map((f) => f.rule)).toEqual([
      EligibilityRule.WindowClosed,
      EligibilityRule.CountryNotEligible,
      EligibilityRule.TechnologyFieldNotEligible,
      EligibilityRule.ReadinessTooHigh,
      EligibilityRule.CertificationMissing,
      EligibilityRule.FoundingDateMissing,
    ]);
    for (const f of renderEligibilityFailures(outcome.failures, 'en')) expect(f.message).toMatch(/\w+ .*\./);
  });

  describe('window edges (closed interval: both ends accepted)', () => {
    it.each([
      ['one second before opening', new Date(opens.getTime() - 1000), [EligibilityRule.WindowNotOpenYet]],
      ['one millisecond before opening', new Date(opens.getTime() - 1), [EligibilityRule.WindowNotOpenYet]],
      ['exactly at opening', opens, []],
      ['exactly at closing', closes, []],
      ['one millisecond after closing', new Date(closes.getTime() + 1), [EligibilityRule.WindowClosed]],
      ['one second after closing', new Date(closes.getTime() + 1000), [EligibilityRule.WindowClosed]],
    ])('%s', (_name, now, expected) => {
      expect(rules(programme(), startup(), now)).toEqual(expected);
    });
  });

  it('waives the certification rule for an alumna of a partner cohort, and says so', () => {
    const outcome = evaluateEligibility(programme(), startup({ certifications: [] }), inWindow, { alumniOfPartner: true });
    expect(outcome).toEqual({ failures: [], fastTrack: true });
    expect(evaluateEligibility(programme(), startup(), inWindow, { alumniOfPartner: true }).fastTrack).toBe(false);
  });

  it('counts company age in completed calendar years at submission', () => {
    expect(completedYears(new Date('2019-04-01T00:00:00Z'), new Date('2026-03-31T23:59:59Z'))).toBe(6);
    expect(completedYears(new Date('2019-04-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'))).toBe(7);
    expect(rules(programme(), startup({ foundedAt: new Date('2019-04-01T00:00:00Z') }), new Date('2026-03-31T23:59:59Z'))).toEqual([]);
    expect(rules(programme(), startup({ foundedAt: new Date('2019-04-01T00:00:00Z') }), new Date('2026-04-01T00:00:00Z'))).toEqual([EligibilityRule.CompanyTooOld]);
  });

  it('treats empty country and field lists as "any"', () => {
    expect(rules(programme({ eligibleCountries: [], eligibleTechnologyFields: [] }), startup({ country: 'DE', technologyFields: [] }))).toEqual([]);
  });
});

describe('verified certificates (certification bodies)', () => {
  const body = 'b0d1e5a0-0000-4000-8000-000000000001';
  const otherBody = 'b0d1e5a0-0000-4000-8000-000000000002';
  const bodies = new Map([
    [body, { name: 'Korea Innovation Association', grades: ['A', 'AA', 'AAA'] }],
    // Another body's own scale: its top grade is S, and it has no AA at all.
    [otherBody, { name: 'Seoul Tech Council', grades: ['B', 'A', 'S'] }],
  ]);
  const verifiedRule = (over: Partial<EligibilityProgramme> = {}) =>
    programme({ requiredCertificationGrades: [], requiresVerifiedCertification: true, requiredCertificationIssuers: [body], requiredCertificationMinGrade: 'AA', ...over });
  const cert = (over: Record<string, unknown> = {}) => ({
    kind: 'innovation_certificate',
    grade: 'AA',
    validFrom: new Date('2024-01-01T00:00:00Z'),
    validUntil: new Date('2027-01-01T00:00:00Z'),
    issuerOrganisationId: body,
    verificationCode: 'K7QXM2RTA4WZC5HNB3JD',
    revokedAt: null,
    ...over,
  });
  const verifiedRules = (p: EligibilityProgramme, certifications: ReturnType<typeof cert>[]) =>
    evaluateEligibility(p, startup({ certifications }), inWindow, { alumniOfPartner: false, bodies }).failures;

  it('passes a certificate the named body issued at the minimum grade', () => {
    expect(verifiedRules(verifiedRule(), [cert()])).toEqual([]);
    expect(verifiedRules(verifiedRule(), [cert({ grade: 'AAA' })])).toEqual([]);
  });

  it('refuses the same grade self-declared, even naming the body as its issuer', () => {
    const failures = verifiedRules(verifiedRule(), [cert({ verificationCode: null })]);
    expect(failures).toEqual([{ rule: EligibilityRule.CertificationNotVerified, params: { kind: 'innovation_certificate', issuers: ['Korea Innovation Association'] } }]);
    expect(renderEligibilityFailures(failures, 'en')[0].message).toContain('Korea Innovation Association');
  });

  it('refuses a revoked certificate as if it were not there', () => {
    expect(verifiedRules(verifiedRule(), [cert({ revokedAt: new Date('2025-01-01T00:00:00Z') })]).map((f) => f.rule)).toEqual([EligibilityRule.CertificationMissing]);
    // The common rule ignores it too.
    expect(rules(programme(), startup({ certifications: [cert({ revokedAt: new Date('2025-01-01T00:00:00Z') })] }))).toEqual([EligibilityRule.CertificationMissing]);
  });

  it('refuses a certificate of a body the programme does not name, and takes any body when it names none', () => {
    expect(verifiedRules(verifiedRule(), [cert({ issuerOrganisationId: otherBody, grade: 'S' })]).map((f) => f.rule)).toEqual([EligibilityRule.CertificationNotVerified]);
    expect(verifiedRules(verifiedRule({ requiredCertificationIssuers: [], requiredCertificationMinGrade: 'A' }), [cert({ issuerOrganisationId: otherBody, grade: 'S' })])).toEqual([]);
  });

  it("grades on the issuing body's own scale: below it, or off it, is too low", () => {
    expect(verifiedRules(verifiedRule(), [cert({ grade: 'A' })]).map((f) => f.rule)).toEqual([EligibilityRule.CertificationGradeTooLow]);
    // S is the top of the other body's scale, but the rule's AA is not on that scale at all.
    const anyBody = verifiedRule({ requiredCertificationIssuers: [] });
    expect(verifiedRules(anyBody, [cert({ issuerOrganisationId: otherBody, grade: 'S' })]).map((f) => f.rule)).toEqual([EligibilityRule.CertificationGradeTooLow]);
    // A grade the body's scale does not have (e.g. after the body changed its scale) never meets a minimum.
    expect(verifiedRules(verifiedRule(), [cert({ grade: 'AAAA' })]).map((f) => f.rule)).toEqual([EligibilityRule.CertificationGradeTooLow]);
  });

  it('still needs the verified certificate to be valid on the closing date', () => {
    expect(verifiedRules(verifiedRule(), [cert({ validUntil: new Date('2026-04-30T08:00:00Z') })]).map((f) => f.rule)).toEqual([EligibilityRule.CertificationNotValidAtClosing]);
  });

  it('keeps counting issued certificates for a programme that takes self-declared ones', () => {
    expect(rules(programme(), startup({ certifications: [cert()] }))).toEqual([]);
  });

  it('waives the verified rule on the alumni fast track, like the common one', () => {
    const outcome = evaluateEligibility(verifiedRule(), startup({ certifications: [cert({ verificationCode: null })] }), inWindow, { alumniOfPartner: true, bodies });
    expect(outcome).toEqual({ failures: [], fastTrack: true });
  });
});

describe('gradeMeets', () => {
  it.each([
    [['A', 'AA', 'AAA'], 'AAA', 'AA', true],
    [['A', 'AA', 'AAA'], 'AA', 'AA', true],
    [['A', 'AA', 'AAA'], 'A', 'AA', false],
    [['A', 'AA', 'AAA'], null, 'AA', false],
    [['A', 'AA', 'AAA'], 'B', 'A', false],
    [['A', 'AA', 'AAA'], 'A', 'S', false],
    [[], 'A', 'A', false],
    [['A'], null, null, true],
  ] as const)('on %j, %s against minimum %s → %s', (scale, grade, min, expected) => {
    expect(gradeMeets(scale, grade, min)).toBe(expected);
  });
});

describe('eligibility messages in three languages', () => {
  const failures = evaluateEligibility(
    programme({ state: 'draft' }),
    startup({ country: 'DE', technologyFields: ['fintech'], trl: 9, certifications: [], foundedAt: new Date('2010-01-01T00:00:00Z') }),
    new Date('2026-05-01T00:00:00Z'),
    { alumniOfPartner: false },
  ).failures;

  it('has every rule in every language, in its own script', () => {
    expect(catalogueProblems('eligibility', eligibilityMessages, registeredCatalogues().get('eligibility')!.samples)).toEqual([]);
    expect(Object.keys(eligibilityMessages).sort()).toEqual(Object.values(EligibilityRule).sort());
  });

  it('keeps the codes and changes only the text with the language', () => {
    const [en, ko, ru] = (['en', 'ko', 'ru'] as const).map((l) => renderEligibilityFailures(failures, l));
    expect(ko.map((f) => f.rule)).toEqual(en.map((f) => f.rule));
    expect(ru.map((f) => f.rule)).toEqual(en.map((f) => f.rule));
    for (const f of ko) expect(f.message).toMatch(/[\uAC00-\uD7A3]/);
    for (const f of ru) expect(f.message).toMatch(/[\u0400-\u04FF]/);
  });

  it("writes the closing time in the programme's time zone, in the reader's words", () => {
    const closed = failures.find((f) => f.rule === EligibilityRule.WindowClosed)!;
    const [en] = renderEligibilityFailures([closed], 'en');
    const [ru] = renderEligibilityFailures([closed], 'ru');
    // 09:00 UTC is 18:00 in Seoul.
    expect(en.message).toBe('Applications closed at 2026-04-30T09:00:00.000Z (30 Apr 2026, 18:00 Asia/Seoul).');
    expect(ru.message).toContain('2026-04-30T09:00:00.000Z (30 апр. 2026 г., 18:00 Asia/Seoul)');
  });

  it('uses Russian plural forms for the company age', () => {
    const [ru] = renderEligibilityFailures([{ rule: EligibilityRule.CompanyTooOld, params: { age: 16, maxYears: 7 } }], 'ru');
    expect(ru.message).toBe('Вашей компании 16 лет; программа принимает компании моложе 7 лет.');
  });
});
