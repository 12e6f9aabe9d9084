import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cohort } from '@exchange/data';
import { OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { assertCanManage } from '../cohorts/cohort-access';
import { CohortError, CohortErrorCode, illegalTransition, versionConflict } from '../cohorts/cohorts.errors';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { cohortRef, memberRef, offerDeadline } from '../members/member-events';
import { MembersRepository, type NewMember, type SelectableCandidate } from '../members/members.repository';
import { PitchDaySelection, type PitchDayStanding } from '../pitch-days/pitch-day-selection';
import type { SelectionEntryDto, SelectionResultDto } from './dto/selection.dto';
import { rankCandidates, TIE_BREAK_ORDER, type ExcludedCandidate, type RankedCandidate, type SelectionResult } from './ranking';

/**
 * Runs a cohort's selection: the preview computes it without writing; the commit computes the same
 * thing under the cohort row lock, writes the members, moves planning → selecting and writes the
 * offer and waitlist events in one transaction. The caller's `version` must be the current one, so
 * of two managers committing at once one wins and the other gets 409.
 */
@Injectable()
export class SelectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly members: MembersRepository,
    private readonly outbox: OutboxWriter,
    private readonly pitchDays: PitchDaySelection,
  ) {}

  async preview(principal: AuthenticatedPrincipal, cohortId: string): Promise<SelectionResultDto> {
    const cohort = assertCanManage(await this.cohorts.findById(cohortId), principal, cohortId);
    if (cohort.state !== 'planning') throw illegalTransition('preview_selection', cohort.state);
    const { candidates, result, pitchDay } = await this.compute(cohort, this.dataSource.manager);
    return this.view(cohort, candidates, result, true, new Map(), pitchDay, pitchDay ? this.pitchDays.openSessionIds(pitchDay) : []);
  }

  async commit(principal: AuthenticatedPrincipal, cohortId: string, version: number): Promise<SelectionResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const cohort = assertCanManage(await this.cohorts.lockById(tx, cohortId), principal, cohortId);
      if (cohort.version !== version) throw versionConflict(version, cohort.version, cohort.state);
      if (cohort.state !== 'planning') throw illegalTransition('commit_selection', cohort.state);
      const now = new Date();
      const deadline = offerDeadline(cohort, now);
      if (deadline <= now) {
        throw new CohortError(CohortErrorCode.OfferDeadlinePassed, 'the cohort’s offer deadline has passed: move it before selecting', {
          offerDeadlineAt: cohort.offerDeadlineAt?.toISOString(),
        });
      }
      const { candidates, result, pitchDay } = await this.compute(cohort, tx);
      if (pitchDay) this.pitchDays.assertReadyToCommit(pitchDay);
      const toMember = (r: RankedCandidate, offered: boolean): NewMember => ({
        candidateId: r.candidateId,
        startupId: r.startupId,
        groupKey: r.group,
        rank: r.rank,
        score: r.effectiveScore,
        state: offered ? 'offered' : 'waitlisted',
        offeredAt: offered ? now : null,
        offerDeadlineAt: offered ? deadline : null,
      });
      const inserted = await this.members.insertMany(tx, cohort.id, [
        ...result.offers.map((r) => toMember(r, true)),
        ...result.waitlist.map((r) => toMember(r, false)),
      ]);
      const memberIds = new Map(inserted.map((m) => [m.candidateId, m.id]));
      const ref = await cohortRef(tx, cohort);
      const events: OutboxEvent[] = [
        ...inserted
          .filter((m) => m.state === 'offered')
          .map((m): OutboxEvent<'cohort.offer_made'> => ({
            type: 'cohort.offer_made',
            data: { ...memberRef(ref, m), offerId: m.id, rank: m.rank, deadline: deadline.toISOString() },
          })),
        ...result.waitlist.map((r): OutboxEvent<'cohort.waitlisted'> => ({
          type: 'cohort.waitlisted',
          data: { ...memberRef(ref, { startupId: r.startupId, groupKey: r.group }), position: r.waitlistPosition! },
        })),
      ];
      // A pitch day's ranked results go to the programme's partners with the offers.
      if (pitchDay) events.push(await this.pitchDays.publish(tx, pitchDay, ref, result, now));
      await this.outbox.addAll(tx, events);
      const updated = await this.cohorts.update(tx, cohort.id, { state: 'selecting', selectedAt: now });
      return this.view(updated, candidates, result, false, memberIds, pitchDay, []);
    });
  }

  /** The one computation behind both the preview and the commit: by review score, or by jury score on a pitch day. */
  private async compute(cohort: Cohort, tx: EntityManager): Promise<{ candidates: SelectableCandidate[]; result: SelectionResult; pitchDay: PitchDayStanding | null }> {
    const organisations = [cohort.organiserOrganisationId, ...cohort.partnerOrganisationIds];
    const candidates = await this.members.candidatesForCohort(cohort.programmeId, organisations, tx);
    const pitchDay = await this.pitchDays.standing(tx, cohort.id);
    const result = pitchDay ? this.pitchDays.rank(candidates, pitchDay, cohort.capacity) : rankCandidates(candidates, cohort.selectionRule, cohort.capacity);
    return { candidates, result, pitchDay };
  }

  private view(
    cohort: Cohort,
    candidates: SelectableCandidate[],
    result: SelectionResult,
    preview: boolean,
    memberIds: Map<string, string>,
    pitchDay: PitchDayStanding | null,
    openSessionIds: string[],
  ): SelectionResultDto {
    const byId = new Map(candidates.map((c) => [c.candidateId, c]));
    const entry = (r: RankedCandidate | ExcludedCandidate): SelectionEntryDto => {
      const c = byId.get(r.candidateId)!;
      const ranked = 'placement' in r ? r : null;
      return {
        memberId: memberIds.get(r.candidateId) ?? null,
        candidateId: r.candidateId,
        startupId: r.startupId,
        startupName: c.startupName,
        startupNameLatin: c.startupNameLatin,
        group: r.group,
        rank: ranked?.rank ?? 0,
        effectiveScore: r.effectiveScore,
        placement: ranked?.placement ?? 'excluded',
        waitlistPosition: ranked?.waitlistPosition ?? null,
        excludedReason: ranked ? null : (r as ExcludedCandidate).reason,
      };
    };
    return {
      cohortId: cohort.id,
      preview,
      final: openSessionIds.length === 0,
      openSessionIds,
      version: cohort.version,
      capacity: cohort.capacity,
      rule: pitchDay
        ? { groupBy: 'pitch_session', perGroup: pitchDay.pitchDay.perGroup, tieBreak: [...TIE_BREAK_ORDER] }
        : { ...cohort.selectionRule, tieBreak: [...TIE_BREAK_ORDER] },
      rankedBy: pitchDay ? 'pitch_score' : 'review_score',
      offers: result.offers.map(entry),
      waitlist: result.waitlist.map(entry),
      excluded: result.excluded.map(entry),
    };
  }
}
