import type { SelectionRule } from '@exchange/data';
import { rankCandidates, type RankingCandidate } from './ranking';

/** A constructed set: two countries, ties on score, a pilot bonus and a minimum score. */
function candidate(id: string, country: string, score: number | null, extra: Partial<RankingCandidate> = {}): RankingCandidate {
  return {
    candidateId: `c-${id}`,
    startupId: `s-${id}`,
    score,
    hasSuccessfulPilot: false,
    acceptedAt: new Date('2027-01-10T00:00:00Z'),
    country,
    technologyFields: ['ai'],
    pitchGroup: null,
    ...extra,
  };
}

const day = (d: number) => new Date(Date.UTC(2027, 0, d));

const SET: RankingCandidate[] = [
  // KR: a tie at 80 broken by the successful pilot, then a tie at 70 broken by earlier acceptance,
  // then a tie at 70 with the same acceptance broken by startup id.
  candidate('kr1', 'KR', 80),
  candidate('kr2', 'KR', 80, { hasSuccessfulPilot: true }),
  candidate('kr4', 'KR', 70, { acceptedAt: day(5) }),
  candidate('kr3', 'KR', 70, { acceptedAt: day(3) }),
  candidate('kr6', 'KR', 60, { acceptedAt: day(3) }),
  candidate('kr5', 'KR', 60, { acceptedAt: day(3) }),
  candidate('kr7', 'KR', 40), // below the minimum
  // RU: a pilot bonus lifts ru2 over ru1; ru4 has no score (counts as 0) and is excluded.
  candidate('ru1', 'RU', 75),
  candidate('ru2', 'RU', 72, { hasSuccessfulPilot: true }),
  candidate('ru3', 'RU', 55),
  candidate('ru4', 'RU', null),
];

const ids = (list: { startupId: string }[]) => list.map((c) => c.startupId);

describe('rankCandidates', () => {
  const rule: SelectionRule = { groupBy: 'country', perGroup: 3, minScore: 50, successfulPilotBonus: 5 };

  it('offers the best three of each group and waitlists the rest in rank order per group', () => {
    const result = rankCandidates(SET, rule, 10);
    expect(ids(result.offers)).toEqual(['s-kr2', 's-kr1', 's-kr3', 's-ru2', 's-ru1', 's-ru3']);
    expect(result.offers.map((o) => [o.group, o.rank])).toEqual([
      ['KR', 1], ['KR', 2], ['KR', 3], ['RU', 1], ['RU', 2], ['RU', 3],
    ]);
    expect(result.waitlist.map((w) => [w.startupId, w.group, w.rank, w.waitlistPosition])).toEqual([
      ['s-kr4', 'KR', 4, 1],
      ['s-kr5', 'KR', 5, 2],
      ['s-kr6', 'KR', 6, 3],
    ]);
    expect(result.excluded.map((e) => [e.startupId, e.reason])).toEqual([
      ['s-kr7', 'below_min_score'],
      ['s-ru4', 'below_min_score'],
    ]);
    // ru2: 72 plus the pilot bonus of 5 passes ru1's 75.
    expect(result.offers.find((o) => o.startupId === 's-ru2')!.effectiveScore).toBe(77);
  });

  it('breaks ties without a bonus: successful pilot first, then earlier acceptance, then startup id', () => {
    const result = rankCandidates(SET, { groupBy: 'country', minScore: 50 }, 100);
    const kr = result.offers.filter((o) => o.group === 'KR');
    expect(ids(kr)).toEqual(['s-kr2', 's-kr1', 's-kr3', 's-kr4', 's-kr5', 's-kr6']);
    expect(result.waitlist).toEqual([]);
  });

  it('fills a capacity smaller than the quotas round by rank across groups', () => {
    const result = rankCandidates(SET, rule, 4);
    // Rank 1 of both groups (KR's 85 before RU's 77), then rank 2 of both (KR's 80 before RU's 75).
    expect(ids(result.offers)).toEqual(['s-kr2', 's-kr1', 's-ru2', 's-ru1']);
    expect(result.waitlist.map((w) => [w.startupId, w.waitlistPosition])).toEqual([
      ['s-kr3', 1], ['s-kr4', 2], ['s-kr5', 3], ['s-kr6', 4], ['s-ru3', 1],
    ]);
  });

  it('cuts the last round by the tie order when the capacity ends inside it', () => {
    const result = rankCandidates(SET, rule, 3);
    // Round 2: kr1 (80) before ru1 (75): kr1 takes the third place.
    expect(ids(result.offers)).toEqual(['s-kr2', 's-kr1', 's-ru2']);
  });

  it('groups by primary technology field, by pitch group, or not at all', () => {
    const set = [
      candidate('a', 'KR', 90, { technologyFields: ['ai', 'health'], pitchGroup: 'A' }),
      candidate('b', 'RU', 80, { technologyFields: ['health'], pitchGroup: 'A' }),
      candidate('c', 'KR', 70, { technologyFields: ['health', 'ai'], pitchGroup: 'B' }),
    ];
    expect(rankCandidates(set, { groupBy: 'technology_field', perGroup: 1 }, 10).offers.map((o) => [o.startupId, o.group])).toEqual([
      ['s-a', 'ai'], ['s-b', 'health'],
    ]);
    expect(rankCandidates(set, { groupBy: 'pitch_session', perGroup: 1 }, 10).offers.map((o) => [o.startupId, o.group])).toEqual([
      ['s-a', 'A'], ['s-c', 'B'],
    ]);
    expect(rankCandidates(set, { groupBy: 'none', perGroup: 2 }, 10).offers.map((o) => [o.startupId, o.group])).toEqual([
      ['s-a', 'all'], ['s-b', 'all'],
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const reversed = rankCandidates([...SET].reverse(), rule, 4);
    expect(reversed).toEqual(rankCandidates(SET, rule, 4));
  });
});
