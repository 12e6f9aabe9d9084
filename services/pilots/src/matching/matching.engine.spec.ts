import {
  prepareSites,
  rankCandidatesForSite,
  rankSitesForCandidates,
  SCORE_WEIGHTS,
  type CandidateInput,
  type SiteInput,
} from './matching.engine';

const NOW = new Date('2026-03-01T00:00:00Z');
const PROGRAMME = '10000000-0000-4000-8000-000000000001';
const OTHER_PROGRAMME = '10000000-0000-4000-8000-000000000002';

function site(id: string, overrides: Partial<SiteInput> = {}): SiteInput {
  return {
    id,
    name: `Site ${id.slice(-2)}`,
    city: 'Moscow',
    technologyFields: ['medtech', 'ai'],
    needs: ['emergency_care'],
    languages: ['en'],
    minTrl: 5,
    maxTrl: 8,
    capacity: 2,
    activePilots: 0,
    availableFrom: null,
    availableUntil: null,
    programmeIds: [PROGRAMME],
    ...overrides,
  };
}

const startup: CandidateInput = {
  id: '20000000-0000-4000-8000-000000000001',
  programmeId: PROGRAMME,
  technologyFields: ['medtech', 'ai', 'emergency_care'],
  trl: 6,
  languages: ['ko', 'en'],
};

const SITE_IDS = {
  perfect: '30000000-0000-4000-8000-000000000001',
  noLanguage: '30000000-0000-4000-8000-000000000002',
  lowTrl: '30000000-0000-4000-8000-000000000003',
  halfFields: '30000000-0000-4000-8000-000000000004',
  full: '30000000-0000-4000-8000-000000000005',
  otherProgramme: '30000000-0000-4000-8000-000000000006',
  noField: '30000000-0000-4000-8000-000000000007',
  twin: '30000000-0000-4000-8000-000000000000', // same as `perfect` but a smaller id: wins the tie
};

const sites: SiteInput[] = [
  site(SITE_IDS.perfect),
  site(SITE_IDS.noLanguage, { languages: ['ru'] }),
  site(SITE_IDS.lowTrl, { minTrl: 8, maxTrl: 9 }),
  site(SITE_IDS.halfFields, { technologyFields: ['medtech', 'robotics'], needs: ['energy_saving'] }),
  site(SITE_IDS.full, { capacity: 1, activePilots: 1 }),
  site(SITE_IDS.otherProgramme, { programmeIds: [OTHER_PROGRAMME] }),
  site(SITE_IDS.noField, { technologyFields: ['fintech'], needs: ['emergency_care'] }),
  site(SITE_IDS.twin),
];

