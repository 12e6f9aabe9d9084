import { Injectable } from '@nestjs/common';
import { preparedWrite, type AdoptionDecision, type ExchangeFactKind, type MeetingOutcome, type SqlExecutor } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';

/** One consumed event (or one item of it) as the reciprocity report counts it. */
export interface ExchangeFactInput {
  eventId: string;
  /** The item's place within its event; 0 (the default) for an event that makes one fact. */
  ordinal?: number;
  kind: ExchangeFactKind;
  startupId: string;
  programmeId: string;
  subjectId: string;
  /** When the event happened (ISO 8601). */
  occurredAt: string;
  adoption?: AdoptionDecision;
  contractValue?: number | null;
  /** `pitched` only. */
  selected?: boolean;
  /** `pitched` only: the agreement the pitch day named; null or absent when none. */
  agreementId?: string | null;
}

/** A business-mission meeting that took place, with its delegation's company (a startup or an organisation). */
export interface MissionMeetingFactInput {
  eventId: string;
  meetingId: string;
  missionId: string;
  agreementId: string | null;
  company: { startupId: string } | { organisationId: string };
  outcome: MeetingOutcome;
  occurredAt: string;
}

/** The numbers of one direction of an agreement within a period. */
export interface DirectionCounts {
  startupsSent: number;
  applications: number;
  acceptances: number;
  pilotsStarted: number;
  pilotsCompleted: number;
  pilotsAdopted: number;
  contractValue: number;
  cohortPlaces: number;
  graduates: number;
  pitchesMade: number;
  pitchSelections: number;
  missionMeetings: number;
  missionAgreementsSigned: number;
  missionPilotsProposed: number;
}

/** Who the two directions run between: each party's organisation and country. */
export interface DirectionParties {
  a: { id: string; country: string };
  b: { id: string; country: string };
}

interface CountsRow {
  direction: 'a_to_b' | 'b_to_a';
  startups_sent: number;
  applications: number;
  acceptances: number;
  pilots_started: number;
  pilots_completed: number;
  pilots_adopted: number;
  contract_value: string;
  cohort_places: number;
  graduates: number;
  pitches_made: number;
  pitch_selections: number;
  mission_meetings: number;
  mission_agreements_signed: number;
  mission_pilots_proposed: number;
}

/**
 * applications.exchange_facts: written by the consumer (inside its inbox transaction), read by the
 * reciprocity report. Facts of one event that makes several (a pitch day's results) are told apart
 * by their ordinal.
 */
