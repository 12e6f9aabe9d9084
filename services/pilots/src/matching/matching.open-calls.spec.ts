import { registeredCatalogueProblems } from '@exchange/platform';
import { renderMatchReason } from './match-reasons.messages';
import { OPEN_CALL_ANSWER_BONUS, prepareSites, rankCandidatesForSite, rankSitesForCandidates, type CandidateInput, type SiteInput } from './matching.engine';

const NOW = new Date('2026-03-01T00:00:00Z');
const PROGRAMME = '10000000-0000-4000-8000-000000000001';

const site: SiteInput = {
  id: '30000000-0000-4000-8000-000000000001',
  name: 'Site',
  city: 'Moscow',
  technologyFields: ['medtech', 'ai'],
  needs: ['emergency_care'],
  languages: ['en'],
  minTrl: 5,
  maxTrl: 8,
  capacity: 2,
  activePilots: 0,
  availableFrom: null,
  availableUntil: new Date('2026-12-31T00:00:00Z'),
  programmeIds: [PROGRAMME],
};
/** The same site with a smaller id: it wins every tie. */
const other: SiteInput = { ...site, id: '30000000-0000-4000-8000-000000000000' };

const startup: CandidateInput = { id: '20000000-0000-4000-8000-000000000001', programmeId: PROGRAMME, technologyFields: ['medtech'], trl: 6, languages: ['en'] };

describe('matching engine: answers to open calls', () => {
  it('adds the bonus and the reason for the answered site only, with its most recent answer', () => {
    const answered: CandidateInput = {
      ...startup,
      openCallAnswers: [
        { siteId: site.id, title: 'Older need', answeredAt: new Date('2026-02-01T10:00:00Z') },
        { siteId: site.id, title: 'Night triage', answeredAt: new Date('2026-02-20T10:00:00Z') },
        { siteId: '30000000-0000-4000-8000-0000000000ff', title: 'A site not ranked here', answeredAt: NOW },
      ],
    };
    const [plain] = rankSitesForCandidates([startup], prepareSites([site, other], NOW), { now: NOW, topK: 5, minScore: 0 });
    const [bonus] = rankSitesForCandidates([answered], prepareSites([site, other], NOW), { now: NOW, topK: 5, minScore: 0 });
    // Without the answer `other` wins the tie; with it the answered site comes first.
    expect(plain.map((m) => m.siteId)).toEqual([other.id, site.id]);
    expect(bonus.map((m) => m.siteId)).toEqual([site.id, other.id]);
    const before = plain.find((m) => m.siteId === site.id)!;
    const after = bonus[0];
    expect(after.score).toBeCloseTo(before.score + OPEN_CALL_ANSWER_BONUS, 6);
    expect(after.components.slice(0, 5)).toEqual(before.components);
    expect(after.components[5]).toEqual({ key: 'openCallAnswer', weight: OPEN_CALL_ANSWER_BONUS, value: 1, reason: 'Answered this open call on 2026-02-20: Night triage.' });
    expect(after.reasonCodes[5]).toEqual({ code: 'OPEN_CALL_ANSWERED', params: { date: '2026-02-20', title: 'Night triage' } });
    expect(bonus[1].components).toHaveLength(5);
    expect(bonus[1].score).toBe(plain.find((m) => m.siteId === other.id)!.score);
  });

  it('proposes a site whose open call the startup answered even without a shared field', () => {
    const outsider: CandidateInput = { ...startup, technologyFields: ['fintech'] };
    expect(rankCandidatesForSite(site, [outsider], { now: NOW, topK: 1 })).toEqual([]);
    const [match] = rankCandidatesForSite(site, [{ ...outsider, openCallAnswers: [{ siteId: site.id, title: 'Night triage', answeredAt: NOW }] }], { now: NOW, topK: 1 });
    expect(match.components.find((c) => c.key === 'fieldOverlap')).toMatchObject({ value: 0 });
    expect(match.score).toBeGreaterThanOrEqual(0.4);
  });

  it('gives every reason a code whose English is the reason, and renders it in Korean and Russian', () => {
    const [[match]] = rankSitesForCandidates(
      [{ ...startup, openCallAnswers: [{ siteId: site.id, title: 'Ночная сортировка', answeredAt: NOW }] }],
      prepareSites([site], NOW),
      { now: NOW, topK: 1, minScore: 0 },
    );
    expect(match.reasonCodes.map((r) => renderMatchReason(r, 'en').message)).toEqual(match.components.map((c) => c.reason));
    expect(match.reasonCodes.map((r) => r.code)).toEqual(['FIELDS_SHARED', 'READINESS_WITHIN', 'LANGUAGES_SHARED', 'SLOTS_WINDOW', 'CITY_NEEDS_ADDRESSED', 'OPEN_CALL_ANSWERED']);
    expect(renderMatchReason(match.reasonCodes[0], 'ko')).toEqual({ code: 'FIELDS_SHARED', message: '현장의 기술 분야 2개 중 1개가 일치합니다 (medtech).' });
    expect(renderMatchReason(match.reasonCodes[3], 'ru')).toEqual({ code: 'SLOTS_WINDOW', message: 'Свободно 2 из 2 мест для пилотов; доступна сейчас до 2026-12-31.' });
    expect(renderMatchReason(match.reasonCodes[5], 'ru').message).toBe('Стартап ответил на открытый запрос 2026-03-01: «Ночная сортировка».');
    expect(registeredCatalogueProblems().filter((p) => p.startsWith('pilots.match-reasons'))).toEqual([]);
  });
});
