import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { preparedWrite, type CandidatePilotOutcome } from '@exchange/data';

export interface CandidateProfile {
  startupId: string;
  name: string;
  nameLatin: string;
  country: string;
  technologyFields: string[];
  trl: number | null;
}

/** Profile of a pilot-derived candidate whose startup no event described yet; the next acceptance fills it in. */
export const UNKNOWN_PROFILE = { name: 'Unknown startup', country: 'ZZ' } as const;

/**
 * SQL of the candidates projection. Every statement is an idempotent upsert keyed by the natural key
 * (startup, programme) or by the pilot id, so applying the same event twice changes nothing even
 * without the inbox. The three an acceptance runs are prepared (they run for every accepted startup) and not waited for: nobody reads their answer, so they go out with the COMMIT (preparedWrite).
 */
@Injectable()
export class CandidatesRepository {
  /**
   * A candidate of an accelerator programme; a newer decision replaces an older one, an older one is ignored.
   * A pilot-derived row a manager placed in this programme (to give it a pitch group) becomes the
   * application candidate, keeping its pitch group.
   */
  async upsertApplicationCandidate(
    tx: EntityManager,
    c: CandidateProfile & { programmeId: string; applicationId: string; score: number | null; programmeOrgIds: string[]; acceptedAt: string },
  ): Promise<void> {
    await preparedWrite(
      tx,
      `INSERT INTO cohorts.candidates AS c (startup_id, programme_id, application_id, source, startup_name, startup_name_latin, country,
         technology_fields, trl, score, programme_organisation_ids, accepted_at, pilot_outcomes, has_successful_pilot)
       SELECT $1, $2, $3, 'application', $4, $5, $6, $7::text[], $8, $9, $10::uuid[], $11,
         coalesce(p.pilot_outcomes, '[]'::jsonb), coalesce(p.has_successful_pilot, false)
       FROM (SELECT 1) one
       LEFT JOIN cohorts.candidates p ON p.startup_id = $1 AND p.programme_id IS NULL
       ON CONFLICT (startup_id, programme_id) DO UPDATE SET
         source = 'application', application_id = EXCLUDED.application_id, score = EXCLUDED.score, accepted_at = EXCLUDED.accepted_at,
         programme_organisation_ids = EXCLUDED.programme_organisation_ids,
         version = c.version + 1, updated_at = now()
       WHERE c.source = 'pilot' OR c.accepted_at IS NULL OR c.accepted_at < EXCLUDED.accepted_at
         OR (c.accepted_at = EXCLUDED.accepted_at AND (c.application_id, c.score, c.programme_organisation_ids)
             IS DISTINCT FROM (EXCLUDED.application_id, EXCLUDED.score, EXCLUDED.programme_organisation_ids))`,
      [c.startupId, c.programmeId, c.applicationId, c.name, c.nameLatin, c.country, c.technologyFields, c.trl, c.score, c.programmeOrgIds, c.acceptedAt],
    );
  }

  /**
   * The startup accepted into a pilot programme: keep its profile and the organisations of that
   * programme on its pilot-derived row, which becomes selectable once a pilot succeeds.
   */
  async upsertPilotProfile(tx: EntityManager, c: CandidateProfile & { programmeOrgIds: string[]; acceptedAt: string }): Promise<void> {
    await preparedWrite(
      tx,
      `INSERT INTO cohorts.candidates AS c (startup_id, programme_id, source, startup_name, startup_name_latin, country,
         technology_fields, trl, programme_organisation_ids, accepted_at)
       VALUES ($1, NULL, 'pilot', $2, $3, $4, $5::text[], $6, $7::uuid[], $8)
       ON CONFLICT (startup_id, programme_id) DO UPDATE SET
         programme_organisation_ids = ARRAY(SELECT DISTINCT unnest(c.programme_organisation_ids || EXCLUDED.programme_organisation_ids) ORDER BY 1),
         accepted_at = LEAST(c.accepted_at, EXCLUDED.accepted_at),
         version = c.version + 1, updated_at = now()
       WHERE NOT (c.programme_organisation_ids @> EXCLUDED.programme_organisation_ids)
         OR c.accepted_at IS NULL OR c.accepted_at > EXCLUDED.accepted_at`,
      [c.startupId, c.name, c.nameLatin, c.country, c.technologyFields, c.trl, c.programmeOrgIds, c.acceptedAt],
    );
  }

  /** The startup's profile as the latest decision describes it, on every candidate row of the startup. */
  async refreshProfile(tx: EntityManager, p: CandidateProfile): Promise<void> {
    await preparedWrite(
      tx,
      `UPDATE cohorts.candidates SET startup_name = $2, startup_name_latin = $3, country = $4, technology_fields = $5::text[], trl = $6,
         version = version + 1, updated_at = now()
       WHERE startup_id = $1
         AND (startup_name, startup_name_latin, country, technology_fields, trl) IS DISTINCT FROM ($2, $3, $4, $5::text[], $6::smallint)`,
      [p.startupId, p.name, p.nameLatin, p.country, p.technologyFields, p.trl],
    );
  }

  /** Creates a pilot-derived row if the startup has no candidate row at all (profile unknown until an acceptance arrives). */
  async ensurePilotCandidate(tx: EntityManager, startupId: string, acceptedAt: string): Promise<void> {
    await tx.query(
      `INSERT INTO cohorts.candidates (startup_id, programme_id, source, startup_name, startup_name_latin, country, accepted_at)
       SELECT $1, NULL, 'pilot', $2, $2, $3, $4
       WHERE NOT EXISTS (SELECT 1 FROM cohorts.candidates WHERE startup_id = $1)
       ON CONFLICT (startup_id, programme_id) DO NOTHING`,
      [startupId, UNKNOWN_PROFILE.name, UNKNOWN_PROFILE.country, acceptedAt],
    );
  }

  /**
   * Records a pilot outcome on every candidate row of the startup, once per pilot id; the
   * pilot-derived row also learns the host organisation (whose partners' cohorts may select it).
   */
  async addPilotOutcome(tx: EntityManager, startupId: string, outcome: CandidatePilotOutcome, hostOrgId: string): Promise<void> {
    await tx.query(
      `UPDATE cohorts.candidates SET
         pilot_outcomes = pilot_outcomes || jsonb_build_array($2::jsonb),
         has_successful_pilot = has_successful_pilot OR $3,
         programme_organisation_ids = CASE WHEN programme_id IS NULL AND NOT ($4::uuid = ANY (programme_organisation_ids))
           THEN array_append(programme_organisation_ids, $4::uuid) ELSE programme_organisation_ids END,
         version = version + 1, updated_at = now()
       WHERE startup_id = $1 AND NOT pilot_outcomes @> jsonb_build_array(jsonb_build_object('pilotId', $5::text))`,
      [startupId, JSON.stringify(outcome), outcome.outcome === 'success', hostOrgId, outcome.pilotId],
    );
  }
}
