import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Cohort } from '@exchange/data';
import { AuditLog, decodeCursor, pageOf, type AuthenticatedPrincipal } from '@exchange/platform';
import { assertCanManage, assertCanRead } from '../cohorts/cohort-access';
import { illegalTransition, versionConflict } from '../cohorts/cohorts.errors';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { MembersRepository, type SelectableCandidate } from '../members/members.repository';
import { effectiveScoreOf, groupKeyOf } from '../selection/ranking';
import type { AssignPitchGroupsDto, CohortCandidateDto, CohortCandidatePageDto, ListCandidatesQueryDto, PitchGroupChangeDto, PitchGroupsResultDto } from './dto/pitch-groups.dto';
import { PitchGroupError, PitchGroupErrorCode } from './pitch-groups.errors';
import { CANDIDATE_KEYSET, PitchGroupsRepository } from './pitch-groups.repository';

const organisationsOf = (cohort: Cohort) => [cohort.organiserOrganisationId, ...cohort.partnerOrganisationIds];

/**
 * Puts a cohort's candidates into pitch sessions, the groups of a `pitch_session` selection rule,
 * while the cohort is planning (selection freezes each member's group). The session is kept on the
 * startup's candidate row of the cohort's programme, so cohorts of one programme share sessions.
 */
@Injectable()
export class PitchGroupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly members: MembersRepository,
    private readonly pitchGroups: PitchGroupsRepository,
    private readonly audit: AuditLog,
  ) {}

  async assign(principal: AuthenticatedPrincipal, cohortId: string, dto: AssignPitchGroupsDto): Promise<PitchGroupsResultDto> {
    const seen = new Set<string>();
    const duplicates = [...new Set(dto.assignments.map((a) => a.startupId).filter((id) => seen.size === seen.add(id).size))];
    return this.dataSource.transaction(async (tx) => {
      // The cohort lock orders this against a selection commit: sessions never change under it.
      const cohort = assertCanManage(await this.cohorts.lockById(tx, cohortId), principal, cohortId);
      if (cohort.version !== dto.version) throw versionConflict(dto.version, cohort.version, cohort.state);
      if (cohort.state !== 'planning') throw illegalTransition('assign_pitch_sessions', cohort.state);
      if (duplicates.length > 0) {
        throw new PitchGroupError(PitchGroupErrorCode.DuplicateStartup, `each startup once: ${duplicates.join(', ')} listed more than once`, {
          startupIds: duplicates,
        });
      }
      const candidates = new Map((await this.members.candidatesForCohort(cohort.programmeId, organisationsOf(cohort), tx)).map((c) => [c.startupId, c]));
      const unknown = dto.assignments.map((a) => a.startupId).filter((id) => !candidates.has(id));
      if (unknown.length > 0) {
        throw new PitchGroupError(PitchGroupErrorCode.UnknownCandidates, `not candidates of this cohort: ${unknown.join(', ')}`, {
          unknownStartupIds: unknown,
          errors: dto.assignments
            .map((a, i) => ({ field: `assignments.${i}.startupId`, startupId: a.startupId }))
            .filter((a) => !candidates.has(a.startupId))
            .map(({ field, startupId }) => ({ field, message: `${startupId} is not a candidate of this cohort` })),
        });
      }

      const changes: PitchGroupChangeDto[] = [];
      for (const { startupId, pitchGroup } of dto.assignments) {
        const candidate = candidates.get(startupId)!;
        let candidateId = candidate.candidateId;
        if (candidate.programmeId === cohort.programmeId) {
          await this.pitchGroups.setOnProgrammeRow(tx, startupId, cohort.programmeId, pitchGroup);
        } else if (pitchGroup !== null) {
          candidateId = await this.pitchGroups.placeInProgramme(tx, startupId, cohort.programmeId, pitchGroup);
        }
        changes.push({ startupId, candidateId, pitchGroup, previousPitchGroup: candidate.pitchGroup ?? null });
      }
      await this.audit.record(tx, {
        actor: principal,
        action: 'cohort.assign_pitch_groups',
        entityType: 'cohort',
        entityId: cohort.id,
        before: changes.map((c) => ({ startupId: c.startupId, pitchGroup: c.previousPitchGroup })),
        after: changes.map((c) => ({ startupId: c.startupId, pitchGroup: c.pitchGroup })),
      });
      const updated = await this.cohorts.touch(tx, cohort.id);
      return { cohortId: cohort.id, version: updated.version, assignments: changes };
    });
  }

  /** The candidates selection would consider now, with their session, group and effective score. */
  async list(principal: AuthenticatedPrincipal, cohortId: string, query: ListCandidatesQueryDto): Promise<CohortCandidatePageDto> {
    const cohort = assertCanRead(await this.cohorts.findById(cohortId), principal, cohortId);
    const cursor = decodeCursor(CANDIDATE_KEYSET, query.cursor);
    const limit = query.limit ?? 20;
    const rows = await this.pitchGroups.page({
      programmeId: cohort.programmeId,
      organisationIds: organisationsOf(cohort),
      pitchGroup: query.pitchGroup,
      afterStartupId: cursor ? cursor[0] : null,
      limit: limit + 1,
    });
    return pageOf(CANDIDATE_KEYSET, rows, limit, (c) => [c.startupId], (c) => this.view(cohort, c));
  }

  private view(cohort: Cohort, c: SelectableCandidate): CohortCandidateDto {
    return {
      candidateId: c.candidateId,
      startupId: c.startupId,
      startupName: c.startupName,
      startupNameLatin: c.startupNameLatin,
      country: c.country,
      technologyFields: c.technologyFields,
      source: c.source,
      score: c.score,
      hasSuccessfulPilot: c.hasSuccessfulPilot,
      effectiveScore: effectiveScoreOf(c, cohort.selectionRule),
      pitchGroup: c.pitchGroup,
      group: groupKeyOf(c, cohort.selectionRule.groupBy),
      acceptedAt: c.acceptedAt ? new Date(c.acceptedAt).toISOString() : null,
    };
  }
}
