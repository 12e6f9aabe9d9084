import { Injectable } from '@nestjs/common';
import { Mission, MissionMeeting, MissionParticipant, type MeetingScoreComponent, type MissionState } from '@exchange/data';
import { fetchPage, type Page } from '@exchange/platform';
import { DataSource, type EntityManager } from 'typeorm';
import type { MeetingState } from './dto/mission.dto';
import type { ExistingMeeting } from './matchmaking';

/** Whose missions a list shows: run or partnered by the organisation, or taken part in by it or the startup. */
export interface MissionViewer {
  organisationId: string | null;
  startupId: string | null;
}

/** A company as the participants table resolves it (identity and startups are this service's). */
export interface CompanyFacts {
  name: string;
  fields: string[];
  languages: string[];
}

export interface MeetingPlacement {
  id: string;
  slotIndex: number;
  room: string;
  startsAt: Date;
  endsAt: Date;
}

export interface NewProposal {
  delegationParticipantId: string;
  localParticipantId: string;
  score: number;
  components: MeetingScoreComponent[];
}

@Injectable()
export class MissionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  findMission(id: string, tx?: EntityManager, lock = false): Promise<Mission | null> {
    const qb = this.manager(tx).getRepository(Mission).createQueryBuilder('m').where('m.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  insertMission(tx: EntityManager, values: Partial<Mission>): Promise<Mission> {
    const repo = tx.getRepository(Mission);
    return repo.save(repo.create(values));
  }

  saveMission(tx: EntityManager, mission: Mission): Promise<Mission> {
    return tx.getRepository(Mission).save(mission);
  }

  listMissions<Item>(viewer: MissionViewer, filter: { state?: MissionState }, query: { cursor?: string; limit?: number }, map: (m: Mission) => Item): Promise<Page<Item>> {
    const qb = this.dataSource.getRepository(Mission).createQueryBuilder('m');
    if (viewer.organisationId) {
      qb.where(
        `(m.organiser_organisation_id = :org OR :org = ANY(m.partner_organisation_ids)
          OR EXISTS (SELECT 1 FROM applications.mission_participants p WHERE p.mission_id = m.id AND p.organisation_id = :org))`,
        { org: viewer.organisationId },
      );
    } else {
      qb.where('EXISTS (SELECT 1 FROM applications.mission_participants p WHERE p.mission_id = m.id AND p.startup_id = :startup)', { startup: viewer.startupId });
    }
    if (filter.state) qb.andWhere('m.state = :state', { state: filter.state });
    return fetchPage(qb, 'm', query, map);
  }

  /** An agreement's parties and state, to check the one a new mission names. */
  async agreementOf(id: string): Promise<{ partyAOrganisationId: string; partyBOrganisationId: string; state: string } | null> {
    const rows = (await this.dataSource.query(
      `SELECT party_a_organisation_id AS "partyAOrganisationId", party_b_organisation_id AS "partyBOrganisationId", state FROM applications.agreements WHERE id = $1`,
      [id],
    )) as Array<{ partyAOrganisationId: string; partyBOrganisationId: string; state: string }>;
    return rows[0] ?? null;
  }

