import type { JurorState, PitchCriterion, PitchCriterionScore, PitchSlotAttendance } from '@exchange/data';
import { rankCandidates, type ExcludedCandidate, type RankingCandidate, type SelectionResult } from '../selection/ranking';

/**
 * The jury's side of a pitch day, pure (no I/O), so the preview and the commit run the same code.
 *
 * Scoring: each juror scores every criterion of the session's rubric from 0 to `maxScore` in whole or
 * half points. A juror's weighted score is Σ weight·score / Σ weight (weights are integers).
 *
 * Which scores count: those of jurors still on the jury (not recused) without a conflict of interest
 * with the startup. A recused juror's scores stay stored but stop counting; a replacement may be added.
 *
 * Conflicts of interest, as in reviews (applications' assignment planner): the juror declared one
 * with the startup, or the juror's organisation issued one of the startup's certifications (the
 * certifying body has a stake in the startups it certified; reviews count every certification the
 * organisation issued, revoked or expired ones included, and so does this). A conflicted juror's
 * score of that pitch is refused, and one given before the conflict became known does not count.
 *
 * Quorum: a pitch is scored when at least `minJurors` counted scores exist. Otherwise it is not
 * scored, and the startup is not selectable (`below_quorum`), as is a startup marked absent
 * (`absent`) and a candidate without a slot (`did_not_pitch`); the preview lists all three.
 *
 * Pitch score: the mean of the counted jurors' weighted scores, computed as one fraction of integers
 * (half points × weights over 2 · jurors · Σ weights) divided once, so two mathematically equal means
 * are the same number and tie exactly; ties are then broken by the selection's own order
 * (ranking.ts: a successful pilot first, the earlier acceptance, the startup id).
 */

/** Score problems of one juror's scores against a rubric; empty lists when the scores are valid. */
export interface ScoreProblems {
  unknown: string[];
  missing: string[];
  repeated: string[];
  outOfRange: string[];
  notHalfPoints: string[];
}

export function scoreProblems(criteria: PitchCriterion[], maxScore: number, scores: PitchCriterionScore[]): ScoreProblems | null {
  const keys = new Set(criteria.map((c) => c.key));
  const given = scores.map((s) => s.criterion);
  const problems: ScoreProblems = {
    unknown: given.filter((k) => !keys.has(k)),
    missing: [...keys].filter((k) => !given.includes(k)),
    repeated: [...new Set(given.filter((k, i) => given.indexOf(k) !== i))],
    outOfRange: scores.filter((s) => s.score < 0 || s.score > maxScore).map((s) => s.criterion),
    notHalfPoints: scores.filter((s) => !Number.isInteger(s.score * 2)).map((s) => s.criterion),
  };
  return Object.values(problems).some((list) => list.length > 0) ? problems : null;
}

/** Σ weight · (2 · score): an integer for half-point scores and integer weights. */
function weightedHalfPoints(criteria: PitchCriterion[], scores: PitchCriterionScore[]): number {
  const byKey = new Map(scores.map((s) => [s.criterion, s.score]));
  return criteria.reduce((sum, c) => sum + c.weight * Math.round((byKey.get(c.key) ?? 0) * 2), 0);
}

const totalWeight = (criteria: PitchCriterion[]) => criteria.reduce((sum, c) => sum + c.weight, 0);

/** One juror's weighted score of one pitch (valid scores assumed: see scoreProblems). */
export function weightedPitchScore(criteria: PitchCriterion[], scores: PitchCriterionScore[]): number {
  return weightedHalfPoints(criteria, scores) / (2 * totalWeight(criteria));
}

export interface TallySession {
  sessionId: string;
  pitchGroup: string;
  criteria: PitchCriterion[];
  minJurors: number;
}

export interface TallySlot {
  sessionId: string;
  slotId: string;
  startupId: string;
  attendance: PitchSlotAttendance;
}

export interface TallyJuror {
  jurorId: string;
  sessionId: string;
  state: JurorState;
  /** Startups of the session the juror declared a conflict with. */
  conflictedStartupIds: ReadonlySet<string>;
  /** The juror's organisation (a reviewer's); null or absent when unknown. */
  organisationId?: string | null;
}

/** startupId → the organisations that issued one of its certifications. */
export type CertificationIssuers = ReadonlyMap<string, ReadonlySet<string>>;

export type ConflictSource = 'declared' | 'certification_issuer';