describe('matching engine', () => {
  it('ranks a constructed case as expected, with a stable tie-break by site id', () => {
    const [matches] = rankSitesForCandidates([startup], prepareSites(sites, NOW), { now: NOW, topK: 10, minScore: 0 });
    expect(matches.map((m) => [m.siteId, m.score])).toEqual([
      [SITE_IDS.twin, 1], // tie with `perfect`, broken by the smaller site id
      [SITE_IDS.perfect, 1],
      [SITE_IDS.lowTrl, 0.866667], // TRL 6 is 2 below 8–9: a third of the readiness weight
      [SITE_IDS.noLanguage, 0.85], // no shared language
      [SITE_IDS.halfFields, 0.625], // half the fields, none of the city's needs
    ]);
    // Not proposed: a full site, a site of another programme, a site sharing no technology field.
    const ids = matches.map((m) => m.siteId);
    expect(ids).not.toContain(SITE_IDS.full);
    expect(ids).not.toContain(SITE_IDS.otherProgramme);
    expect(ids).not.toContain(SITE_IDS.noField);
  });

  it('explains every component with its weight, value and a reason in plain words', () => {
    const [matches] = rankSitesForCandidates([startup], prepareSites(sites, NOW), { now: NOW, topK: 10, minScore: 0 });
    const lowTrl = matches.find((m) => m.siteId === SITE_IDS.lowTrl)!;
    expect(lowTrl.components).toEqual([
      { key: 'fieldOverlap', weight: SCORE_WEIGHTS.fieldOverlap, value: 1, reason: "Shares 2 of the site's 2 technology fields (ai, medtech)." },
      { key: 'readinessFit', weight: SCORE_WEIGHTS.readinessFit, value: 0.333333, reason: "Readiness level 6 is outside the site's accepted range 8–9." },
      { key: 'languageOverlap', weight: SCORE_WEIGHTS.languageOverlap, value: 1, reason: 'The team speaks en, spoken on site.' },
      { key: 'capacityAndDates', weight: SCORE_WEIGHTS.capacityAndDates, value: 1, reason: '2 of 2 pilot slots free; available any time.' },
      { key: 'cityNeeds', weight: SCORE_WEIGHTS.cityNeeds, value: 1, reason: "Addresses 1 of Moscow's 1 stated needs (emergency_care)." },
    ]);
    const half = matches.find((m) => m.siteId === SITE_IDS.halfFields)!;
    expect(half.components.find((c) => c.key === 'fieldOverlap')!.reason).toBe("Shares 1 of the site's 2 technology fields (medtech).");
    expect(half.components.find((c) => c.key === 'cityNeeds')).toMatchObject({ value: 0 });
    const noLanguage = matches.find((m) => m.siteId === SITE_IDS.noLanguage)!;
    expect(noLanguage.components.find((c) => c.key === 'languageOverlap')).toMatchObject({
      value: 0,
      reason: "The team speaks none of the site's languages (ru).",
    });
    // The score is the weighted sum of the components.
    for (const m of matches) {
      const sum = m.components.reduce((s, c) => s + c.weight * c.value, 0);
      expect(m.score).toBeCloseTo(sum, 5);
    }
  });

  it('keeps only the top k and drops pairs under the minimum score', () => {
    const [top2] = rankSitesForCandidates([startup], prepareSites(sites, NOW), { now: NOW, topK: 2, minScore: 0 });
    expect(top2.map((m) => m.siteId)).toEqual([SITE_IDS.twin, SITE_IDS.perfect]);
    const [strict] = rankSitesForCandidates([startup], prepareSites(sites, NOW), { now: NOW, topK: 10, minScore: 0.86 });
    expect(strict.map((m) => m.siteId)).toEqual([SITE_IDS.twin, SITE_IDS.perfect, SITE_IDS.lowTrl]);
  });

  it('is deterministic: the same inputs in any order give the same proposals', () => {
    const candidates: CandidateInput[] = Array.from({ length: 40 }, (_, i) => ({
      id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      programmeId: PROGRAMME,
      technologyFields: [['medtech'], ['ai', 'robotics'], ['fintech', 'emergency_care'], ['medtech', 'energy_saving']][i % 4],
      trl: 1 + (i % 9),
      languages: [['en'], ['ko'], ['ru', 'en']][i % 3],
    }));
    const first = rankSitesForCandidates(candidates, prepareSites(sites, NOW), { now: NOW, topK: 3 });
    const shuffledSites = [...sites].reverse();
    const shuffledCandidates = [...candidates].sort((a, b) => (a.trl - b.trl) || b.id.localeCompare(a.id));
    const second = rankSitesForCandidates(shuffledCandidates, prepareSites(shuffledSites, NOW), { now: NOW, topK: 3 });
    expect(second).toEqual(first);
    expect(first.flat().length).toBeGreaterThan(0);
  });

  it('scores capacity and dates: fewer free slots and far-off availability lower the score', () => {
    const busy = site('30000000-0000-4000-8000-0000000000a1', { capacity: 4, activePilots: 3 });
    const later = site('30000000-0000-4000-8000-0000000000a2', { availableFrom: new Date('2026-09-01T00:00:00Z') });
    const closing = site('30000000-0000-4000-8000-0000000000a3', { availableUntil: new Date('2026-03-10T00:00:00Z') });
    const closed = site('30000000-0000-4000-8000-0000000000a4', { availableUntil: new Date('2026-02-01T00:00:00Z') });
    const [matches] = rankSitesForCandidates([startup], prepareSites([busy, later, closing, closed], NOW), { now: NOW, topK: 10, minScore: 0 });
    const value = (id: string) => matches.find((m) => m.siteId === id)!.components.find((c) => c.key === 'capacityAndDates')!;
    expect(value(busy.id)).toMatchObject({ value: 0.625, reason: '1 of 4 pilot slots free; available any time.' });
    expect(value(later.id)).toMatchObject({ value: 0.625, reason: '2 of 2 pilot slots free; available only from 2026-09-01.' });
    expect(value(closing.id).value).toBe(0.625);
    expect(matches.map((m) => m.siteId)).not.toContain(closed.id);
  });

  it('ranks candidates for one site (a new site or freed capacity) by score, then candidate id', () => {
    const a: CandidateInput = { ...startup, id: '20000000-0000-4000-8000-00000000000b' };
    const b: CandidateInput = { ...startup, id: '20000000-0000-4000-8000-00000000000a' };
    const weaker: CandidateInput = { ...startup, id: '20000000-0000-4000-8000-000000000001', trl: 2 };
    const elsewhere: CandidateInput = { ...startup, id: '20000000-0000-4000-8000-000000000002', programmeId: OTHER_PROGRAMME };
    const ranked = rankCandidatesForSite(sites[0], [weaker, a, elsewhere, b], { now: NOW, topK: 5, minScore: 0 });
    expect(ranked.map((m) => m.candidateId)).toEqual([b.id, a.id, weaker.id]);
    expect(rankCandidatesForSite(sites[0], [weaker, a, b], { now: NOW, topK: 1 }).map((m) => m.candidateId)).toEqual([b.id]);
  });
});