@Injectable()
export class ExchangeFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per event item: (event id, ordinal) is the key, so the same event again (a replay, a second topic read) adds nothing. */
  async record(tx: SqlExecutor, fact: ExchangeFactInput): Promise<void> {
    // Prepared, and not waited for (it goes with the COMMIT): the applications service writes one with every decision.
    await preparedWrite(
      tx,
      `INSERT INTO applications.exchange_facts (event_id, ordinal, kind, startup_id, programme_id, subject_id, occurred_at, adoption, contract_value, selected, agreement_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT (event_id, ordinal) DO NOTHING`,
      [
        fact.eventId,
        fact.ordinal ?? 0,
        fact.kind,
        fact.startupId,
        fact.programmeId,
        fact.subjectId,
        fact.occurredAt,
        fact.adoption ?? null,
        fact.contractValue ?? null,
        fact.selected ?? null,
        fact.agreementId ?? null,
      ],
    );
  }

  /** A mission meeting's outcome: one row per outcome event, keyed like every other fact. */
  async recordMissionMeeting(tx: SqlExecutor, fact: MissionMeetingFactInput): Promise<void> {
    await tx.query(
      `INSERT INTO applications.exchange_facts (event_id, ordinal, kind, startup_id, organisation_id, mission_id, agreement_id, subject_id, occurred_at, meeting_outcome)
       VALUES ($1, 0, 'mission_meeting', $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (event_id, ordinal) DO NOTHING`,
      [
        fact.eventId,
        'startupId' in fact.company ? fact.company.startupId : null,
        'organisationId' in fact.company ? fact.company.organisationId : null,
        fact.missionId,
        fact.agreementId,
        fact.meetingId,
        fact.occurredAt,
        fact.outcome,
      ],
    );
  }

  /**
   * Both directions' numbers in one statement (the rules are DIRECTION_RULE and MISSION_DIRECTION_RULE
   * in reciprocity.ts). A programme's fact (application, pilot, cohort, pitch) belongs to A → B when
   * its programme is organised by B and its startup's country is A's (and B → A the other way round);
   * the startup's country and the programme's organiser are this service's own rows, read now. A
   * pitch that names an agreement (its pitch day did) belongs to that agreement alone: to no other,
   * and to none when the programme's organiser is not a party to it; one that names none belongs to
   * every agreement of the organiser, as applications do. A mission meeting belongs to this agreement only if its event named it, and to A → B when the
   * delegation's company is of A's country and the mission's host country is B's; with both parties of
   * one country it belongs to neither. Facts of startups, organisations, programmes or missions this
   * service does not know drop out of the joins. The period is [from, to] in UTC days.
   */
  async countsByDirection(agreementId: string, parties: DirectionParties, period: { from: string; to: string }): Promise<{ aToB: DirectionCounts; bToA: DirectionCounts }> {
    const rows = (await this.dataSource.query(
      `WITH directed AS (
         SELECT CASE
                  WHEN p.organiser_organisation_id = $3::uuid AND s.country = $2::text THEN 'a_to_b'
                  WHEN p.organiser_organisation_id = $1::uuid AND s.country = $4::text THEN 'b_to_a'
                END AS direction,
                f.kind, f.startup_id, f.adoption, f.contract_value, f.selected, f.meeting_outcome
           FROM applications.exchange_facts f
           JOIN applications.programmes p ON p.id = f.programme_id
           JOIN applications.startups s ON s.id = f.startup_id
          WHERE p.organiser_organisation_id IN ($1::uuid, $3::uuid)
            AND (f.agreement_id IS NULL OR f.agreement_id = $7::uuid)
            AND f.occurred_at >= $5::date::timestamp AT TIME ZONE 'UTC'
            AND f.occurred_at < ($6::date + 1)::timestamp AT TIME ZONE 'UTC'
         UNION ALL
         SELECT CASE
                  WHEN $2::text = $4::text THEN NULL
                  WHEN coalesce(s.country::text, o.country::text) = $2::text AND m.country = $4::text THEN 'a_to_b'
                  WHEN coalesce(s.country::text, o.country::text) = $4::text AND m.country = $2::text THEN 'b_to_a'
                END AS direction,
                f.kind, f.startup_id, f.adoption, f.contract_value, f.selected, f.meeting_outcome
           FROM applications.exchange_facts f
           JOIN applications.missions m ON m.id = f.mission_id
           LEFT JOIN applications.startups s ON s.id = f.startup_id
           LEFT JOIN identity.organisations o ON o.id = f.organisation_id
          WHERE f.kind = 'mission_meeting'
            AND f.agreement_id = $7::uuid
            AND f.occurred_at >= $5::date::timestamp AT TIME ZONE 'UTC'
            AND f.occurred_at < ($6::date + 1)::timestamp AT TIME ZONE 'UTC'
       )
       SELECT d.direction,
              count(DISTINCT f.startup_id) FILTER (WHERE f.kind = 'application_submitted')::int AS startups_sent,
              count(*) FILTER (WHERE f.kind = 'application_submitted')::int AS applications,
              count(*) FILTER (WHERE f.kind = 'application_accepted')::int AS acceptances,
              count(*) FILTER (WHERE f.kind = 'pilot_started')::int AS pilots_started,
              count(*) FILTER (WHERE f.kind = 'pilot_completed')::int AS pilots_completed,
              count(*) FILTER (WHERE f.kind = 'pilot_completed' AND f.adoption <> 'none')::int AS pilots_adopted,
              coalesce(sum(f.contract_value) FILTER (WHERE f.kind = 'pilot_completed' AND f.adoption <> 'none'), 0)::text AS contract_value,
              count(*) FILTER (WHERE f.kind = 'cohort_place')::int AS cohort_places,
              count(*) FILTER (WHERE f.kind = 'graduated')::int AS graduates,
              count(*) FILTER (WHERE f.kind = 'pitched')::int AS pitches_made,
              count(*) FILTER (WHERE f.kind = 'pitched' AND f.selected)::int AS pitch_selections,
              count(*) FILTER (WHERE f.kind = 'mission_meeting')::int AS mission_meetings,
              count(*) FILTER (WHERE f.kind = 'mission_meeting' AND f.meeting_outcome = 'agreement_signed')::int AS mission_agreements_signed,
              count(*) FILTER (WHERE f.kind = 'mission_meeting' AND f.meeting_outcome = 'pilot_proposed')::int AS mission_pilots_proposed
         FROM (VALUES ('a_to_b'), ('b_to_a')) AS d (direction)
         LEFT JOIN directed f ON f.direction = d.direction
        GROUP BY d.direction`,
      [parties.a.id, parties.a.country, parties.b.id, parties.b.country, period.from, period.to, agreementId],
    )) as CountsRow[];
    const counts = (direction: CountsRow['direction']): DirectionCounts => {
      // The VALUES list gives each direction its row, zeros included.
      const row = rows.find((r) => r.direction === direction);
      if (!row) throw new Error(`no counts for ${direction}`);
      return {
        startupsSent: row.startups_sent,
        applications: row.applications,
        acceptances: row.acceptances,
        pilotsStarted: row.pilots_started,
        pilotsCompleted: row.pilots_completed,
        pilotsAdopted: row.pilots_adopted,
        contractValue: Number(row.contract_value),
        cohortPlaces: row.cohort_places,
        graduates: row.graduates,
        pitchesMade: row.pitches_made,
        pitchSelections: row.pitch_selections,
        missionMeetings: row.mission_meetings,
        missionAgreementsSigned: row.mission_agreements_signed,
        missionPilotsProposed: row.mission_pilots_proposed,
      };
    };
    return { aToB: counts('a_to_b'), bToA: counts('b_to_a') };
  }
}
