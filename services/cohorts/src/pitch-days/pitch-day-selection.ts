import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from '@exchange/messaging';
import type { CohortRef } from '../members/member-events';
import type { RankingCandidate, SelectionResult } from '../selection/ranking';
import { PitchDayError, PitchDayErrorCode } from './pitch-days.errors';
import { PitchDaysRepository, type PitchDayRow, type PitchResultRow, type PitchSessionRow } from './pitch-days.repository';
import { rankPitchDay, tallyPitches, type PitchOutcome } from './pitch-scoring';

/** A pitch day as selection reads it: its sessions and the outcome of every pitch. */
export interface PitchDayStanding {
  pitchDay: PitchDayRow;
  sessions: PitchSessionRow[];
  outcomes: Map<string, PitchOutcome>;
}

/**
 * What selection needs of a pitch day (selection/selection.service.ts): whether the cohort runs its
 * selection as one, the ranking by jury score, the check before a commit and the results event.
 */
@Injectable()
export class PitchDaySelection {
  constructor(private readonly repository: PitchDaysRepository) {}

  /** The cohort's pitch day with every pitch's outcome; null when the cohort selects by review score. */
  async standing(tx: EntityManager, cohortId: string): Promise<PitchDayStanding | null> {
    const pitchDay = await this.repository.pitchDayOfCohort(cohortId, tx);
    if (!pitchDay) return null;
    const sessions = await this.repository.sessionsOf(pitchDay.id, tx);
    const sessionIds = sessions.map((s) => s.id);
    const slots = await this.repository.slotsOf(sessionIds, tx);
    const jurors = await this.repository.jurorsOf(sessionIds, tx);
    const conflicts = await this.repository.conflictsOf(jurors.map((j) => j.id), tx);
    const scores = await this.repository.scoresOf(slots.map((s) => s.id), tx);
    // Conflicts of interest as in reviews: declared, or the juror's organisation certified the startup.
    const issuers = await this.repository.certificationIssuers(slots.map((s) => s.startupId), tx);
    const conflicted = new Map<string, Set<string>>();
    for (const c of conflicts) conflicted.set(c.jurorId, new Set([...(conflicted.get(c.jurorId) ?? []), c.startupId]));
    const outcomes = tallyPitches(
      sessions.map((s) => ({ sessionId: s.id, pitchGroup: s.pitchGroup, criteria: s.criteria, minJurors: s.minJurors })),
      slots.map((s) => ({ sessionId: s.sessionId, slotId: s.id, startupId: s.startupId, attendance: s.attendance })),
      jurors.map((j) => ({ jurorId: j.id, sessionId: j.sessionId, state: j.state, conflictedStartupIds: conflicted.get(j.id) ?? new Set<string>(), organisationId: j.organisationId })),
      scores.map((s) => ({ slotId: s.slotId, jurorId: s.jurorId, scores: s.scores })),
      issuers,
    );
    return { pitchDay, sessions, outcomes };
  }

  rank(candidates: RankingCandidate[], standing: PitchDayStanding, capacity: number): SelectionResult {
    return rankPitchDay(candidates, standing.outcomes, standing.pitchDay.perGroup, capacity);
  }

  /** Sessions still open: while any is, scores may change and the selection does not commit. */
  openSessionIds(standing: PitchDayStanding): string[] {
    return standing.sessions.filter((s) => s.state === 'open').map((s) => s.id);
  }

  /** Scores must be final before offers go out: every session closed (closing freezes slots, jury and scores). */
  assertReadyToCommit(standing: PitchDayStanding): void {
    const open = this.openSessionIds(standing);
    if (open.length > 0) {
      throw new PitchDayError(PitchDayErrorCode.SessionsOpen, `close every pitch session before committing the selection; still open: ${open.join(', ')}`, {
        openSessionIds: open,
      });
    }
  }

  /**
   * Marks the pitch day published, keeps every candidate's result (each startup reads its own) and
   * returns the results event, written with the offers in one transaction.
   */
  async publish(tx: EntityManager, standing: PitchDayStanding, ref: CohortRef, result: SelectionResult, at: Date): Promise<OutboxEvent<'pitch_day.results_published'>> {
    await this.repository.markPublished(tx, standing.pitchDay.id, at);
    await this.repository.insertResults(tx, this.resultsOf(standing, result));
    const ranked = [...result.offers, ...result.waitlist];
    const groups = standing.sessions.map((session) => {
      const inGroup = ranked.filter((r) => r.group === session.pitchGroup).sort((a, b) => a.rank - b.rank);
      const notScored = result.excluded.filter((e) => e.group === session.pitchGroup && (e.reason === 'absent' || e.reason === 'below_quorum'));
      return {
        group: session.pitchGroup,
        sessionId: session.id,
        maxScore: session.maxScore,
        minJurors: session.minJurors,
        results: [
          ...inGroup.map((r) => ({
            startupId: r.startupId,
            rank: r.rank,
            pitchScore: r.effectiveScore,
            jurors: standing.outcomes.get(r.startupId)?.jurors ?? 0,
            placement: r.placement,
            notScoredReason: null,
          })),
          ...notScored.map((e) => ({
            startupId: e.startupId,
            rank: null,
            pitchScore: null,
            jurors: standing.outcomes.get(e.startupId)?.jurors ?? 0,
            placement: 'not_scored' as const,
            notScoredReason: e.reason as 'absent' | 'below_quorum',
          })),
        ],
      };
    });
    return {
      type: 'pitch_day.results_published',
      data: {
        ...ref,
        pitchDayId: standing.pitchDay.id,
        agreementId: standing.pitchDay.agreementId,
        perGroup: standing.pitchDay.perGroup,
        publishedAt: at.toISOString(),
        groups,
      },
    };
  }

  /** One result per candidate of the selection: offered, waitlisted, or excluded with its pitch-day reason. */
  private resultsOf(standing: PitchDayStanding, result: SelectionResult): PitchResultRow[] {
    const base = (startupId: string, candidateId: string, group: string) => {
      const outcome = standing.outcomes.get(startupId);
      return { pitchDayId: standing.pitchDay.id, startupId, candidateId, sessionId: outcome?.sessionId ?? null, groupKey: group, jurors: outcome?.jurors ?? 0 };
    };
    return [
      ...[...result.offers, ...result.waitlist].map((r) => ({
        ...base(r.startupId, r.candidateId, r.group),
        outcome: r.placement === 'offer' ? ('selected' as const) : ('waitlisted' as const),
        reason: null,
        rank: r.rank,
        waitlistPosition: r.placement === 'offer' ? null : r.waitlistPosition,
        pitchScore: r.effectiveScore,
      })),
      ...result.excluded.map((e) => {
        // A pitch day excludes only for these reasons (it has no minimum score).
        const reason = e.reason === 'absent' || e.reason === 'below_quorum' ? e.reason : ('did_not_pitch' as const);
        const row = base(e.startupId, e.candidateId, e.group);
        return { ...row, sessionId: reason === 'did_not_pitch' ? null : row.sessionId, outcome: 'not_selected' as const, reason, rank: null, waitlistPosition: null, pitchScore: null };
      }),
    ];
  }
}
