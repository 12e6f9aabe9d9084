import type { SelectionRule } from '@exchange/data';

/**
 * The pure selection of a cohort: no I/O, so it is unit-tested on constructed sets and the preview
 * and the commit cannot disagree.
 *
 * Ranking, per group, is by this stated, deterministic order (TIE_BREAK_ORDER):
 *   1. effective score, highest first: the candidate's score (a missing score counts as 0) plus the
 *      rule's `successfulPilotBonus` when the candidate has a successful pilot;
 *   2. a candidate with a successful pilot before one without;
 *   3. the earlier acceptance (`acceptedAt`; unknown acceptance after every known one);
 *   4. the startup id, ascending (byte order), so no two candidates ever compare equal.
 *
 * Candidates whose effective score is below `minScore` are excluded (not waitlisted).
 * Offers: each group's best `perGroup` candidates (all of them without a quota). When that is more
 * than the capacity, places go round by rank: every group's rank 1 first (ordered among themselves
 * by the same tie order), then every rank 2, and so on until the capacity is used. Everyone else
 * eligible is waitlisted in rank order within their group.
 */
export const TIE_BREAK_ORDER = ['effective_score desc', 'has_successful_pilot desc', 'accepted_at asc nulls last', 'startup_id asc'] as const;

export interface RankingCandidate {
  candidateId: string;
  startupId: string;
  score: number | null;
  hasSuccessfulPilot: boolean;
  acceptedAt: Date | null;
  country: string;
  technologyFields: string[];
  pitchGroup: string | null;
}

export type Placement = 'offer' | 'waitlist';

export interface RankedCandidate {
  candidateId: string;
  startupId: string;
  group: string;
  /** Rank within the group, 1 = best. */
  rank: number;
  effectiveScore: number;
  placement: Placement;
  /** Position on the group's waitlist (1 = next to be promoted); null for an offer. */
  waitlistPosition: number | null;
}

/**
 * Why a candidate is neither offered nor waitlisted: under the rule's minimum score, or (selection by
 * pitch day, see pitch-days/pitch-scoring.ts) it had no slot, was absent, or its pitch missed the quorum.
 */
export const EXCLUSION_REASONS = ['below_min_score', 'did_not_pitch', 'absent', 'below_quorum'] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

export interface ExcludedCandidate {
  candidateId: string;
  startupId: string;
  group: string;
  effectiveScore: number;
  reason: ExclusionReason;
}

export interface SelectionResult {
  offers: RankedCandidate[];
  waitlist: RankedCandidate[];
  excluded: ExcludedCandidate[];
}

/** The group a candidate competes in under the rule. */
export function groupKeyOf(candidate: RankingCandidate, groupBy: SelectionRule['groupBy']): string {
  switch (groupBy) {
    case 'country':
      return candidate.country;
    case 'technology_field':
      // A startup lists its primary field first; it competes there only, so it takes one place at most.
      return candidate.technologyFields[0] ?? 'unspecified';
    case 'pitch_session':
      return candidate.pitchGroup ?? 'unassigned';
    case 'none':
      return 'all';
  }
}

export function effectiveScoreOf(candidate: RankingCandidate, rule: SelectionRule): number {
  const bonus = candidate.hasSuccessfulPilot ? (rule.successfulPilotBonus ?? 0) : 0;
  return (candidate.score ?? 0) + bonus;
}

interface Scored extends RankingCandidate {
  group: string;
  effectiveScore: number;
}

/** Total order of TIE_BREAK_ORDER: negative when `a` ranks before `b`. */
export function compareCandidates(a: Scored, b: Scored): number {
  if (a.effectiveScore !== b.effectiveScore) return b.effectiveScore - a.effectiveScore;
  if (a.hasSuccessfulPilot !== b.hasSuccessfulPilot) return a.hasSuccessfulPilot ? -1 : 1;
  const at = a.acceptedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const bt = b.acceptedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (at !== bt) return at < bt ? -1 : 1;
  return a.startupId < b.startupId ? -1 : a.startupId > b.startupId ? 1 : 0;
}

export function rankCandidates(candidates: RankingCandidate[], rule: SelectionRule, capacity: number): SelectionResult {
  const excluded: ExcludedCandidate[] = [];
  const groups = new Map<string, Scored[]>();
  for (const candidate of candidates) {
    const scored: Scored = { ...candidate, group: groupKeyOf(candidate, rule.groupBy), effectiveScore: effectiveScoreOf(candidate, rule) };
    if (rule.minScore !== undefined && rule.minScore !== null && scored.effectiveScore < rule.minScore) {
      excluded.push({ candidateId: scored.candidateId, startupId: scored.startupId, group: scored.group, effectiveScore: scored.effectiveScore, reason: 'below_min_score' });
      continue;
    }
    const members = groups.get(scored.group) ?? [];
    members.push(scored);
    groups.set(scored.group, members);
  }

  // Rank within each group, and take each group's quota as offer candidates.
  const ranked = new Map<string, { candidate: Scored; rank: number }[]>();
  for (const [group, members] of groups) {
    members.sort(compareCandidates);
    ranked.set(group, members.map((candidate, i) => ({ candidate, rank: i + 1 })));
  }
  const quota = rule.perGroup ?? Number.POSITIVE_INFINITY;

  // Round by rank across groups until the capacity is used.
  const offered = new Set<string>();
  const maxRank = Math.max(0, ...[...ranked.values()].map((m) => m.length));
  for (let rank = 1; rank <= Math.min(maxRank, quota) && offered.size < capacity; rank++) {
    const atRank = [...ranked.values()]
      .map((members) => members[rank - 1])
      .filter((m): m is { candidate: Scored; rank: number } => m !== undefined)
      .sort((a, b) => compareCandidates(a.candidate, b.candidate));
    for (const { candidate } of atRank) {
      if (offered.size >= capacity) break;
      offered.add(candidate.candidateId);
    }
  }

  const offers: RankedCandidate[] = [];
  const waitlist: RankedCandidate[] = [];
  for (const group of [...ranked.keys()].sort()) {
    let position = 0;
    for (const { candidate, rank } of ranked.get(group)!) {
      const isOffer = offered.has(candidate.candidateId);
      const entry: RankedCandidate = {
        candidateId: candidate.candidateId,
        startupId: candidate.startupId,
        group,
        rank,
        effectiveScore: candidate.effectiveScore,
        placement: isOffer ? 'offer' : 'waitlist',
        waitlistPosition: isOffer ? null : ++position,
      };
      (isOffer ? offers : waitlist).push(entry);
    }
  }
  excluded.sort((a, b) =>
    a.group !== b.group ? (a.group < b.group ? -1 : 1) : b.effectiveScore - a.effectiveScore || (a.startupId < b.startupId ? -1 : 1),
  );
  return { offers, waitlist, excluded };
}
