import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Cohort } from '@exchange/data';
import { AuditLog, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import { assertCanManage, canRead } from '../cohorts/cohort-access';
import { CohortError, CohortErrorCode, cohortNotFound } from '../cohorts/cohorts.errors';
import { CohortsRepository } from '../cohorts/cohorts.repository';
import { localDate } from '../common/local-date';
import { MembersRepository } from '../members/members.repository';
import type {
  AddJurorDto,
  CreatePitchDayDto,
  CreatePitchSessionDto,
  CreatePitchSlotDto,
  PitchDayDto,
  PitchJurorDto,
  PitchResultDto,
  PitchScoreDto,
  PitchSessionDto,
  PitchSlotDto,
  RecusalDto,
  RecusalResultDto,
  SlotAttendanceDto,
  SubmitPitchScoreDto,
} from './dto/pitch-days.dto';
import { PitchDayError, PitchDayErrorCode, pitchDayNotFound, pitchDayNotOpen, sessionClosed } from './pitch-days.errors';
import { PitchDaysRepository, type PitchJurorRow, type PitchScoreRow, type PitchSessionRow, type PitchSlotRow } from './pitch-days.repository';
import { explainPitchResult } from './pitch-results.messages';
import { conflictOf, scoreProblems, weightedPitchScore, type CertificationIssuers, type ConflictSource } from './pitch-scoring';

const DEFAULT_PER_GROUP = 3;

/**
 * A cohort's selection run as a pitch day: its organiser's programme managers set up sessions (one
 * per pitch group), slots and juries while the cohort is planning; jurors (reviewers of the organising
 * organisation) score the pitches of their session until it closes, or recuse. Selection then ranks by
 * jury score (pitch-day-selection.ts). Every change locks the cohort row first, then the session, so
 * nothing changes under a selection commit and two changes of one session take turns; jurors lock the
 * session only.
 */
@Injectable()
export class PitchDaysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cohorts: CohortsRepository,
    private readonly members: MembersRepository,
    private readonly repository: PitchDaysRepository,
    private readonly audit: AuditLog,
  ) {}

  async create(principal: AuthenticatedPrincipal, cohortId: string, dto: CreatePitchDayDto): Promise<PitchDayDto> {
    return this.dataSource.transaction(async (tx) => {
      const cohort = assertCanManage(await this.cohorts.lockById(tx, cohortId), principal, cohortId);
      if (cohort.state !== 'planning') throw pitchDayNotOpen(cohort.state);
      if (await this.repository.pitchDayOfCohort(cohort.id, tx)) {
        throw new PitchDayError(PitchDayErrorCode.AlreadyExists, 'this cohort already runs its selection as a pitch day');
      }
      // The agreement is not checked here (this service knows no agreements): see CreatePitchDayDto.agreementId.
      await this.repository.insertPitchDay(tx, cohort.id, dto.perGroup ?? DEFAULT_PER_GROUP, dto.agreementId ?? null, principal.principalId);
      return this.pitchDayView(cohort.id, tx);
    });
  }

  async get(principal: AuthenticatedPrincipal, cohortId: string): Promise<PitchDayDto> {
    const cohort = await this.cohorts.findById(cohortId);
    if (!cohort || !canRead(cohort, principal)) throw cohortNotFound(cohortId);
    return this.pitchDayView(cohort.id);
  }

  /**
   * A startup's own result of the cohort's pitch day, once published: selected, waitlisted, or not
   * selected and why, with its jury score when it pitched, explained in `language`. Only the calling
   * startup's: any other startup, and a startup that was no candidate, get 404 (as for a cohort or
   * pitch day that does not exist); a candidate asking before the publication gets 409.
   */
  async result(principal: AuthenticatedPrincipal, cohortId: string, language: Language): Promise<PitchResultDto> {
    const startupId = principal.startupId;
    const cohort = await this.cohorts.findById(cohortId);
    const pitchDay = cohort && startupId ? await this.repository.pitchDayOfCohort(cohort.id) : null;
    if (!cohort || !pitchDay || !startupId) throw pitchDayNotFound('pitch_day', cohortId);
    if (pitchDay.state !== 'published' || !pitchDay.publishedAt) {
      const organisations = [cohort.organiserOrganisationId, ...cohort.partnerOrganisationIds];
      const candidate = (await this.members.candidatesForCohort(cohort.programmeId, organisations)).some((c) => c.startupId === startupId);
      if (!candidate) throw pitchDayNotFound('pitch_day', cohortId);
      throw new PitchDayError(PitchDayErrorCode.ResultsNotPublished, 'the pitch day’s results are not published yet: they are, once the cohort’s selection is committed', {
        currentState: pitchDay.state,
      });
    }
    const result = await this.repository.resultOf(pitchDay.id, startupId);
    if (!result) throw pitchDayNotFound('pitch_day', cohortId);
    const session = result.sessionId ? await this.repository.session(result.sessionId) : null;
    return {
      cohortId: cohort.id,
      pitchDayId: pitchDay.id,
      startupId,
      publishedAt: new Date(pitchDay.publishedAt).toISOString(),
      group: result.groupKey,
      outcome: result.outcome,
      reason: result.reason,
      pitched: result.reason !== 'did_not_pitch' && result.reason !== 'absent',
      pitchScore: result.pitchScore,
      maxScore: session?.maxScore ?? null,
      jurors: result.jurors,
      minJurors: session?.minJurors ?? null,
      rank: result.rank,
      waitlistPosition: result.waitlistPosition,
      explanation: explainPitchResult({ ...result, group: result.groupKey }, session, language),
    };
  }

  async createSession(principal: AuthenticatedPrincipal, cohortId: string, dto: CreatePitchSessionDto): Promise<PitchSessionDto> {
    const keys = dto.rubric.criteria.map((c) => c.key);
    const repeated = [...new Set(keys.filter((k, i) => keys.indexOf(k) !== i))];
    return this.dataSource.transaction(async (tx) => {
      const cohort = assertCanManage(await this.cohorts.lockById(tx, cohortId), principal, cohortId);
      if (cohort.state !== 'planning') throw pitchDayNotOpen(cohort.state);
      const pitchDay = await this.repository.pitchDayOfCohort(cohort.id, tx);
      if (!pitchDay) throw pitchDayNotFound('pitch_day', cohort.id);
      if (repeated.length > 0) {
        throw new PitchDayError(PitchDayErrorCode.InvalidRubric, `each criterion once: ${repeated.join(', ')} repeated`, {
          repeated,
          errors: keys.map((k, i) => ({ k, i })).filter(({ k, i }) => keys.indexOf(k) !== i).map(({ i }) => ({ field: `rubric.criteria.${i}.key`, message: 'repeats an earlier criterion' })),
        });
      }
      if (await this.repository.sessionOfGroup(tx, pitchDay.id, dto.pitchGroup)) {
        throw new PitchDayError(PitchDayErrorCode.DuplicateSession, `the pitch group ${dto.pitchGroup} already has a session`, { pitchGroup: dto.pitchGroup });
      }
      const id = await this.repository.insertSession(tx, {
        pitchDayId: pitchDay.id,
        pitchGroup: dto.pitchGroup,
        name: dto.name,
        day: dto.day,
        timeZone: dto.timeZone,
        criteria: dto.rubric.criteria.map((c) => ({ key: c.key, label: c.label, weight: c.weight })),
        maxScore: dto.rubric.maxScore,
        minJurors: dto.minJurors,
      });
      return this.sessionView((await this.repository.session(id, tx))!, tx);
    });
  }

  /** A session as its organiser's and partners' staff see it, or as one of its jurors (404 for everyone else). */
  async getSession(principal: AuthenticatedPrincipal, sessionId: string): Promise<PitchSessionDto> {
    const session = await this.repository.session(sessionId);
    if (!session) throw pitchDayNotFound('session', sessionId);
    if (principal.role === 'reviewer') {
      if (!(await this.repository.juror(session.id, principal.principalId))) throw pitchDayNotFound('session', sessionId);
    } else {
      const cohort = await this.cohorts.findById(session.cohortId);
      if (!cohort || !canRead(cohort, principal)) throw pitchDayNotFound('session', sessionId);
    }
    return this.sessionView(session);
  }

  async addSlot(principal: AuthenticatedPrincipal, sessionId: string, dto: CreatePitchSlotDto): Promise<PitchSlotDto> {
    return this.dataSource.transaction(async (tx) => {
      const { cohort, session } = await this.managedOpenSession(tx, principal, sessionId);
      const startsAt = new Date(dto.startsAt);
      const endsAt = new Date(startsAt.getTime() + dto.minutes * 60_000);
      // The end is exclusive: a slot ending at midnight still lies on its day.
      if (localDate(startsAt, session.timeZone) !== session.day || localDate(new Date(endsAt.getTime() - 1), session.timeZone) !== session.day) {
        throw new PitchDayError(PitchDayErrorCode.SlotOutsideDay, `the slot must start and end on the session's day, ${session.day} in ${session.timeZone}`, {
          day: session.day,
          timeZone: session.timeZone,
          errors: [{ field: 'startsAt', message: `must start and end on ${session.day} in ${session.timeZone}` }],
        });
      }
      const organisations = [cohort.organiserOrganisationId, ...cohort.partnerOrganisationIds];
      const candidate = (await this.members.candidatesForCohort(cohort.programmeId, organisations, tx)).find((c) => c.startupId === dto.startupId);
      if (!candidate || candidate.pitchGroup !== session.pitchGroup) {
        throw new PitchDayError(PitchDayErrorCode.NotInGroup, `${dto.startupId} is not a candidate of this cohort in pitch group ${session.pitchGroup}`, {
          startupId: dto.startupId,
          pitchGroup: session.pitchGroup,
          errors: [{ field: 'startupId', message: `must be a candidate of this cohort in pitch group ${session.pitchGroup}` }],
        });
      }
      if (await this.repository.startupBusy(tx, dto.startupId, startsAt, endsAt)) {
        throw new PitchDayError(PitchDayErrorCode.StartupDoubleBooked, `startup ${dto.startupId} already pitches at that time`, { startupId: dto.startupId, rule: 'overlap' });
      }
      if (await this.repository.slotOfStartup(tx, session.pitchDayId, dto.startupId)) {
        throw new PitchDayError(PitchDayErrorCode.StartupDoubleBooked, `startup ${dto.startupId} already has a slot on this pitch day`, {
          startupId: dto.startupId,
          rule: 'one_slot_per_pitch_day',
        });
      }
      const busyStage = await this.repository.overlappingInSession(tx, session.id, startsAt, endsAt);
      if (busyStage) throw new PitchDayError(PitchDayErrorCode.SlotOverlap, `the session already has a pitch at that time (slot ${busyStage})`, { slotId: busyStage });
      const id = await this.repository.insertSlot(tx, { sessionId: session.id, pitchDayId: session.pitchDayId, startupId: dto.startupId, candidateId: candidate.candidateId, startsAt, endsAt });
      return this.slotView(session, (await this.repository.slot(session.id, id, tx))!);
    });
  }

  async setAttendance(principal: AuthenticatedPrincipal, sessionId: string, slotId: string, dto: SlotAttendanceDto): Promise<PitchSlotDto> {
    return this.dataSource.transaction(async (tx) => {
      const { session } = await this.managedOpenSession(tx, principal, sessionId);
      const slot = await this.repository.slot(session.id, slotId, tx);
      if (!slot) throw pitchDayNotFound('slot', slotId);
      const attendance = dto.absent ? 'absent' : 'expected';
      await this.repository.setAttendance(tx, slot.id, attendance);
      await this.audit.record(tx, {
        actor: principal,
        action: 'pitch_slot.set_attendance',
        entityType: 'pitch_slot',
        entityId: slot.id,
        before: { attendance: slot.attendance },
        after: { attendance },
      });
      return this.slotView(session, { ...slot, attendance });
    });
  }

  async addJuror(principal: AuthenticatedPrincipal, sessionId: string, dto: AddJurorDto): Promise<PitchJurorDto> {
    return this.dataSource.transaction(async (tx) => {
      const { cohort, session } = await this.managedOpenSession(tx, principal, sessionId);
      if (!(await this.repository.isActiveReviewer(tx, dto.principalId, cohort.organiserOrganisationId))) {
        throw new PitchDayError(PitchDayErrorCode.NotAReviewer, `${dto.principalId} is not an active reviewer of the organising organisation`, {
          principalId: dto.principalId,
          errors: [{ field: 'principalId', message: 'must be an active reviewer of the organising organisation' }],
        });
      }
      const existing = await this.repository.juror(session.id, dto.principalId, tx);
      if (existing) {
        // A recused juror stays off the jury: its replacement is someone else.
        throw new PitchDayError(PitchDayErrorCode.AlreadyJuror, `${dto.principalId} is already on this jury (${existing.state})`, {
          principalId: dto.principalId,
          currentState: existing.state,
        });
      }
      const juror = await this.repository.insertJuror(tx, session.id, dto.principalId, principal.principalId);
      await this.audit.record(tx, { actor: principal, action: 'pitch_session.add_juror', entityType: 'pitch_session', entityId: session.id, after: { principalId: dto.principalId } });
      // The new juror's conflicts with the session's startups (its organisation's certifications), shown at once.
      return (await this.jurorViews(session, [juror], tx))[0];
    });
  }

  /** Closes a session: its slots, jury and scores become final (selection by pitch day commits only then). */
  async closeSession(principal: AuthenticatedPrincipal, sessionId: string): Promise<PitchSessionDto> {
    return this.dataSource.transaction(async (tx) => {
      const { session } = await this.managedOpenSession(tx, principal, sessionId);
      await this.repository.closeSession(tx, session.id);
      await this.audit.record(tx, { actor: principal, action: 'pitch_session.close', entityType: 'pitch_session', entityId: session.id, before: { state: 'open' }, after: { state: 'closed' } });
      return this.sessionView((await this.repository.session(session.id, tx))!, tx);
    });
  }

  /** A juror's scores of one pitch; submitting again replaces them while the session is open. */
  async score(principal: AuthenticatedPrincipal, sessionId: string, slotId: string, dto: SubmitPitchScoreDto): Promise<PitchScoreDto> {
    return this.dataSource.transaction(async (tx) => {
      const { session, juror } = await this.jurorOfOpenSession(tx, principal, sessionId);
      const slot = await this.repository.slot(session.id, slotId, tx);
      if (!slot) throw pitchDayNotFound('slot', slotId);
      if (juror.state === 'recused') throw recused('session');
      if (slot.attendance === 'absent') throw new PitchDayError(PitchDayErrorCode.SlotAbsent, 'the startup did not pitch (marked absent): there is nothing to score', { currentState: 'absent' });
      if (await this.repository.hasConflict(tx, juror.id, slot.startupId)) throw recused('startup');
      const issuers = await this.repository.certificationIssuers([slot.startupId], tx);
      if (conflictOf({ conflictedStartupIds: new Set(), organisationId: juror.organisationId }, slot.startupId, issuers) === 'certification_issuer') {
        throw new PitchDayError(
          PitchDayErrorCode.JurorConflicted,
          'your organisation issued one of this startup’s certifications: a conflict of interest, as in reviews, so you do not score its pitch',
          { startupId: slot.startupId, rule: 'certification_issuer' },
        );
      }
      const scores = dto.scores.map((s) => ({ criterion: s.criterion, score: s.score }));
      const problems = scoreProblems(session.criteria, session.maxScore, scores);
      if (problems) {
        const fieldOf = (criterion: string, part: 'criterion' | 'score') => `scores.${scores.findIndex((s) => s.criterion === criterion)}.${part}`;
        throw new PitchDayError(PitchDayErrorCode.InvalidScores, `score every criterion of the rubric once, from 0 to ${session.maxScore} in whole or half points`, {
          maxScore: session.maxScore,
          ...problems,
          errors: [
            ...problems.unknown.map((c) => ({ field: fieldOf(c, 'criterion'), message: `${c} is not a criterion of the rubric` })),
            ...problems.repeated.map((c) => ({ field: fieldOf(c, 'criterion'), message: `${c} is scored more than once` })),
            ...problems.outOfRange.map((c) => ({ field: fieldOf(c, 'score'), message: `must be between 0 and ${session.maxScore}` })),
            ...problems.notHalfPoints.map((c) => ({ field: fieldOf(c, 'score'), message: 'must be a whole or half point' })),
            ...problems.missing.map((c) => ({ field: 'scores', message: `${c} is not scored` })),
          ],
        });
      }
      const row = await this.repository.upsertScore(tx, {
        slotId: slot.id,
        jurorId: juror.id,
        scores,
        weightedScore: weightedPitchScore(session.criteria, scores),
        comment: dto.comment ?? null,
      });
      return scoreView(row);
    });
  }

  /**
   * A juror steps back: from one startup (a declared conflict of interest: its score of that pitch
   * stops counting) or from the whole session (all its scores stop counting). The manager may then add
   * a replacement; pitches left with fewer counted scores than the quorum are not scored.
   */
  async recuse(principal: AuthenticatedPrincipal, sessionId: string, dto: RecusalDto): Promise<RecusalResultDto> {
    return this.dataSource.transaction(async (tx) => {
      const { session, juror } = await this.jurorOfOpenSession(tx, principal, sessionId);
      if (juror.state === 'recused') throw recused('session');
      if (dto.startupId) {
        const slots = await this.repository.slotsOf([session.id], tx);
        if (!slots.some((s) => s.startupId === dto.startupId)) {
          throw new PitchDayError(PitchDayErrorCode.NotInSession, `startup ${dto.startupId} does not pitch in this session`, {
            startupId: dto.startupId,
            errors: [{ field: 'startupId', message: 'must be a startup with a slot in this session' }],
          });
        }
        await this.repository.declareConflict(tx, juror.id, dto.startupId, dto.reason);
      } else {
        await this.repository.recuse(tx, juror.id, dto.reason);
      }
      const scope = dto.startupId ? 'startup' : 'session';
      await this.audit.record(tx, {
        actor: principal,
        action: scope === 'startup' ? 'pitch_session.declare_conflict' : 'pitch_session.recuse',
        entityType: 'pitch_session',
        entityId: session.id,
        after: { jurorId: juror.id, startupId: dto.startupId ?? null, reason: dto.reason },
      });
      const activeJurors = (await this.repository.jurorsOf([session.id], tx)).filter((j) => j.state === 'active').length;
      return { jurorId: juror.id, scope, startupId: dto.startupId ?? null, activeJurors, minJurors: session.minJurors };
    });
  }

  /** The session locked for a change by the organiser's programme manager, while cohort and session are open. */
  private async managedOpenSession(tx: EntityManager, principal: AuthenticatedPrincipal, sessionId: string): Promise<{ cohort: Cohort; session: PitchSessionRow }> {
    const found = await this.repository.session(sessionId, tx);
    if (!found) throw pitchDayNotFound('session', sessionId);
    const cohort = await this.cohorts.lockById(tx, found.cohortId);
    if (!cohort || !canRead(cohort, principal)) throw pitchDayNotFound('session', sessionId);
    if (principal.role !== 'programme_manager' || cohort.organiserOrganisationId !== principal.organisationId) {
      throw new CohortError(CohortErrorCode.ReadOnly, 'only programme managers of the organising organisation change a cohort');
    }
    if (cohort.state !== 'planning') throw pitchDayNotOpen(cohort.state);
    const session = (await this.repository.session(sessionId, tx, true))!;
    if (session.state !== 'open') throw sessionClosed();
    return { cohort, session };
  }

  /** The caller's juror row of the session, locked with the session; anyone not on the jury gets 404. */
  private async jurorOfOpenSession(tx: EntityManager, principal: AuthenticatedPrincipal, sessionId: string): Promise<{ session: PitchSessionRow; juror: PitchJurorRow }> {
    const session = await this.repository.session(sessionId, tx, true);
    const juror = session ? await this.repository.juror(session.id, principal.principalId, tx) : null;
    if (!session || !juror) throw pitchDayNotFound('session', sessionId);
    const cohort = (await this.cohorts.findById(session.cohortId, tx))!;
    if (cohort.state !== 'planning') throw pitchDayNotOpen(cohort.state);
    if (session.state !== 'open') throw sessionClosed();
    return { session, juror };
  }

  private async pitchDayView(cohortId: string, tx?: EntityManager): Promise<PitchDayDto> {
    const pitchDay = await this.repository.pitchDayOfCohort(cohortId, tx);
    if (!pitchDay) throw pitchDayNotFound('pitch_day', cohortId);
    const sessions = await this.repository.sessionsOf(pitchDay.id, tx);
    return {
      id: pitchDay.id,
      cohortId: pitchDay.cohortId,
      perGroup: pitchDay.perGroup,
      state: pitchDay.state,
      publishedAt: pitchDay.publishedAt ? new Date(pitchDay.publishedAt).toISOString() : null,
      agreementId: pitchDay.agreementId,
      sessions: sessions.map((s) => ({ id: s.id, pitchGroup: s.pitchGroup, name: s.name, day: s.day, timeZone: s.timeZone, state: s.state })),
    };
  }

  /** Jurors with their conflicts among the session's startups: declared, or by a certification their organisation issued. */
  private async jurorViews(session: PitchSessionRow, jurors: PitchJurorRow[], tx?: EntityManager, slots?: PitchSlotRow[]): Promise<PitchJurorDto[]> {
    const startupIds = [...new Set((slots ?? (await this.repository.slotsOf([session.id], tx))).map((s) => s.startupId))].sort();
    const issuers: CertificationIssuers = await this.repository.certificationIssuers(startupIds, tx);
    const declared = new Map<string, Set<string>>();
    for (const c of await this.repository.conflictsOf(jurors.map((j) => j.id), tx)) declared.set(c.jurorId, new Set([...(declared.get(c.jurorId) ?? []), c.startupId]));
    return jurors.map((j) => {
      const tally = { conflictedStartupIds: declared.get(j.id) ?? new Set<string>(), organisationId: j.organisationId };
      const conflicts = startupIds.flatMap((startupId) => {
        const source: ConflictSource | null = conflictOf(tally, startupId, issuers);
        return source ? [{ startupId, source }] : [];
      });
      return { ...jurorView(j), conflicts };
    });
  }

  private async sessionView(session: PitchSessionRow, tx?: EntityManager): Promise<PitchSessionDto> {
    const slots = await this.repository.slotsOf([session.id], tx);
    const jurors = await this.jurorViews(session, await this.repository.jurorsOf([session.id], tx), tx, slots);
    return {
      id: session.id,
      pitchDayId: session.pitchDayId,
      cohortId: session.cohortId,
      pitchGroup: session.pitchGroup,
      name: session.name,
      day: session.day,
      timeZone: session.timeZone,
      criteria: session.criteria,
      maxScore: session.maxScore,
      minJurors: session.minJurors,
      state: session.state,
      slots: slots.map((s) => this.slotView(session, s)),
      jurors,
    };
  }

  private slotView(session: PitchSessionRow, slot: PitchSlotRow): PitchSlotDto {
    const startsAt = new Date(slot.startsAt);
    return {
      id: slot.id,
      startupId: slot.startupId,
      startupName: slot.startupName,
      startupNameLatin: slot.startupNameLatin,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(slot.endsAt).toISOString(),
      localStartTime: new Intl.DateTimeFormat('en-GB', { timeZone: session.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(startsAt),
      attendance: slot.attendance,
    };
  }
}

const recused = (scope: 'session' | 'startup') =>
  new PitchDayError(PitchDayErrorCode.JurorRecused, scope === 'session' ? 'you recused from this session' : 'you declared a conflict of interest with this startup', {
    scope,
  });

function jurorView(j: PitchJurorRow): Omit<PitchJurorDto, 'conflicts'> {
  return { id: j.id, principalId: j.principalId, state: j.state, recusalReason: j.recusalReason };
}

function scoreView(s: PitchScoreRow): PitchScoreDto {
  return { slotId: s.slotId, jurorId: s.jurorId, scores: s.scores, weightedScore: s.weightedScore, comment: s.comment, updatedAt: new Date(s.updatedAt).toISOString() };
}
