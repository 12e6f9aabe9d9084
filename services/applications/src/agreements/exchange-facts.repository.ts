import { Injectable } from '@nestjs/common';
import type { AdoptionDecision, ExchangeFactKind } from '@exchange/data';
import { DataSource, type EntityManager } from 'typeorm';

/** One consumed event as the reciprocity report counts it. */
export interface ExchangeFactInput {
  eventId: string;
  kind: ExchangeFactKind;
  startupId: string;
  programmeId: string;
  subjectId: string;
  /** When the event happened (ISO 8601). */
  occurredAt: string;
  adoption?: AdoptionDecision;
  contractValue?: number | null;
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
}

/**
 * applications.exchange_facts: written by the consumer (inside its inbox transaction), read by the
 * reciprocity report.
 */
@Injectable()
export class ExchangeFactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One row per event: the event id is the key, so the same event again (a replay, a second topic read) adds nothing. */
  async record(tx: EntityManager, fact: ExchangeFactInput): Promise<void> {
    await tx.query(
      `INSERT INTO applications.exchange_facts (event_id, kind, startup_id, programme_id, subject_id, occurred_at, adoption, contract_value)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (event_id) DO NOTHING`,
      [fact.eventId, fact.kind, fact.startupId, fact.programmeId, fact.subjectId, fact.occurredAt, fact.adoption ?? null, fact.contractValue ?? null],
    );
  }

  /**
   * Both directions' numbers in one statement. A fact belongs to A → B when its programme is organised
   * by B and its startup's country is A's (and B → A the other way round); the startup's country and
   * the programme's organiser are this service's own rows, read now. Facts of startups or programmes
   * this service does not know drop out of the join. The period is [from, to] in UTC days.
   */
  async countsByDirection(parties: DirectionParties, period: { from: string; to: string }): Promise<{ aToB: DirectionCounts; bToA: DirectionCounts }> {
    const rows = (await this.dataSource.query(
      `WITH directed AS (
         SELECT CASE
                  WHEN p.organiser_organisation_id = $3::uuid AND s.country = $2 THEN 'a_to_b'
                  WHEN p.organiser_organisation_id = $1::uuid AND s.country = $4 THEN 'b_to_a'
                END AS direction,
                f.kind, f.startup_id, f.adoption, f.contract_value
           FROM applications.exchange_facts f
           JOIN applications.programmes p ON p.id = f.programme_id
           JOIN applications.startups s ON s.id = f.startup_id
          WHERE p.organiser_organisation_id IN ($1::uuid, $3::uuid)
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
              count(*) FILTER (WHERE f.kind = 'graduated')::int AS graduates
         FROM (VALUES ('a_to_b'), ('b_to_a')) AS d (direction)
         LEFT JOIN directed f ON f.direction = d.direction
        GROUP BY d.direction`,
      [parties.a.id, parties.a.country, parties.b.id, parties.b.country, period.from, period.to],
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
      };
    };
    return { aToB: counts('a_to_b'), bToA: counts('b_to_a') };
  }
}
