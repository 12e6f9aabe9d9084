import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal } from '@exchange/platform';
import { isValidTimeZone, localDate } from '../common/local-date';
import { cohortRef, memberRef } from '../members/member-events';
import { MEMBER_KEYSET, MembersRepository } from '../members/members.repository';
import { assertCanManage, assertCanRead } from './cohort-access';
import { assertProgrammePartners, assertVisibleProgramme, organisedAcceleratorProgramme } from './cohort-programme';
import { CohortError, CohortErrorCode, illegalTransition, versionConflict } from './cohorts.errors';
import { CohortsRepository } from './cohorts.repository';
import { CohortDto, type CohortPageDto, type ListCohortsQueryDto } from './dto/cohort.dto';
import type { CreateCohortDto } from './dto/create-cohort.dto';
import { MemberDto, type GraduateCohortDto, type ListMembersQueryDto, type MemberPageDto } from './dto/member.dto';

/** Cohorts and their lifecycle: planning → selecting (see SelectionService) → in_progress → graduated. */
@Injectable()
export class CohortsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly members: MembersRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async create(principal: AuthenticatedPrincipal, dto: CreateCohortDto): Promise<CohortDto> {
    const startsAt = new Date(dto.startsAt);
    const endsAt = new Date(dto.endsAt);
    const offerDeadlineAt = dto.offerDeadlineAt ? new Date(dto.offerDeadlineAt) : null;
    if (endsAt <= startsAt) throw new CohortError(CohortErrorCode.InvalidSchedule, 'endsAt must be after startsAt', { rule: 'ends_after_starts' });
    if (offerDeadlineAt && offerDeadlineAt >= endsAt) {
      throw new CohortError(CohortErrorCode.InvalidSchedule, 'offerDeadlineAt must be before endsAt', { rule: 'deadline_before_end' });
    }
    if (!isValidTimeZone(dto.timeZone)) throw new CohortError(CohortErrorCode.InvalidTimeZone, `unknown time zone ${dto.timeZone}`, { timeZone: dto.timeZone });
    const organiser = principal.organisationId!;
    const cohort = await this.dataSource.transaction(async (tx) => {
      const programme = await organisedAcceleratorProgramme(tx, principal, dto.programmeId);
      const partnerIds = dto.partnerOrganisationIds ?? [];
      assertProgrammePartners(programme, partnerIds, await this.cohorts.existingOrganisations(tx, partnerIds));
      const created = await this.cohorts.insert(tx, {
        programmeId: programme.id,
        organiserOrganisationId: organiser,
        partnerOrganisationIds: [...new Set((dto.partnerOrganisationIds ?? []).map((id) => id.toLowerCase()))].filter((id) => id !== organiser),
        name: dto.name,
        nameLatin: dto.nameLatin ?? null,
        hostCountry: dto.hostCountry,
        hostCity: dto.hostCity,
        timeZone: dto.timeZone,
        language: dto.language,
        startsAt,
        endsAt,
        capacity: dto.capacity,
        offerTtlHours: dto.offerTtlHours ?? 168,
        offerDeadlineAt,
        selectionRule: {
          groupBy: dto.selectionRule.groupBy,
          ...(dto.selectionRule.perGroup !== undefined ? { perGroup: dto.selectionRule.perGroup } : {}),
          ...(dto.selectionRule.minScore !== undefined ? { minScore: dto.selectionRule.minScore } : {}),
          ...(dto.selectionRule.successfulPilotBonus !== undefined ? { successfulPilotBonus: dto.selectionRule.successfulPilotBonus } : {}),
        },
        state: 'planning',
      });
      await this.outbox.add(tx, {
        type: 'cohort.opened',
        data: {
          ...(await cohortRef(tx, created)),
          name: created.name,
          hostCity: created.hostCity,
          capacity: created.capacity,
          startsOn: localDate(startsAt, created.timeZone),
          endsOn: localDate(endsAt, created.timeZone),
        },
      });
      return created;
    });
    return CohortDto.of(cohort);
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<CohortDto> {
    return CohortDto.of(assertCanRead(await this.cohorts.findById(id), principal, id));
  }

