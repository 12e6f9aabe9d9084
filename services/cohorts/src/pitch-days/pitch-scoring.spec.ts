import type { PitchCriterion } from '@exchange/data';
import type { RankingCandidate } from '../selection/ranking';
import { conflictOf, rankPitchDay, scoreProblems, tallyPitches, weightedPitchScore, type TallyJuror, type TallyScore, type TallySession, type TallySlot } from './pitch-scoring';

const CRITERIA: PitchCriterion[] = [
  { key: 'team', label: 'Team', weight: 2 },
  { key: 'market', label: 'Market', weight: 1 },
];
const s = (team: number, market: number) => [
  { criterion: 'team', score: team },
  { criterion: 'market', score: market },
];

describe('a juror’s scores against the rubric', () => {
  it('weighs each criterion: Σ weight·score / Σ weight', () => {
    expect(weightedPitchScore(CRITERIA, s(8, 5))).toBe(7);
    expect(weightedPitchScore(CRITERIA, s(7.5, 9))).toBe(8);
  });

  it('takes every criterion once, 0..max in whole or half points, and names each problem', () => {
    expect(scoreProblems(CRITERIA, 10, s(10, 0))).toBeNull();
    expect(scoreProblems(CRITERIA, 10, s(7.5, 0.5))).toBeNull();
    expect(scoreProblems(CRITERIA, 10, [{ criterion: 'team', score: 10.5 }, { criterion: 'team', score: 7.25 }, { criterion: 'vision', score: 3 }])).toEqual({
      unknown: ['vision'],
      missing: ['market'],
      repeated: ['team'],
      outOfRange: ['team'],
      notHalfPoints: ['team'],
    });
    expect(scoreProblems(CRITERIA, 10, s(-1, 3))).toMatchObject({ outOfRange: ['team'] });
  });
});

/**
 * Two sessions. Session A (quorum 2, jurors j1 j2 j3, j3 recuses from the session): a1..a5 pitch,
 * a6 is absent, a7 has no slot. Session B (quorum 3, jurors k1 k2 k3, k2 declares a conflict with b2).
 */
