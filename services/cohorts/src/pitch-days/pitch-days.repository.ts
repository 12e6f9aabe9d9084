import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { JurorState, PitchCriterion, PitchCriterionScore, PitchDayState, PitchResultOutcome, PitchResultReason, PitchSessionState, PitchSlotAttendance } from '@exchange/data';

export interface PitchDayRow {
  id: string;
  cohortId: string;
  perGroup: number;
  state: PitchDayState;
  publishedAt: Date | null;
  agreementId: string | null;
}

export interface PitchSessionRow {
  id: string;
  pitchDayId: string;
  cohortId: string;
  pitchGroup: string;
  name: string;
  day: string;
  timeZone: string;
  criteria: PitchCriterion[];
  maxScore: number;
  minJurors: number;
  state: PitchSessionState;
}

export interface PitchSlotRow {
  id: string;
  sessionId: string;
  startupId: string;
  startupName: string;
  startupNameLatin: string;
  startsAt: Date;
  endsAt: Date;
  attendance: PitchSlotAttendance;
}

export interface PitchJurorRow {
  id: string;
  sessionId: string;
  principalId: string;
  /** The juror's organisation (identity): a certification it issued makes a conflict of interest. */
  organisationId: string | null;
  state: JurorState;
  recusalReason: string | null;
}

/** One candidate's result of a published pitch day. */
export interface PitchResultRow {
  pitchDayId: string;
  startupId: string;
  candidateId: string;
  sessionId: string | null;
  groupKey: string;
  outcome: PitchResultOutcome;
  reason: PitchResultReason | null;
  rank: number | null;
  waitlistPosition: number | null;
  pitchScore: number | null;
  jurors: number;
}

export interface PitchScoreRow {
  slotId: string;
  jurorId: string;
  scores: PitchCriterionScore[];
  weightedScore: number;
  comment: string | null;
  updatedAt: Date;
}

const DAY_COLUMNS = `id, cohort_id AS "cohortId", per_group AS "perGroup", state, published_at AS "publishedAt", agreement_id AS "agreementId"`;
const SESSION_COLUMNS = `s.id, s.pitch_day_id AS "pitchDayId", d.cohort_id AS "cohortId", s.pitch_group AS "pitchGroup", s.name,
  to_char(s.day, 'YYYY-MM-DD') AS day, s.time_zone AS "timeZone", s.criteria, s.max_score AS "maxScore", s.min_jurors AS "minJurors", s.state`;
const SLOT_COLUMNS = `sl.id, sl.session_id AS "sessionId", sl.startup_id AS "startupId", c.startup_name AS "startupName",
  c.startup_name_latin AS "startupNameLatin", sl.starts_at AS "startsAt", sl.ends_at AS "endsAt", sl.attendance`;
const JUROR_COLUMNS = `id, session_id AS "sessionId", principal_id AS "principalId",
  (SELECT p.organisation_id FROM identity.principals p WHERE p.id = principal_id) AS "organisationId", state, recusal_reason AS "recusalReason"`;
const RESULT_COLUMNS = `pitch_day_id AS "pitchDayId", startup_id AS "startupId", candidate_id AS "candidateId", session_id AS "sessionId", group_key AS "groupKey",
  outcome, reason, rank, waitlist_position AS "waitlistPosition", pitch_score AS "pitchScore", jurors`;
const SCORE_COLUMNS = `slot_id AS "slotId", juror_id AS "jurorId", scores, weighted_score AS "weightedScore", comment, updated_at AS "updatedAt"`;

