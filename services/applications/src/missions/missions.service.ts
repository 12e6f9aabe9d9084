import { Injectable } from '@nestjs/common';
import type { Mission, MissionMeeting, MissionParticipant } from '@exchange/data';
import type { MissionRef } from '@exchange/contracts';
import { OutboxWriter } from '@exchange/messaging';
import { Clock, ValidationProblemException, type AuthenticatedPrincipal, type Language, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository';
import { ProgrammesRepository } from '../programmes/programmes.repository';
import { isUniqueViolation } from '../startups/startups.repository';
import {
  MAX_PARTICIPANTS,
  type AddParticipantDto,
  type CreateMissionDto,
  type ListMeetingsQuery,
  type ListMissionsQuery,
  type MeetingResponse,
  type MissionResponse,
  type ParticipantResponse,
  type ProposalsResponse,
  type RecordOutcomeDto,
  type ScheduleResponse,
} from './dto/mission.dto';
import { DEFAULT_MEETINGS_PER_COMPANY, proposeMeetings } from './matchmaking';
import { scheduleMeetings } from './meeting-scheduler';
import { availabilityMask, minutesOf, missionSlots, slotsPerDay } from './mission-slots';
import { meetingView, missionView, participantView } from './mission-views';
import { MissionError, MissionErrorCode } from './missions.errors';
import { MissionsRepository, type MissionViewer } from './missions.repository';

/** What the scheduler promises, as the schedule answer states it (proof in meeting-scheduler.ts). */
export const SCHEDULE_GUARANTEE =
  'Maximal: every unplaced meeting conflicts, in each slot both its companies can meet in, with a meeting of one of them or a full set of rooms; hence at least a third of the most meetings any schedule could place.';

/** How the caller stands to a mission. */
interface MissionAccess {
  mission: Mission;
  /** The organiser's admins and programme managers: they run it. */
  manages: boolean;
  /** The organiser's and the partners' people: they see every meeting. */
  staff: boolean;
  /** The caller's own company in the mission, if it takes part. */
  participant: MissionParticipant | null;
}

// A host organisation's coordinators (`host`) meet for it like its managers do.
const STAFF_ROLES = new Set(['admin', 'programme_manager', 'partner_agency', 'host']);

/**
 * Business missions (issue 18, part 2). The routes admit roles; this service admits the people of
 * the organiser, of its partners and of the taking-part companies (and the startups themselves). To
 * anyone else a mission does not exist (404); an insider who may not do a thing gets its 403.
 */
@Injectable()
export class MissionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: MissionsRepository,
    private readonly programmes: ProgrammesRepository,
    private readonly applications: ApplicationsRepository,
    private readonly outbox: OutboxWriter,
    private readonly clock: Clock,
  ) {}

  /** The caller's organisation runs the new mission; it starts as a draft. */
  async create(principal: AuthenticatedPrincipal, dto: CreateMissionDto): Promise<MissionResponse> {
    const organiser = principal.organisationId;
    if (!organiser) throw notFound('-');
    const partners = [...new Set(dto.partnerOrganisationIds ?? [])];
    const known = await this.repository.existingOrganisations(partners);
    const unknown = partners.find((id) => id === organiser || !known.has(id));
    if (unknown) {
      throw new MissionError(MissionErrorCode.UnknownOrganisation, `Unknown partner organisation ${unknown}`, {
        organisationId: unknown,
        errors: [{ field: 'partnerOrganisationIds', message: `no organisation ${unknown} other than the organiser` }],
      });
    }
    const agreementId = dto.agreementId ? await this.agreementUnder(organiser, dto.agreementId) : null;
    const days = [...new Set(dto.days)].sort();
    const rooms = dto.rooms.map((r) => r.trim());
    if (days.length !== dto.days.length) throw invalidCalendar('days', 'each day appears once');
    if (new Set(rooms).size !== rooms.length) throw invalidCalendar('rooms', 'each room name appears once');
    if (slotsPerDay(dto) < 1) throw invalidCalendar('dayEndsAt', 'the meeting hours must hold at least one slot');
    const mission = await this.dataSource.transaction((tx) =>
      this.repository.insertMission(tx, {
        organiserOrganisationId: organiser,
        partnerOrganisationIds: partners,
        agreementId,
        title: dto.title.trim(),
        hostCity: dto.hostCity.trim(),
        country: dto.country,
        timeZone: dto.timeZone,
        days,
        dayStartsAt: dto.dayStartsAt,
        dayEndsAt: dto.dayEndsAt,
        slotMinutes: dto.slotMinutes,
        rooms,
        meetingsPerCompany: dto.meetingsPerCompany ?? DEFAULT_MEETINGS_PER_COMPANY,
        state: 'draft',
        createdBy: principal.principalId,
      }),
    );
    return missionView(mission);
  }

  /**
   * The agreement a new mission runs under: one the organiser is a party to (any other, known or not,
   * gets the same 422), still active. Its id is kept as stored (lower case).
   */
  private async agreementUnder(organiser: string, agreementId: string): Promise<string> {
    const agreement = await this.repository.agreementOf(agreementId.toLowerCase());
    if (!agreement || (agreement.partyAOrganisationId !== organiser && agreement.partyBOrganisationId !== organiser)) {
      throw new MissionError(MissionErrorCode.UnknownAgreement, `No agreement ${agreementId} of the organiser`, {
        agreementId,
        errors: [{ field: 'agreementId', message: `no agreement ${agreementId} your organisation is a party to` }],
      });
    }
    if (agreement.state !== 'active') {
      throw new MissionError(MissionErrorCode.AgreementEnded, `Agreement ${agreementId} has ended`, {
        agreementId,
        errors: [{ field: 'agreementId', message: 'the agreement has ended' }],
      });
    }
    return agreementId.toLowerCase();
  }

  list(principal: AuthenticatedPrincipal, query: ListMissionsQuery): Promise<Page<MissionResponse>> {
    return this.repository.listMissions(viewerOf(principal), { state: query.state }, query, missionView);
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<MissionResponse> {
    return missionView((await this.access(principal, id)).mission);
  }

  /** The organiser adds a company, on one side, while the schedule is not published. */
  async addParticipant(principal: AuthenticatedPrincipal, id: string, dto: AddParticipantDto): Promise<ParticipantResponse> {
    if ((dto.organisationId === undefined) === (dto.startupId === undefined)) {
      throw new ValidationProblemException([{ field: 'organisationId', message: 'give exactly one of organisationId and startupId' }]);
    }
    return this.dataSource.transaction(async (tx) => {
      const { mission } = await this.managed(principal, id, tx);
      if (mission.state === 'scheduled') throw illegalState(mission);
      const company = dto.organisationId ? await this.repository.organisationFacts(dto.organisationId, tx) : await this.repository.startupFacts(dto.startupId!, tx);
      if (!company && dto.organisationId) {
        throw new MissionError(MissionErrorCode.UnknownOrganisation, `Unknown organisation ${dto.organisationId}`, {
          organisationId: dto.organisationId,
          errors: [{ field: 'organisationId', message: `no organisation ${dto.organisationId}` }],
        });
      }
      if (!company) {
        throw new MissionError(MissionErrorCode.UnknownStartup, `Unknown startup ${dto.startupId}`, {
          startupId: dto.startupId,
          errors: [{ field: 'startupId', message: `no startup ${dto.startupId}` }],
        });
      }
      for (const range of dto.availability ?? []) {
        if (!mission.days.includes(range.day) || minutesOf(range.to) <= minutesOf(range.from)) {
          throw new MissionError(MissionErrorCode.InvalidAvailability, `Availability on ${range.day} ${range.from}–${range.to} is not usable`, {
            day: range.day,
            errors: [{ field: 'availability', message: 'each range is on a day of the mission and ends after it starts' }],
          });
        }
      }
      if ((await this.repository.countParticipants(mission.id, tx)) >= MAX_PARTICIPANTS) {
        throw new MissionError(MissionErrorCode.TooManyParticipants, `A mission takes at most ${MAX_PARTICIPANTS} companies`, { max: MAX_PARTICIPANTS });
      }
      const lower = (tags: readonly string[]) => [...new Set(tags.map((t) => t.toLowerCase()))];
      try {
        const participant = await this.repository.insertParticipant(tx, {
          missionId: mission.id,
          side: dto.side,
          organisationId: dto.organisationId ?? null,
          startupId: dto.startupId ?? null,
          name: company.name,
          fields: lower(dto.fields ?? company.fields),
          offers: lower(dto.offers ?? []),
          seeks: lower(dto.seeks ?? []),
          languages: lower(dto.languages ?? company.languages),
          availability: dto.availability ? dto.availability.map((r) => ({ day: r.day, from: r.from, to: r.to })) : null,
        });
        return participantView(participant);
      } catch (err) {
        if (isUniqueViolation(err, 'mission_participants_organisation_uq') || isUniqueViolation(err, 'mission_participants_startup_uq')) {
          throw new MissionError(MissionErrorCode.AlreadyParticipant, 'This company already takes part in the mission');
        }
        throw err;
      }
    });
  }

  async participants(principal: AuthenticatedPrincipal, id: string, query: { cursor?: string; limit?: number }): Promise<Page<ParticipantResponse>> {
    const { mission } = await this.access(principal, id);
    return this.repository.participantsPage(mission.id, query, participantView);
  }

  /** Opens a draft mission to matchmaking and answers; partners are told. */
  async publish(principal: AuthenticatedPrincipal, id: string): Promise<MissionResponse> {
    return this.dataSource.transaction(async (tx) => {
      const { mission } = await this.managed(principal, id, tx);
      if (mission.state !== 'draft') throw illegalState(mission);
      const now = this.clock.now();
      mission.state = 'published';
      mission.publishedAt = now;
      const saved = await this.repository.saveMission(tx, mission);
      await this.outbox.add(tx, {
        type: 'mission.published',
        data: {
          mission: missionRef(saved),
          title: saved.title,
          hostCity: saved.hostCity,
          country: saved.country,
          timeZone: saved.timeZone,
          days: saved.days,
          participants: await this.repository.countParticipants(saved.id, tx),
          publishedAt: now.toISOString(),
        },
      });
      return missionView(saved);
    });
  }

  /**
   * Runs matchmaking over the companies; pairs proposed before keep their answers and are not proposed
   * again. A company's proposals not declined count against the mission's `meetingsPerCompany`, so a
   * new run (after companies joined, or declined) never takes a company past it. The mission row is
   * locked, so two runs at once count the same way.
   */
  async propose(principal: AuthenticatedPrincipal, id: string): Promise<ProposalsResponse> {
    return this.dataSource.transaction(async (tx) => {
      const { mission } = await this.managed(principal, id, tx);
      if (mission.state === 'scheduled') throw illegalState(mission);
      const participants = await this.repository.allParticipants(mission.id, tx);
      const proposals = proposeMeetings(
        participants.map((p) => ({ id: p.id, side: p.side, fields: p.fields, offers: p.offers, seeks: p.seeks, languages: p.languages })),
        { perCompany: mission.meetingsPerCompany, existing: await this.repository.meetingPairs(mission.id, tx) },
      );
      const proposed = await this.repository.insertProposals(
        tx,
        mission.id,
        proposals.map((p) => ({ delegationParticipantId: p.delegationId, localParticipantId: p.localId, score: p.score, components: p.components })),
      );
      return { proposed, total: await this.repository.countMeetings(mission.id, tx) };
    });
  }

  /** Every meeting for the organiser and partners; its own for a company taking part. */
  async meetings(principal: AuthenticatedPrincipal, id: string, query: ListMeetingsQuery, language: Language, placed = false): Promise<Page<MeetingResponse>> {
    const access = await this.access(principal, id);
    const participantId = access.staff ? undefined : access.participant!.id;
    const page = await this.repository.meetingsPage(access.mission.id, { participantId, state: query.state, placed }, query, (m) => m);
    const companies = await this.companiesOf(page.items);
    return { items: page.items.map((m) => meetingView(access.mission, m, companies, language)), nextCursor: page.nextCursor };
  }

  /** A company's answer to a proposed meeting, while the mission is open; it may change its mind until the schedule. */
  async answer(principal: AuthenticatedPrincipal, id: string, meetingId: string, answer: 'accepted' | 'declined', language: Language): Promise<MeetingResponse> {
    return this.dataSource.transaction(async (tx) => {
      const access = await this.access(principal, id, tx);
      const meeting = await this.visibleMeeting(access, meetingId, tx);
      const side = sideOf(access, meeting);
      if (!side) throw new MissionError(MissionErrorCode.NotASide, "Only the meeting's own companies answer it");
      if (access.mission.state !== 'published') throw illegalState(access.mission);
      if (side === 'delegation') meeting.delegationAnswer = answer;
      else meeting.localAnswer = answer;
      const saved = await this.repository.saveMeeting(tx, meeting);
      return meetingView(access.mission, saved, await this.companiesOf([saved], tx), language);
    });
  }

  /**
   * Places the meetings both sides accepted into the mission's slots and rooms (meeting-scheduler.ts)
   * and publishes the schedule: companies then see their agendas and the answers are closed.
   */
  async schedule(principal: AuthenticatedPrincipal, id: string): Promise<ScheduleResponse> {
    return this.dataSource.transaction(async (tx) => {
      const { mission } = await this.managed(principal, id, tx);
      if (mission.state !== 'published') throw illegalState(mission);
      const accepted = await this.repository.acceptedMeetings(mission.id, tx);
      const participants = await this.repository.allParticipants(mission.id, tx);
      const slots = missionSlots(mission);
      const companyIndex = new Map(participants.map((p, i) => [p.id, i]));
      const schedule = scheduleMeetings({
        slotCount: slots.length,
        roomCount: mission.rooms.length,
        companyCount: participants.length,
        availability: participants.map((p) => availabilityMask(slots, p.availability)),
        meetings: accepted.map((m) => ({ a: companyIndex.get(m.delegationParticipantId)!, b: companyIndex.get(m.localParticipantId)! })),
      });
      const placements = accepted.flatMap((m, i) => {
        const slot = schedule.slotOf[i];
        if (slot < 0) return [];
        return [{ id: m.id, slotIndex: slot, room: mission.rooms[schedule.roomOf[i]], startsAt: slots[slot].startsAt, endsAt: slots[slot].endsAt }];
      });
      await this.repository.storePlacements(tx, placements);
      const now = this.clock.now();
      mission.state = 'scheduled';
      mission.scheduledAt = now;
      await this.repository.saveMission(tx, mission);
      await this.outbox.add(tx, {
        type: 'mission.schedule_published',
        data: { mission: missionRef(mission), requested: accepted.length, placed: schedule.placed, unplaced: accepted.length - schedule.placed, scheduledAt: now.toISOString() },
      });
      return {
        requested: accepted.length,
        placed: schedule.placed,
        unplacedMeetingIds: accepted.filter((_, i) => schedule.slotOf[i] < 0).map((m) => m.id),
        guarantee: SCHEDULE_GUARANTEE,
      };
    });
  }

  /**
   * What came of a meeting that took place: recorded once, by one of its companies or the organiser.
   * `pilot_proposed` may open a draft application of the meeting's startup to a published pilot
   * programme, in the same transaction, as the startup's own draft would be (the startup then fills
   * it in and submits it through the applications API).
   */
  async recordOutcome(principal: AuthenticatedPrincipal, id: string, meetingId: string, dto: RecordOutcomeDto, language: Language): Promise<MeetingResponse> {
    return this.dataSource.transaction(async (tx) => {
      const access = await this.access(principal, id, tx);
      const meeting = await this.visibleMeeting(access, meetingId, tx);
      if (!access.manages && !sideOf(access, meeting)) throw new MissionError(MissionErrorCode.NotASide, "Only the meeting's companies and the organiser record its outcome");
      const { mission } = access;
      if (mission.state !== 'scheduled') throw illegalState(mission);
      if (meeting.slotIndex === null || !meeting.startsAt) throw new MissionError(MissionErrorCode.MeetingNotPlaced, 'The meeting has no place in the schedule');
      const now = this.clock.now();
      if (meeting.startsAt.getTime() > now.getTime()) {
        throw new MissionError(MissionErrorCode.MeetingNotHeld, `The meeting starts at ${meeting.startsAt.toISOString()}`, { startsAt: meeting.startsAt.toISOString() });
      }
      if (meeting.outcome) throw new MissionError(MissionErrorCode.OutcomeRecorded, `The outcome is already recorded (${meeting.outcome})`, { outcome: meeting.outcome });
      const companies = await this.companiesOf([meeting], tx);
      const pilotApplication = dto.pilotApplication ? await this.openPilotApplication(tx, principal, meeting, companies, dto) : null;
      meeting.outcome = dto.outcome;
      meeting.outcomeNote = dto.note?.trim() || null;
      meeting.outcomeRecordedAt = now;
      meeting.outcomeRecordedBy = principal.principalId;
      meeting.pilotApplicationId = pilotApplication?.applicationId ?? null;
      const saved = await this.repository.saveMeeting(tx, meeting);
      const company = (participantId: string) => {
        const p = companies.get(participantId)!;
        return { participantId: p.id, organisationId: p.organisationId, startupId: p.startupId };
      };
      await this.outbox.add(tx, {
        type: 'mission.meeting_outcome_recorded',
        data: {
          mission: missionRef(mission),
          meetingId: saved.id,
          delegation: company(saved.delegationParticipantId),
          local: company(saved.localParticipantId),
          outcome: dto.outcome,
          note: saved.outcomeNote,
          pilotApplication,
          recordedAt: now.toISOString(),
        },
      });
      return meetingView(mission, saved, companies, language);
    });
  }

  private async openPilotApplication(
    tx: EntityManager,
    principal: AuthenticatedPrincipal,
    meeting: MissionMeeting,
    companies: Map<string, MissionParticipant>,
    dto: RecordOutcomeDto,
  ): Promise<{ applicationId: string; programmeId: string }> {
    const { programmeId, startupId } = dto.pilotApplication!;
    const invalid = (field: string, message: string) =>
      new MissionError(MissionErrorCode.InvalidPilotApplication, `Cannot open a pilot application: ${message}`, { errors: [{ field, message }] });
    if (dto.outcome !== 'pilot_proposed') throw invalid('pilotApplication', 'only the pilot_proposed outcome opens an application');
    const sides = [companies.get(meeting.delegationParticipantId), companies.get(meeting.localParticipantId)];
    if (!sides.some((p) => p?.startupId === startupId)) throw invalid('pilotApplication.startupId', 'must be a startup of this meeting');
    const programme = await this.programmes.findById(programmeId, tx);
    if (!programme || programme.kind !== 'pilot' || programme.state !== 'published') throw invalid('pilotApplication.programmeId', 'must be a published pilot programme');
    try {
      // As the applications module creates a startup's draft: the application and its first status change.
      const application = await this.applications.insert(tx, { programmeId, startupId, answers: {}, state: 'draft' });
      await this.applications.recordTransition(tx, {
        applicationId: application.id,
        fromState: null,
        toState: 'draft',
        reason: null,
        reasonCode: 'mission_pilot_proposed',
        actorPrincipalId: principal.principalId,
      });
      return { applicationId: application.id, programmeId };
    } catch (err) {
      if (isUniqueViolation(err, 'applications_active_uq')) throw new MissionError(MissionErrorCode.AlreadyApplied, 'The startup already has an application to this programme');
      throw err;
    }
  }

  /** The mission as the caller may see it, or the 404 of an unknown id. */
  private async access(principal: AuthenticatedPrincipal, id: string, tx?: EntityManager, lock = false): Promise<MissionAccess> {
    const mission = await this.repository.findMission(id, tx, lock);
    if (!mission) throw notFound(id);
    const org = principal.organisationId;
    const person = org !== null && STAFF_ROLES.has(principal.role);
    const organiser = person && mission.organiserOrganisationId === org;
    const staff = organiser || (person && mission.partnerOrganisationIds.includes(org));
    // A company acts through its organisation's people (as staff roles) or as the startup itself.
    const participant = person || principal.role === 'startup' ? await this.repository.participantOf(mission.id, viewerOf(principal), tx) : null;
    if (!staff && !participant) throw notFound(id);
    return { mission, manages: organiser && principal.role !== 'partner_agency', staff, participant };
  }

  /** For the organiser's actions: an insider who may not gets 403, anyone else 404. */
  private async managed(principal: AuthenticatedPrincipal, id: string, tx: EntityManager): Promise<MissionAccess> {
    const access = await this.access(principal, id, tx, true);
    if (!access.manages) throw new MissionError(MissionErrorCode.NotOrganiser, "Only the mission's organiser does this");
    return access;
  }

  /** The meeting if the caller sees it: staff see all of the mission's, a company only its own. */
  private async visibleMeeting(access: MissionAccess, meetingId: string, tx: EntityManager): Promise<MissionMeeting> {
    const meeting = await this.repository.findMeeting(access.mission.id, meetingId, tx, true);
    if (!meeting || (!access.staff && !sideOf(access, meeting))) {
      throw new MissionError(MissionErrorCode.MeetingNotFound, `Meeting ${meetingId} not found`, { meetingId });
    }
    return meeting;
  }

  private async companiesOf(meetings: readonly MissionMeeting[], tx?: EntityManager): Promise<Map<string, MissionParticipant>> {
    const participants = await this.repository.participantsByIds(
      meetings.flatMap((m) => [m.delegationParticipantId, m.localParticipantId]),
      tx,
    );
    return new Map(participants.map((p) => [p.id, p]));
  }
}

