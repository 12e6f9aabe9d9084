import { EligibilityRule, completedYears, evaluateEligibility, gradesAtLeast, type EligibilityProgramme, type EligibilityStartup } from './eligibility';

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
    for (const f of outcome.failures) expect(f.message).toMatch(/\w+ .*\./);
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
