import fc from 'fast-check';
import { proposeMeetings, scorePair, type MatchmakingCompany } from './matchmaking';
import { renderMeetingReason } from './meeting-reasons.messages';

const company = (id: string, side: 'delegation' | 'local', over: Partial<MatchmakingCompany> = {}): MatchmakingCompany => ({
  id,
  side,
  fields: [],
  offers: [],
  seeks: [],
  languages: [],
  ...over,
});

describe('mission matchmaking', () => {
  const seoulAi = company('d1', 'delegation', { fields: ['medtech', 'AI'], offers: ['ai-triage'], seeks: ['hospital-network', 'distributor'], languages: ['ko', 'en'] });
  const moscowHospital = company('l1', 'local', { fields: ['medtech'], offers: ['hospital-network'], seeks: ['ai-triage', 'telemedicine'], languages: ['ru', 'en'] });

  it('explains a pair by shared fields, complementary offer and need both ways, and a shared language', () => {
    const pair = scorePair(seoulAi, moscowHospital)!;
    expect(pair.components.map((c) => [c.key, c.value, c.reason])).toEqual([
      ['fieldOverlap', 1, { code: 'FIELDS_SHARED', params: { fields: ['medtech'] } }],
      ['delegationOffer', 0.5, { code: 'DELEGATION_OFFERS_NEED', params: { tags: ['ai-triage'] } }],
      ['localOffer', 0.5, { code: 'LOCAL_OFFERS_NEED', params: { tags: ['hospital-network'] } }],
      ['sharedLanguage', 1, { code: 'LANGUAGES_SHARED', params: { languages: ['en'] } }],
    ]);
    expect(pair.score).toBeCloseTo(0.25 + 0.3 * 0.5 + 0.3 * 0.5 + 0.15, 6);
  });

  it('renders every reason in the reader’s language', () => {
    const reasons = scorePair(seoulAi, moscowHospital)!.components.map((c) => c.reason);
    expect(renderMeetingReason(reasons[1], 'en').message).toBe('The delegation company offers what the local company seeks: ai-triage.');
    expect(renderMeetingReason(reasons[1], 'ru').message).toMatch(/Компания делегации предлагает/);
    expect(renderMeetingReason(reasons[3], 'ko').message).toMatch(/통역 없이/);
    expect(renderMeetingReason({ code: 'FROM_A_LATER_VERSION', params: {} }, 'ko')).toEqual({ code: 'FROM_A_LATER_VERSION', message: 'FROM_A_LATER_VERSION' });
  });

  it('proposes nothing between companies with nothing to talk about, nor within one side', () => {
    const strangers = company('l2', 'local', { fields: ['mining'], offers: ['trucks'], seeks: ['steel'], languages: ['en'] });
    expect(scorePair(seoulAi, strangers)).toBeNull();
    const otherDelegate = company('d2', 'delegation', { fields: ['medtech'], offers: ['hospital-network'], seeks: ['ai-triage'] });
    expect(proposeMeetings([seoulAi, otherDelegate])).toEqual([]);
  });

  it('notes a missing common language (the meeting needs an interpreter) and scores it lower', () => {
    const russianOnly = { ...moscowHospital, id: 'l3', languages: ['ru'] };
    const pair = scorePair(seoulAi, russianOnly)!;
    expect(pair.components[3].reason).toEqual({ code: 'LANGUAGES_NONE_SHARED', params: {} });
    expect(pair.score).toBeLessThan(scorePair(seoulAi, moscowHospital)!.score);
  });

  it('gives each company at most perCompany proposals, best first, the same whatever the input order', () => {
    const tagsArb = fc.uniqueArray(fc.constantFrom('ai', 'medtech', 'fintech', 'logistics', 'robotics', 'energy'), { maxLength: 4 });
    const companyArb = fc.record({ fields: tagsArb, offers: tagsArb, seeks: tagsArb, languages: fc.uniqueArray(fc.constantFrom('en', 'ko', 'ru'), { maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(companyArb, { minLength: 2, maxLength: 40 }), fc.integer({ min: 1, max: 5 }), (profiles, perCompany) => {
        const companies = profiles.map((p, i) => company(`c${String(i).padStart(3, '0')}`, i % 2 === 0 ? 'delegation' : 'local', p));
        const proposals = proposeMeetings(companies, { perCompany });
        const counts = new Map<string, number>();
        for (const p of proposals) {
          counts.set(p.delegationId, (counts.get(p.delegationId) ?? 0) + 1);
          counts.set(p.localId, (counts.get(p.localId) ?? 0) + 1);
          expect(p.score).toBeGreaterThanOrEqual(0.3);
          expect(p.score).toBeLessThanOrEqual(1);
        }
        expect(Math.max(0, ...counts.values())).toBeLessThanOrEqual(perCompany);
        for (let i = 1; i < proposals.length; i++) expect(proposals[i].score).toBeLessThanOrEqual(proposals[i - 1].score);
        expect(proposeMeetings([...companies].reverse(), { perCompany })).toEqual(proposals);
      }),
      { numRuns: 100, seed: 18 },
    );
  });

  it('counts the meetings a mission already has: a re-run proposes no pair twice and takes no company past perCompany; a declined one frees a place', () => {
    const tagsArb = fc.uniqueArray(fc.constantFrom('ai', 'medtech', 'fintech', 'logistics', 'robotics', 'energy'), { maxLength: 4 });
    const companyArb = fc.record({ fields: tagsArb, offers: tagsArb, seeks: tagsArb, languages: fc.uniqueArray(fc.constantFrom('en', 'ko', 'ru'), { maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(companyArb, { minLength: 2, maxLength: 40 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.boolean(), { maxLength: 60 }), (profiles, perCompany, declines) => {
        const companies = profiles.map((p, i) => company(`c${String(i).padStart(3, '0')}`, i % 2 === 0 ? 'delegation' : 'local', p));
        const first = proposeMeetings(companies, { perCompany });
        const unchanged = first.map((p) => ({ delegationId: p.delegationId, localId: p.localId, declined: false }));
        expect(proposeMeetings(companies, { perCompany, existing: unchanged })).toEqual([]);

        const existing = first.map((p, i) => ({ delegationId: p.delegationId, localId: p.localId, declined: declines[i] ?? false }));
        const second = proposeMeetings(companies, { perCompany, existing });
        const pairs = new Set(first.map((p) => `${p.delegationId}>${p.localId}`));
        expect(second.filter((p) => pairs.has(`${p.delegationId}>${p.localId}`))).toEqual([]);
        const live = new Map<string, number>();
        for (const p of [...existing.filter((e) => !e.declined), ...second]) {
          live.set(p.delegationId, (live.get(p.delegationId) ?? 0) + 1);
          live.set(p.localId, (live.get(p.localId) ?? 0) + 1);
        }
        expect(Math.max(0, ...live.values())).toBeLessThanOrEqual(perCompany);
        if (!existing.some((e) => e.declined)) expect(second).toEqual([]);
      }),
      { numRuns: 100, seed: 18 },
    );
    // Two delegation companies and one local one, one meeting each: declining frees the local company for the other.
    const d1 = company('d1', 'delegation', { fields: ['ai'], languages: ['en'] });
    const d2 = company('d2', 'delegation', { fields: ['ai'], languages: ['en'] });
    const l1 = company('l1', 'local', { fields: ['ai'], languages: ['en'] });
    expect(proposeMeetings([d1, d2, l1], { perCompany: 1 }).map((p) => p.delegationId)).toEqual(['d1']);
    expect(proposeMeetings([d1, d2, l1], { perCompany: 1, existing: [{ delegationId: 'd1', localId: 'l1', declined: false }] })).toEqual([]);
    expect(proposeMeetings([d1, d2, l1], { perCompany: 1, existing: [{ delegationId: 'd1', localId: 'l1', declined: true }] }).map((p) => p.delegationId)).toEqual(['d2']);
  });
});