function viewerOf(principal: AuthenticatedPrincipal): MissionViewer {
  return { organisationId: principal.organisationId, startupId: principal.startupId };
}

function sideOf(access: MissionAccess, meeting: MissionMeeting): 'delegation' | 'local' | null {
  const own = access.participant?.id;
  if (!own) return null;
  if (meeting.delegationParticipantId === own) return 'delegation';
  if (meeting.localParticipantId === own) return 'local';
  return null;
}

/** The agreement is named only when there is one: events of missions without keep their earlier shape. */
export function missionRef(mission: Mission): MissionRef {
  const ref: MissionRef = { id: mission.id, organiserOrgId: mission.organiserOrganisationId, partnerOrgIds: mission.partnerOrganisationIds };
  if (mission.agreementId) ref.agreementId = mission.agreementId;
  return ref;
}

function notFound(id: string): MissionError {
  return new MissionError(MissionErrorCode.NotFound, `Mission ${id} not found`, { missionId: id });
}

function illegalState(mission: Mission): MissionError {
  return new MissionError(MissionErrorCode.IllegalState, `The mission is ${mission.state}`, { currentState: mission.state });
}

function invalidCalendar(field: string, message: string): MissionError {
  const problem = field === 'days' ? 'days' : field === 'rooms' ? 'rooms' : 'hours';
  return new MissionError(MissionErrorCode.InvalidCalendar, `The mission's calendar is not usable: ${message}`, { problem, errors: [{ field, message }] });
}