/** All SQL of pitch days: sessions, slots, jurors, conflicts and scores (cohorts schema). */
@Injectable()
export class PitchDaysRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: EntityManager): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  async pitchDayOfCohort(cohortId: string, tx?: EntityManager): Promise<PitchDayRow | null> {
    const [row] = await this.manager(tx).query(`SELECT ${DAY_COLUMNS} FROM cohorts.pitch_days WHERE cohort_id = $1`, [cohortId]);
    return (row as PitchDayRow | undefined) ?? null;
  }

  async insertPitchDay(tx: EntityManager, cohortId: string, perGroup: number, agreementId: string | null, createdBy: string): Promise<PitchDayRow> {
    const [row] = await tx.query(`INSERT INTO cohorts.pitch_days (cohort_id, per_group, agreement_id, created_by) VALUES ($1, $2, $3, $4) RETURNING ${DAY_COLUMNS}`, [
      cohortId,
      perGroup,
      agreementId,
      createdBy,
    ]);
    return row as PitchDayRow;
  }

  async markPublished(tx: EntityManager, pitchDayId: string, at: Date): Promise<void> {
    await tx.query(`UPDATE cohorts.pitch_days SET state = 'published', published_at = $2, version = version + 1, updated_at = now() WHERE id = $1`, [pitchDayId, at]);
  }

  sessionsOf(pitchDayId: string, tx?: EntityManager): Promise<PitchSessionRow[]> {
    return this.manager(tx).query(
      `SELECT ${SESSION_COLUMNS} FROM cohorts.pitch_sessions s JOIN cohorts.pitch_days d ON d.id = s.pitch_day_id
       WHERE s.pitch_day_id = $1 ORDER BY s.pitch_group, s.id`,
      [pitchDayId],
    );
  }

  /** One session with its pitch day's cohort; with `lock`, the session row is locked until the transaction ends. */
  async session(id: string, tx?: EntityManager, lock = false): Promise<PitchSessionRow | null> {
    const [row] = await this.manager(tx).query(
      `SELECT ${SESSION_COLUMNS} FROM cohorts.pitch_sessions s JOIN cohorts.pitch_days d ON d.id = s.pitch_day_id
       WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    );
    return (row as PitchSessionRow | undefined) ?? null;
  }

  async insertSession(
    tx: EntityManager,
    values: { pitchDayId: string; pitchGroup: string; name: string; day: string; timeZone: string; criteria: PitchCriterion[]; maxScore: number; minJurors: number },
  ): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO cohorts.pitch_sessions (pitch_day_id, pitch_group, name, day, time_zone, criteria, max_score, min_jurors)
       VALUES ($1, $2, $3, $4::date, $5, $6::jsonb, $7, $8) RETURNING id`,
      [values.pitchDayId, values.pitchGroup, values.name, values.day, values.timeZone, JSON.stringify(values.criteria), values.maxScore, values.minJurors],
    );
    return (row as { id: string }).id;
  }

  async sessionOfGroup(tx: EntityManager, pitchDayId: string, pitchGroup: string): Promise<string | null> {
    const [row] = await tx.query(`SELECT id FROM cohorts.pitch_sessions WHERE pitch_day_id = $1 AND pitch_group = $2`, [pitchDayId, pitchGroup]);
    return (row as { id: string } | undefined)?.id ?? null;
  }

  async closeSession(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE cohorts.pitch_sessions SET state = 'closed', closed_at = now(), version = version + 1, updated_at = now() WHERE id = $1`, [id]);
  }

  slotsOf(sessionIds: string[], tx?: EntityManager): Promise<PitchSlotRow[]> {
    return this.manager(tx).query(
      `SELECT ${SLOT_COLUMNS} FROM cohorts.pitch_slots sl JOIN cohorts.candidates c ON c.id = sl.candidate_id
       WHERE sl.session_id = ANY ($1::uuid[]) ORDER BY sl.starts_at, sl.id`,
      [sessionIds],
    );
  }

  async slot(sessionId: string, slotId: string, tx?: EntityManager): Promise<PitchSlotRow | null> {
    const [row] = await this.manager(tx).query(
      `SELECT ${SLOT_COLUMNS} FROM cohorts.pitch_slots sl JOIN cohorts.candidates c ON c.id = sl.candidate_id WHERE sl.session_id = $1 AND sl.id = $2`,
      [sessionId, slotId],
    );
    return (row as PitchSlotRow | undefined) ?? null;
  }

  async slotOfStartup(tx: EntityManager, pitchDayId: string, startupId: string): Promise<string | null> {
    const [row] = await tx.query(`SELECT id FROM cohorts.pitch_slots WHERE pitch_day_id = $1 AND startup_id = $2`, [pitchDayId, startupId]);
    return (row as { id: string } | undefined)?.id ?? null;
  }

  /** A slot of the session overlapping [startsAt, endsAt): one stage, one pitch at a time. */
  async overlappingInSession(tx: EntityManager, sessionId: string, startsAt: Date, endsAt: Date): Promise<string | null> {
    const [row] = await tx.query(`SELECT id FROM cohorts.pitch_slots WHERE session_id = $1 AND starts_at < $3 AND ends_at > $2 ORDER BY starts_at LIMIT 1`, [
      sessionId,
      startsAt,
      endsAt,
    ]);
    return (row as { id: string } | undefined)?.id ?? null;
  }

  /**
   * Whether the startup pitches elsewhere during [startsAt, endsAt), on any pitch day (cohorts of one
   * programme share candidates). Takes a transaction lock on the startup first, so two slots of one
   * startup written at once cannot both pass.
   */
  async startupBusy(tx: EntityManager, startupId: string, startsAt: Date, endsAt: Date): Promise<boolean> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('cohorts.pitch_slot:' || $1::text, 0))`, [startupId]);
    const [row] = await tx.query(`SELECT 1 FROM cohorts.pitch_slots WHERE startup_id = $1 AND starts_at < $3 AND ends_at > $2 LIMIT 1`, [startupId, startsAt, endsAt]);
    return row !== undefined;
  }

  async insertSlot(
    tx: EntityManager,
    values: { sessionId: string; pitchDayId: string; startupId: string; candidateId: string; startsAt: Date; endsAt: Date },
  ): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO cohorts.pitch_slots (session_id, pitch_day_id, startup_id, candidate_id, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [values.sessionId, values.pitchDayId, values.startupId, values.candidateId, values.startsAt, values.endsAt],
    );
    return (row as { id: string }).id;
  }

  async setAttendance(tx: EntityManager, slotId: string, attendance: PitchSlotAttendance): Promise<void> {
    await tx.query(`UPDATE cohorts.pitch_slots SET attendance = $2, version = version + 1, updated_at = now() WHERE id = $1`, [slotId, attendance]);
  }

  jurorsOf(sessionIds: string[], tx?: EntityManager): Promise<PitchJurorRow[]> {
    return this.manager(tx).query(`SELECT ${JUROR_COLUMNS} FROM cohorts.pitch_jurors WHERE session_id = ANY ($1::uuid[]) ORDER BY created_at, id`, [sessionIds]);
  }

  async juror(sessionId: string, principalId: string, tx?: EntityManager): Promise<PitchJurorRow | null> {
    const [row] = await this.manager(tx).query(`SELECT ${JUROR_COLUMNS} FROM cohorts.pitch_jurors WHERE session_id = $1 AND principal_id = $2`, [sessionId, principalId]);
    return (row as PitchJurorRow | undefined) ?? null;
  }

  /** Whether the principal is an active reviewer of the organisation (identity, which every service reads). */
  async isActiveReviewer(tx: EntityManager, principalId: string, organisationId: string): Promise<boolean> {
    const [row] = await tx.query(`SELECT 1 FROM identity.principals WHERE id = $1 AND organisation_id = $2 AND role = 'reviewer' AND state = 'active'`, [
      principalId,
      organisationId,
    ]);
    return row !== undefined;
  }

  async insertJuror(tx: EntityManager, sessionId: string, principalId: string, addedBy: string): Promise<PitchJurorRow> {
    const [row] = await tx.query(`INSERT INTO cohorts.pitch_jurors (session_id, principal_id, added_by) VALUES ($1, $2, $3) RETURNING ${JUROR_COLUMNS}`, [
      sessionId,
      principalId,
      addedBy,
    ]);
    return row as PitchJurorRow;
  }

  async recuse(tx: EntityManager, jurorId: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE cohorts.pitch_jurors SET state = 'recused', recusal_reason = $2, recused_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
      [jurorId, reason],
    );
  }

  async declareConflict(tx: EntityManager, jurorId: string, startupId: string, reason: string): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts.pitch_conflicts (juror_id, startup_id, reason) VALUES ($1, $2, $3) ON CONFLICT (juror_id, startup_id) DO UPDATE SET reason = EXCLUDED.reason`,
      [jurorId, startupId, reason],
    );
  }

  async conflictsOf(jurorIds: string[], tx?: EntityManager): Promise<Array<{ jurorId: string; startupId: string }>> {
    if (jurorIds.length === 0) return [];
    return this.manager(tx).query(`SELECT juror_id AS "jurorId", startup_id AS "startupId" FROM cohorts.pitch_conflicts WHERE juror_id = ANY ($1::uuid[])`, [jurorIds]);
  }

  async hasConflict(tx: EntityManager, jurorId: string, startupId: string): Promise<boolean> {
    const [row] = await tx.query(`SELECT 1 FROM cohorts.pitch_conflicts WHERE juror_id = $1 AND startup_id = $2`, [jurorId, startupId]);
    return row !== undefined;
  }

  /**
   * startupId → the organisations that issued one of its certifications (as the consumer learned
   * them): every certification, revoked or expired included, as reviews count them.
   */
  async certificationIssuers(startupIds: string[], tx?: EntityManager): Promise<Map<string, Set<string>>> {
    const issuers = new Map<string, Set<string>>();
    if (startupIds.length === 0) return issuers;
    const rows = (await this.manager(tx).query(
      `SELECT DISTINCT startup_id AS "startupId", issuer_organisation_id AS "organisationId" FROM cohorts.startup_certifications WHERE startup_id = ANY ($1::uuid[])`,
      [[...new Set(startupIds)]],
    )) as Array<{ startupId: string; organisationId: string }>;
    for (const r of rows) issuers.set(r.startupId, new Set([...(issuers.get(r.startupId) ?? []), r.organisationId]));
    return issuers;
  }

  async insertResults(tx: EntityManager, results: PitchResultRow[]): Promise<void> {
    if (results.length === 0) return;
    await tx.query(
      `INSERT INTO cohorts.pitch_results (pitch_day_id, startup_id, candidate_id, session_id, group_key, outcome, reason, rank, waitlist_position, pitch_score, jurors)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r (pitch_day_id uuid, startup_id uuid, candidate_id uuid, session_id uuid, group_key text, outcome text, reason text,
         rank integer, waitlist_position integer, pitch_score double precision, jurors integer)`,
      [
        JSON.stringify(
          results.map((r) => ({
            pitch_day_id: r.pitchDayId,
            startup_id: r.startupId,
            candidate_id: r.candidateId,
            session_id: r.sessionId,
            group_key: r.groupKey,
            outcome: r.outcome,
            reason: r.reason,
            rank: r.rank,
            waitlist_position: r.waitlistPosition,
            pitch_score: r.pitchScore,
            jurors: r.jurors,
          })),
        ),
      ],
    );
  }

  async resultOf(pitchDayId: string, startupId: string): Promise<PitchResultRow | null> {
    const [row] = await this.manager().query(`SELECT ${RESULT_COLUMNS} FROM cohorts.pitch_results WHERE pitch_day_id = $1 AND startup_id = $2`, [pitchDayId, startupId]);
    return (row as PitchResultRow | undefined) ?? null;
  }

  /** The juror's scores of the slot: inserted, or replaced while the session is open. */
  async upsertScore(tx: EntityManager, values: { slotId: string; jurorId: string; scores: PitchCriterionScore[]; weightedScore: number; comment: string | null }): Promise<PitchScoreRow> {
    const [row] = await tx.query(
      `INSERT INTO cohorts.pitch_scores (slot_id, juror_id, scores, weighted_score, comment) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (slot_id, juror_id) DO UPDATE SET scores = EXCLUDED.scores, weighted_score = EXCLUDED.weighted_score, comment = EXCLUDED.comment,
         version = cohorts.pitch_scores.version + 1, updated_at = now()
       RETURNING ${SCORE_COLUMNS}`,
      [values.slotId, values.jurorId, JSON.stringify(values.scores), values.weightedScore, values.comment],
    );
    return row as PitchScoreRow;
  }

  scoresOf(slotIds: string[], tx?: EntityManager): Promise<PitchScoreRow[]> {
    return this.manager(tx).query(`SELECT ${SCORE_COLUMNS} FROM cohorts.pitch_scores WHERE slot_id = ANY ($1::uuid[])`, [slotIds]);
  }
}
