import { catalogueProblems, domainErrorText, registeredCatalogues } from '@exchange/platform';
import { AgreementError, AgreementErrorCode, agreementErrorMessages } from './agreements.errors';
import type { ReciprocityReportResponse } from './dto/agreement.dto';
import { checkAgreementDates, MAX_REPORT_DAYS, progressOf, reciprocityCsv, reportPeriod } from './reciprocity';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (error) {
    return (error as AgreementError).code;
  }
};

describe('agreement dates', () => {
  it.each([
    ['one day', { signedOn: '2025-12-01', validFrom: '2026-01-01', validUntil: '2026-01-01' }, null],
    ['exactly ten years', { signedOn: '2025-12-01', validFrom: '2026-01-01', validUntil: '2036-01-01' }, null],
    ['signed on its last day', { signedOn: '2026-12-31', validFrom: '2026-01-01', validUntil: '2026-12-31' }, null],
    ['from a leap day for ten years', { signedOn: '2028-01-01', validFrom: '2028-02-29', validUntil: '2038-03-01' }, null],
    ['reversed', { signedOn: '2025-12-01', validFrom: '2026-01-02', validUntil: '2026-01-01' }, AgreementErrorCode.InvalidDates],
    ['ten years and a day', { signedOn: '2025-12-01', validFrom: '2026-01-01', validUntil: '2036-01-02' }, AgreementErrorCode.InvalidDates],
    ['signed after its last day', { signedOn: '2027-01-01', validFrom: '2026-01-01', validUntil: '2026-12-31' }, AgreementErrorCode.InvalidDates],
  ])('%s', (_what, dates, code) => {
    expect(codeOf(() => checkAgreementDates(dates))).toBe(code);
  });
});

describe('report period', () => {
  const agreement = { validFrom: '2026-01-01', validUntil: '2026-12-31' };

  it("defaults to the agreement's validity, each end on its own", () => {
    expect(reportPeriod(agreement, {})).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(reportPeriod(agreement, { from: '2026-06-01' })).toEqual({ from: '2026-06-01', to: '2026-12-31' });
    expect(reportPeriod(agreement, { to: '2026-01-01' })).toEqual({ from: '2026-01-01', to: '2026-01-01' });
  });

  it('may reach beyond the validity within the cap, not past it, and never backwards', () => {
    const from = '2020-01-01';
    const lastDay = new Date(Date.parse(`${from}T00:00:00Z`) + (MAX_REPORT_DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
    const dayAfter = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(reportPeriod(agreement, { from, to: lastDay })).toEqual({ from, to: lastDay });
    expect(codeOf(() => reportPeriod(agreement, { from, to: dayAfter }))).toBe(AgreementErrorCode.InvalidPeriod);
    expect(codeOf(() => reportPeriod(agreement, { from: '2026-03-02', to: '2026-03-01' }))).toBe(AgreementErrorCode.InvalidPeriod);
  });
});

describe('progress against a target', () => {
  it('is sent / target rounded to four places, null without a target', () => {
    expect(progressOf(2, 3)).toBe(0.6667);
    expect(progressOf(5, 4)).toBe(1.25);
    expect(progressOf(0, 4)).toBe(0);
    expect(progressOf(7, null)).toBeNull();
  });
});

describe('the report as CSV', () => {
  it('quotes names and defuses formulas like the ranking export', () => {
    const party = (id: string, name: string, country: string) => ({ organisationId: id, name, nameLatin: null, country });
    const counts = { startupsSent: 1, applications: 2, acceptances: 1, pilotsStarted: 1, pilotsCompleted: 1, pilotsAdopted: 1, contractValue: 1500.25, cohortPlaces: 0, graduates: 0,
      pitchesMade: 3, pitchSelections: 1, missionMeetings: 5, missionAgreementsSigned: 2, missionPilotsProposed: 1 };
    const report: ReciprocityReportResponse = {
      agreementId: 'g1',
      title: 'MOU',
      state: 'active',
      period: { from: '2026-01-01', to: '2026-12-31' },
      directionRule: 'rule',
      missionDirectionRule: 'mission rule',
      directions: [
        { from: party('a', 'Агентство, Москва', 'RU'), to: party('b', '=HYPERLINK("x")', 'KR'), ...counts, target: 4, progress: 0.25 },
        { from: party('b', '=HYPERLINK("x")', 'KR'), to: party('a', 'Агентство, Москва', 'RU'), ...counts, target: null, progress: null },
      ],
    };
    const lines = reciprocityCsv(report).split('\r\n');
    expect(lines[0].startsWith('\uFEFFagreement_id,period_from,period_to,')).toBe(true);
    expect(lines[1]).toBe(`g1,2026-01-01,2026-12-31,a,"Агентство, Москва",RU,b,"'=HYPERLINK(""x"")",KR,1,2,1,1,1,1,1500.25,0,0,3,1,5,2,1,4,0.25`);
    expect(lines[2].endsWith(',1500.25,0,0,3,1,5,2,1,,')).toBe(true);
    expect(lines[3]).toBe('');
  });
});

describe('agreement error texts', () => {
  it('has every code in English, Korean and Russian, registered for the completeness check', () => {
    const registered = registeredCatalogues().get('applications.agreement-errors');
    expect(registered?.catalogue).toBe(agreementErrorMessages);
    expect(Object.keys(agreementErrorMessages).sort()).toEqual(Object.values(AgreementErrorCode).sort());
    expect(catalogueProblems('applications.agreement-errors', agreementErrorMessages, registered?.samples)).toEqual([]);
  });

  it('renders the detail from the error', () => {
    const error = new AgreementError(AgreementErrorCode.VersionConflict, 'stale', { currentVersion: 7 });
    expect(domainErrorText(error, 'en')).toContain('version 7');
    expect(domainErrorText(error, 'ko')).toContain('7');
    expect(domainErrorText(error, 'ru')).toMatch(/версия — 7/);
  });
});