/** Why the juror may not judge the startup's pitch (a declared conflict first), or null when it may. */
export function conflictOf(
  juror: Pick<TallyJuror, 'conflictedStartupIds' | 'organisationId'>,
  startupId: string,
  issuers: CertificationIssuers,
): ConflictSource | null {
  if (juror.conflictedStartupIds.has(startupId)) return 'declared';
  if (juror.organisationId && issuers.get(startupId)?.has(juror.organisationId)) return 'certification_issuer';
  return null;
}

export interface TallyScore {
  slotId: string;
  jurorId: string;
  scores: PitchCriterionScore[];
}

export interface PitchOutcome {
  startupId: string;
  sessionId: string;
  group: string;
  status: 'scored' | 'absent' | 'below_quorum';
  /** The mean weighted jury score; null unless scored. */
  pitchScore: number | null;
  /** Jurors whose scores counted. */
  jurors: number;
}

/**
 * The outcome of every slot of the pitch day, by startup (a startup has one slot per pitch day).
 * `issuers`: the organisations that certified each startup (a juror of one of them is conflicted).
 */
export function tallyPitches(
  sessions: TallySession[],
  slots: TallySlot[],
  jurors: TallyJuror[],
  scores: TallyScore[],
  issuers: CertificationIssuers = new Map(),
): Map<string, PitchOutcome> {
  const sessionById = new Map(sessions.map((s) => [s.sessionId, s]));
  const jurorById = new Map(jurors.map((j) => [j.jurorId, j]));
  const scoresBySlot = new Map<string, TallyScore[]>();
  for (const score of scores) scoresBySlot.set(score.slotId, [...(scoresBySlot.get(score.slotId) ?? []), score]);

  const outcomes = new Map<string, PitchOutcome>();
  for (const slot of slots) {
    const session = sessionById.get(slot.sessionId);
    if (!session) continue;
    const counted = (scoresBySlot.get(slot.slotId) ?? []).filter((s) => {
      const juror = jurorById.get(s.jurorId);
      return juror !== undefined && juror.sessionId === slot.sessionId && juror.state === 'active' && conflictOf(juror, slot.startupId, issuers) === null;
    });
    const base = { startupId: slot.startupId, sessionId: session.sessionId, group: session.pitchGroup, jurors: counted.length };
    if (slot.attendance === 'absent') {
      outcomes.set(slot.startupId, { ...base, status: 'absent', pitchScore: null });
    } else if (counted.length < session.minJurors || counted.length === 0) {
      outcomes.set(slot.startupId, { ...base, status: 'below_quorum', pitchScore: null });
    } else {
      const numerator = counted.reduce((sum, s) => sum + weightedHalfPoints(session.criteria, s.scores), 0);
      const pitchScore = numerator / (2 * counted.length * totalWeight(session.criteria));
      outcomes.set(slot.startupId, { ...base, status: 'scored', pitchScore });
    }
  }
  return outcomes;
}

/**
 * Selection by pitch score: the candidates whose pitch was scored compete in their session's group
 * with the jury's mean as their score (no pilot bonus, no minimum: both are on the review scale);
 * each group's best `perGroup` are offered places within the cohort's capacity by the ranking's own
 * rules and tie order, the rest waitlisted. Every other candidate is excluded with its reason.
 */
export function rankPitchDay(candidates: RankingCandidate[], outcomes: ReadonlyMap<string, PitchOutcome>, perGroup: number, capacity: number): SelectionResult {
  const pitched: RankingCandidate[] = [];
  const excluded: ExcludedCandidate[] = [];
  for (const candidate of candidates) {
    const outcome = outcomes.get(candidate.startupId);
    const exclude = (group: string, reason: ExcludedCandidate['reason']) =>
      excluded.push({ candidateId: candidate.candidateId, startupId: candidate.startupId, group, effectiveScore: 0, reason });
    if (!outcome) exclude(candidate.pitchGroup ?? 'unassigned', 'did_not_pitch');
    else if (outcome.status !== 'scored' || outcome.pitchScore === null) exclude(outcome.group, outcome.status === 'absent' ? 'absent' : 'below_quorum');
    // The group is the session the startup pitched in, whatever its pitch group became since.
    else pitched.push({ ...candidate, score: outcome.pitchScore, pitchGroup: outcome.group });
  }
  const ranked = rankCandidates(pitched, { groupBy: 'pitch_session', perGroup }, capacity);
  excluded.sort((a, b) => (a.group !== b.group ? (a.group < b.group ? -1 : 1) : a.startupId < b.startupId ? -1 : a.startupId > b.startupId ? 1 : 0));
  return { ...ranked, excluded: [...ranked.excluded, ...excluded] };
}