  /** The ids among these that are organisations. */
  async existingOrganisations(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = (await this.dataSource.query(`SELECT id FROM identity.organisations WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string }>;
    return new Set(rows.map((r) => r.id));
  }

  async organisationFacts(id: string, tx: EntityManager): Promise<CompanyFacts | null> {
    const rows = (await tx.query(`SELECT name FROM identity.organisations WHERE id = $1`, [id])) as Array<{ name: string }>;
    return rows[0] ? { name: rows[0].name, fields: [], languages: [] } : null;
  }

  async startupFacts(id: string, tx: EntityManager): Promise<CompanyFacts | null> {
    const rows = (await tx.query(`SELECT name, technology_fields AS fields, languages FROM applications.startups WHERE id = $1`, [id])) as CompanyFacts[];
    return rows[0] ?? null;
  }

  async countParticipants(missionId: string, tx: EntityManager): Promise<number> {
    const rows = (await tx.query(`SELECT count(*)::int AS n FROM applications.mission_participants WHERE mission_id = $1`, [missionId])) as Array<{ n: number }>;
    return rows[0].n;
  }

  insertParticipant(tx: EntityManager, values: Partial<MissionParticipant>): Promise<MissionParticipant> {
    const repo = tx.getRepository(MissionParticipant);
    return repo.save(repo.create(values));
  }

  participantsPage<Item>(missionId: string, query: { cursor?: string; limit?: number }, map: (p: MissionParticipant) => Item): Promise<Page<Item>> {
    const qb = this.dataSource.getRepository(MissionParticipant).createQueryBuilder('p').where('p.mission_id = :missionId', { missionId });
    return fetchPage(qb, 'p', query, map);
  }

  allParticipants(missionId: string, tx?: EntityManager): Promise<MissionParticipant[]> {
    return this.manager(tx).getRepository(MissionParticipant).find({ where: { missionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  participantsByIds(ids: readonly string[], tx?: EntityManager): Promise<MissionParticipant[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.manager(tx).getRepository(MissionParticipant).createQueryBuilder('p').where('p.id = ANY(:ids)', { ids: [...new Set(ids)] }).getMany();
  }

  /** The caller's company in the mission: its organisation's, or the startup itself. */
  async participantOf(missionId: string, viewer: MissionViewer, tx?: EntityManager): Promise<MissionParticipant | null> {
    const qb = this.manager(tx).getRepository(MissionParticipant).createQueryBuilder('p').where('p.mission_id = :missionId', { missionId });
    if (viewer.organisationId) qb.andWhere('p.organisation_id = :org', { org: viewer.organisationId });
    else if (viewer.startupId) qb.andWhere('p.startup_id = :startup', { startup: viewer.startupId });
    else return null;
    return qb.getOne();
  }

  /** Adds the proposals whose pair has none yet (a pair's answers survive a new run); how many were added. */
  async insertProposals(tx: EntityManager, missionId: string, proposals: readonly NewProposal[]): Promise<number> {
    if (proposals.length === 0) return 0;
    const rows = (await tx.query(
      `INSERT INTO applications.mission_meetings (mission_id, delegation_participant_id, local_participant_id, score, components)
       SELECT $1, d, l, s, c FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::jsonb[]) AS t(d, l, s, c)
       ON CONFLICT ON CONSTRAINT mission_meetings_pair_uq DO NOTHING
       RETURNING id`,
      [
        missionId,
        proposals.map((p) => p.delegationParticipantId),
        proposals.map((p) => p.localParticipantId),
        proposals.map((p) => p.score),
        proposals.map((p) => JSON.stringify(p.components)),
      ],
    )) as Array<{ id: string }>;
    return rows.length;
  }

  /** Every meeting's pair and whether either side declined it (what matchmaking counts against each company). */
  async meetingPairs(missionId: string, tx: EntityManager): Promise<ExistingMeeting[]> {
    return (await tx.query(
      `SELECT delegation_participant_id AS "delegationId", local_participant_id AS "localId",
              (delegation_answer = 'declined' OR local_answer = 'declined') AS declined
         FROM applications.mission_meetings WHERE mission_id = $1`,
      [missionId],
    )) as ExistingMeeting[];
  }

  async countMeetings(missionId: string, tx: EntityManager): Promise<number> {
    const rows = (await tx.query(`SELECT count(*)::int AS n FROM applications.mission_meetings WHERE mission_id = $1`, [missionId])) as Array<{ n: number }>;
    return rows[0].n;
  }

  /**
   * A page of the mission's meetings: all of them, or one company's; `placed` for an agenda (by start
   * time), otherwise by creation.
   */
  meetingsPage<Item>(
    missionId: string,
    filter: { participantId?: string; state?: MeetingState; placed?: boolean },
    query: { cursor?: string; limit?: number },
    map: (m: MissionMeeting) => Item,
  ): Promise<Page<Item>> {
    const qb = this.dataSource.getRepository(MissionMeeting).createQueryBuilder('g').where('g.mission_id = :missionId', { missionId });
    if (filter.participantId) qb.andWhere('(g.delegation_participant_id = :pid OR g.local_participant_id = :pid)', { pid: filter.participantId });
    if (filter.state === 'accepted') qb.andWhere(`g.delegation_answer = 'accepted' AND g.local_answer = 'accepted'`);
    if (filter.state === 'declined') qb.andWhere(`(g.delegation_answer = 'declined' OR g.local_answer = 'declined')`);
    if (filter.state === 'proposed') qb.andWhere(`g.delegation_answer <> 'declined' AND g.local_answer <> 'declined' AND (g.delegation_answer = 'pending' OR g.local_answer = 'pending')`);
    if (filter.placed) {
      qb.andWhere('g.starts_at IS NOT NULL');
      return fetchPage(qb, 'g', query, map, { createdAtColumn: 'startsAt' });
    }
    return fetchPage(qb, 'g', query, map);
  }

  findMeeting(missionId: string, meetingId: string, tx?: EntityManager, lock = false): Promise<MissionMeeting | null> {
    const qb = this.manager(tx)
      .getRepository(MissionMeeting)
      .createQueryBuilder('g')
      .where('g.id = :meetingId AND g.mission_id = :missionId', { meetingId, missionId });
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  saveMeeting(tx: EntityManager, meeting: MissionMeeting): Promise<MissionMeeting> {
    return tx.getRepository(MissionMeeting).save(meeting);
  }

  /** Meetings both sides accepted, oldest first (the scheduler's input order). */
  acceptedMeetings(missionId: string, tx: EntityManager): Promise<MissionMeeting[]> {
    return tx
      .getRepository(MissionMeeting)
      .createQueryBuilder('g')
      .where(`g.mission_id = :missionId AND g.delegation_answer = 'accepted' AND g.local_answer = 'accepted'`, { missionId })
      .orderBy('g.created_at', 'ASC')
      .addOrderBy('g.id', 'ASC')
      .getMany();
  }

  /** Writes every placement in one statement. */
  async storePlacements(tx: EntityManager, placements: readonly MeetingPlacement[]): Promise<void> {
    if (placements.length === 0) return;
    await tx.query(
      `UPDATE applications.mission_meetings g
          SET slot_index = t.slot, room = t.room, starts_at = t.starts, ends_at = t.ends, version = g.version + 1, updated_at = now()
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS t(id, slot, room, starts, ends)
        WHERE g.id = t.id`,
      [placements.map((p) => p.id), placements.map((p) => p.slotIndex), placements.map((p) => p.room), placements.map((p) => p.startsAt), placements.map((p) => p.endsAt)],
    );
  }

}