  async list(principal: AuthenticatedPrincipal, query: ListCohortsQueryDto): Promise<CohortPageDto> {
    const cursor = decodeCursor(CREATED_AT_ID, query.cursor);
    const limit = query.limit ?? 20;
    if (query.programmeId) await assertVisibleProgramme(this.dataSource.manager, principal, query.programmeId);
    const rows = await this.cohorts.list({
      organisationId: principal.organisationId!,
      state: query.state,
      programmeId: query.programmeId,
      after: cursor ? { createdAt: cursor[0], id: cursor[1] } : null,
      limit: limit + 1,
    });
    return pageOf(CREATED_AT_ID, rows, limit, (c) => [c.createdAt.toISOString(), c.id], CohortDto.of);
  }

  async listMembers(principal: AuthenticatedPrincipal, id: string, query: ListMembersQueryDto): Promise<MemberPageDto> {
    assertCanRead(await this.cohorts.findById(id), principal, id);
    const cursor = decodeCursor(MEMBER_KEYSET, query.cursor);
    const limit = query.limit ?? 50;
    const rows = await this.members.list({
      cohortId: id,
      state: query.state,
      group: query.group,
      after: cursor,
      limit: limit + 1,
    });
    return pageOf(MEMBER_KEYSET, rows, limit, (m) => [m.groupKey, m.rank, m.id], MemberDto.of);
  }

  /** selecting → in_progress (cohort.started). Open offers stay answerable until their deadline. */
  async start(principal: AuthenticatedPrincipal, id: string, version: number): Promise<CohortDto> {
    return this.dataSource.transaction(async (tx) => {
      const cohort = assertCanManage(await this.cohorts.lockById(tx, id), principal, id);
      if (cohort.version !== version) throw versionConflict(version, cohort.version, cohort.state);
      if (cohort.state !== 'selecting') throw illegalTransition('start', cohort.state);
      const now = new Date();
      const accepted = await this.members.countInState(tx, cohort.id, 'accepted');
      const updated = await this.cohorts.update(tx, cohort.id, { state: 'in_progress', startedAt: now });
      await this.outbox.add(tx, {
        type: 'cohort.started',
        data: { ...(await cohortRef(tx, cohort)), members: accepted, startedAt: now.toISOString() },
      });
      return CohortDto.of(updated);
    });
  }

  /**
   * in_progress → graduated: every accepted member gets an outcome (graduated or not, with a note)
   * and a cohort.graduated event, which the applications service uses for the alumni fast track.
   */
  async graduate(principal: AuthenticatedPrincipal, id: string, dto: GraduateCohortDto): Promise<CohortDto> {
    return this.dataSource.transaction(async (tx) => {
      const cohort = assertCanManage(await this.cohorts.lockById(tx, id), principal, id);
      if (cohort.version !== dto.version) throw versionConflict(dto.version, cohort.version, cohort.state);
      if (cohort.state !== 'in_progress') throw illegalTransition('graduate', cohort.state);
      const accepted = await this.members.inState(tx, cohort.id, 'accepted');
      const outcomes = new Map(dto.outcomes.map((o) => [o.memberId, o]));
      const missing = accepted.filter((m) => !outcomes.has(m.id)).map((m) => m.id);
      const unknown = [...outcomes.keys()].filter((memberId) => !accepted.some((m) => m.id === memberId));
      if (missing.length || unknown.length || outcomes.size !== dto.outcomes.length) {
        throw new CohortError(CohortErrorCode.GraduationIncomplete, 'give exactly one outcome for every accepted member', {
          missingMemberIds: missing,
          unknownMemberIds: unknown,
          errors: dto.outcomes
            .map((o, i) => ({ field: `outcomes.${i}.memberId`, memberId: o.memberId }))
            .filter((o) => unknown.includes(o.memberId))
            .map(({ field, memberId }) => ({ field, message: `${memberId} is not an accepted member of this cohort` })),
        });
      }
      const now = new Date();
      const ref = await cohortRef(tx, cohort);
      const events: OutboxEvent<'cohort.graduated'>[] = [];
      for (const member of accepted) {
        const outcome = outcomes.get(member.id)!;
        const note = outcome.note ?? null;
        await this.members.update(tx, member.id, {
          state: outcome.graduated ? 'graduated' : 'not_graduated',
          graduationNote: note,
          graduatedAt: outcome.graduated ? now : null,
        });
        events.push({
          type: 'cohort.graduated',
          data: { ...memberRef(ref, member), graduated: outcome.graduated, note, hostOrgId: cohort.organiserOrganisationId },
        });
      }
      await this.outbox.addAll(tx, events);
      return CohortDto.of(await this.cohorts.update(tx, cohort.id, { state: 'graduated', graduatedAt: now }));
    });
  }
}