describe('the jury’s tally and selection by pitch score', () => {
  const day = (d: number) => new Date(Date.UTC(2030, 0, d));
  const candidate = (id: string, group: string | null, extra: Partial<RankingCandidate> = {}): RankingCandidate => ({
    candidateId: `c-${id}`,
    startupId: `s-${id}`,
    score: 99, // the review score: a pitch day ignores it
    hasSuccessfulPilot: false,
    acceptedAt: day(10),
    country: 'KR',
    technologyFields: ['ai'],
    pitchGroup: group,
    ...extra,
  });
  const sessions: TallySession[] = [
    { sessionId: 'A', pitchGroup: 'Group A', criteria: CRITERIA, minJurors: 2 },
    { sessionId: 'B', pitchGroup: 'Group B', criteria: CRITERIA, minJurors: 3 },
  ];
  const slot = (session: string, id: string, attendance: 'expected' | 'absent' = 'expected'): TallySlot => ({ sessionId: session, slotId: `slot-${id}`, startupId: `s-${id}`, attendance });
  const slots = [
    ...['a1', 'a2', 'a3', 'a4', 'a5'].map((id) => slot('A', id)),
    slot('A', 'a6', 'absent'),
    ...['b1', 'b2', 'b3'].map((id) => slot('B', id)),
  ];
  const juror = (id: string, session: string, extra: Partial<TallyJuror> = {}): TallyJuror => ({ jurorId: id, sessionId: session, state: 'active', conflictedStartupIds: new Set(), ...extra });
  const jurors = [
    juror('j1', 'A'),
    juror('j2', 'A'),
    juror('j3', 'A', { state: 'recused' }),
    juror('k1', 'B'),
    juror('k2', 'B', { conflictedStartupIds: new Set(['s-b2']) }),
    juror('k3', 'B'),
  ];
  const score = (jurorId: string, id: string, team: number, market: number): TallyScore => ({ jurorId, slotId: `slot-${id}`, scores: s(team, market) });
  const scores: TallyScore[] = [
    // a1: 9, 9 → 9; the recused j3's 1 does not count.
    score('j1', 'a1', 9, 9), score('j2', 'a1', 9, 9), score('j3', 'a1', 1, 1),
    // a2 and a3 tie at 8 by different scores (8.5/7 and 7/10 → 8 and 8 per juror); a3 has a successful pilot.
    score('j1', 'a2', 8.5, 7), score('j2', 'a2', 7, 10),
    score('j1', 'a3', 8, 8), score('j2', 'a3', 8, 8),
    // a4 at 8 too, accepted later than a2: after a2.
    score('j1', 'a4', 8, 8), score('j2', 'a4', 8, 8),
    // a5: j1 and the recused j3 only → one counted score, under the quorum of 2.
    score('j1', 'a5', 10, 10), score('j3', 'a5', 10, 10),
    // a6 was scored by mistake, but is absent.
    score('j1', 'a6', 10, 10), score('j2', 'a6', 10, 10),
    // Session B, quorum 3: b2's conflicted juror leaves it two counted scores.
    score('k1', 'b1', 5, 5), score('k2', 'b1', 6, 6), score('k3', 'b1', 7, 7),
    score('k1', 'b2', 10, 10), score('k2', 'b2', 10, 10), score('k3', 'b2', 10, 10),
    score('k1', 'b3', 4, 4), score('k2', 'b3', 4, 4), score('k3', 'b3', 4, 4),
  ];
  const candidates = [
    candidate('a1', 'Group A'),
    candidate('a2', 'Group A', { acceptedAt: day(3) }),
    candidate('a3', 'Group A', { hasSuccessfulPilot: true }),
    candidate('a4', 'Group A', { acceptedAt: day(5) }),
    candidate('a5', 'Group A'),
    candidate('a6', 'Group A'),
    candidate('a7', 'Group A'),
    // b1 moved to another pitch group after pitching: it competes in the session it pitched in.
    candidate('b1', 'Group C'),
    candidate('b2', 'Group B'),
    candidate('b3', 'Group B'),
    candidate('u1', null),
  ];

  const outcomes = tallyPitches(sessions, slots, jurors, scores);

  it('counts only active jurors without a conflict, and applies each session’s quorum', () => {
    const summary = Object.fromEntries([...outcomes].map(([id, o]) => [id, [o.status, o.pitchScore, o.jurors]]));
    expect(summary).toEqual({
      's-a1': ['scored', 9, 2],
      's-a2': ['scored', 8, 2],
      's-a3': ['scored', 8, 2],
      's-a4': ['scored', 8, 2],
      's-a5': ['below_quorum', null, 1],
      's-a6': ['absent', null, 2],
      's-b1': ['scored', 6, 3],
      's-b2': ['below_quorum', null, 2],
      's-b3': ['scored', 4, 3],
    });
  });

  it('gives equal means the same number, whatever scores make them', () => {
    expect(outcomes.get('s-a2')!.pitchScore).toBe(outcomes.get('s-a3')!.pitchScore);
    const pick = (team: number, market: number) => [{ criterion: 'team', score: team }, { criterion: 'market', score: market }];
    // Weights 3 and 7: y's jurors give 0.9, 0.7, 0.7 and z's 1.0, 0.7, 0.6 — both means are 23/60.
    const thirds = tallyPitches(
      [{ sessionId: 'T', pitchGroup: 'T', criteria: [{ key: 'team', label: 'Team', weight: 3 }, { key: 'market', label: 'Market', weight: 7 }], minJurors: 1 }],
      [slot('T', 'y'), slot('T', 'z')],
      [juror('t1', 'T'), juror('t2', 'T'), juror('t3', 'T')],
      [
        { jurorId: 't1', slotId: 'slot-y', scores: pick(1.5, 0) },
        { jurorId: 't2', slotId: 'slot-y', scores: pick(0, 0.5) },
        { jurorId: 't3', slotId: 'slot-y', scores: pick(0, 0.5) },
        { jurorId: 't1', slotId: 'slot-z', scores: pick(0.5, 0.5) },
        { jurorId: 't2', slotId: 'slot-z', scores: pick(0, 0.5) },
        { jurorId: 't3', slotId: 'slot-z', scores: pick(1, 0) },
      ],
    );
    expect(thirds.get('s-y')!.pitchScore).toBe(thirds.get('s-z')!.pitchScore);
    expect(thirds.get('s-y')!.pitchScore).toBeCloseTo(23 / 60, 12);
  });

  it('offers the best three per group by jury score with ties broken by the selection’s rule, and excludes every unscored pitch with its reason', () => {
    const result = rankPitchDay(candidates, outcomes, 3, 100);
    const summary = (list: Array<{ startupId: string; group: string; rank: number; effectiveScore: number }>) => list.map((r) => [r.startupId, r.group, r.rank, r.effectiveScore]);
    // a1 (9); a3, a2, a4 tie at 8: the successful pilot first, then the earlier acceptance.
    expect(summary(result.offers)).toEqual([
      ['s-a1', 'Group A', 1, 9],
      ['s-a3', 'Group A', 2, 8],
      ['s-a2', 'Group A', 3, 8],
      ['s-b1', 'Group B', 1, 6],
      ['s-b3', 'Group B', 2, 4],
    ]);
    expect(result.waitlist.map((w) => [w.startupId, w.rank, w.waitlistPosition])).toEqual([['s-a4', 4, 1]]);
    expect(result.excluded.map((e) => [e.startupId, e.group, e.reason])).toEqual([
      ['s-a5', 'Group A', 'below_quorum'],
      ['s-a6', 'Group A', 'absent'],
      ['s-a7', 'Group A', 'did_not_pitch'],
      ['s-b2', 'Group B', 'below_quorum'],
      ['s-u1', 'unassigned', 'did_not_pitch'],
    ]);
  });

  it('keeps the cohort’s capacity: places go round by rank across groups', () => {
    const result = rankPitchDay(candidates, outcomes, 3, 3);
    expect(result.offers.map((o) => o.startupId)).toEqual(['s-a1', 's-a3', 's-b1']);
    expect(result.waitlist.map((w) => w.startupId)).toEqual(['s-a2', 's-a4', 's-b3']);
  });

  it('treats a juror whose organisation certified the startup as conflicted with it, as reviews do: its score does not count', () => {
    // Session C, quorum 2: c1 of the organiser, c2 and c3 of a certification body that certified x (not y).
    const body = 'org-body';
    const session: TallySession = { sessionId: 'C', pitchGroup: 'Group C', criteria: CRITERIA, minJurors: 2 };
    const jury = [juror('c1', 'C', { organisationId: 'org-organiser' }), juror('c2', 'C', { organisationId: body }), juror('c3', 'C', { organisationId: body })];
    const pitches = [slot('C', 'x'), slot('C', 'y')];
    const given = ['c1', 'c2', 'c3'].flatMap((j) => [score(j, 'x', 9, 9), score(j, 'y', 6, 6)]);
    const issuers = new Map([['s-x', new Set([body, 'org-other'])]]);

    const tally = tallyPitches([session], pitches, jury, given, issuers);
    // x keeps c1's score alone: below the quorum of 2. y, certified by no juror's organisation, keeps all three.
    expect(tally.get('s-x')).toMatchObject({ status: 'below_quorum', pitchScore: null, jurors: 1 });
    expect(tally.get('s-y')).toMatchObject({ status: 'scored', pitchScore: 6, jurors: 3 });
    // Without the issuers (or with a juror of unknown organisation) every score counts.
    expect(tallyPitches([session], pitches, jury, given).get('s-x')).toMatchObject({ status: 'scored', pitchScore: 9, jurors: 3 });
    expect(conflictOf({ conflictedStartupIds: new Set(), organisationId: null }, 's-x', issuers)).toBeNull();
    // A declared conflict is named first; a certification alone is named as such.
    expect(conflictOf({ conflictedStartupIds: new Set(['s-x']), organisationId: body }, 's-x', issuers)).toBe('declared');
    expect(conflictOf({ conflictedStartupIds: new Set(), organisationId: body }, 's-x', issuers)).toBe('certification_issuer');
    expect(conflictOf({ conflictedStartupIds: new Set(), organisationId: body }, 's-y', issuers)).toBeNull();
    // The selection then excludes x like any pitch below the quorum.
    const ranked = rankPitchDay([candidate('x', 'Group C'), candidate('y', 'Group C')], tally, 3, 10);
    expect(ranked.offers.map((o) => o.startupId)).toEqual(['s-y']);
    expect(ranked.excluded.map((e) => [e.startupId, e.reason])).toEqual([['s-x', 'below_quorum']]);
  });

  it('is a pure function of its input: the preview and the commit agree', () => {
    expect(rankPitchDay(candidates, outcomes, 3, 100)).toEqual(rankPitchDay([...candidates].reverse(), tallyPitches(sessions, [...slots].reverse(), jurors, [...scores].reverse()), 3, 100));
  });
});
