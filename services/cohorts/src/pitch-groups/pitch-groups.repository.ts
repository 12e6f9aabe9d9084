import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { COHORT_CANDIDATES_SQL, type SelectableCandidate } from '../members/members.repository';

/** Candidate lists are ordered by startup id. */
export const CANDIDATE_KEYSET = ['uuid'] as const;

@Injectable()
export class PitchGroupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of a cohort's candidates by startup id, optionally of one pitch session. */
  page(filter: { programmeId: string; organisationIds: string[]; pitchGroup?: string; afterStartupId: string | null; limit: number }): Promise<SelectableCandidate[]> {
    return this.dataSource.query(
      `SELECT * FROM (${COHORT_CANDIDATES_SQL}) c
       WHERE ($3::uuid IS NULL OR c."startupId" > $3::uuid) AND ($4::text IS NULL OR c."pitchGroup" = $4)
       ORDER BY c."startupId" LIMIT $5`,
      [filter.programmeId, filter.organisationIds, filter.afterStartupId, filter.pitchGroup ?? null, filter.limit],
    );
  }

  /** Sets the pitch session of the startup's candidate row of the programme. */
  async setOnProgrammeRow(tx: EntityManager, startupId: string, programmeId: string, pitchGroup: string | null): Promise<void> {
    await tx.query(
      `UPDATE cohorts.candidates SET pitch_group = $3, version = version + 1, updated_at = now()
       WHERE startup_id = $1 AND programme_id = $2 AND pitch_group IS DISTINCT FROM $3`,
      [startupId, programmeId, pitchGroup],
    );
  }

  /**
   * A pilot-derived candidate is shared by the cohorts of every organisation its pilots qualify it
   * for, so its pitch session is not kept there: it gets a row of this programme (source `pilot`,
   * a copy of the shared row, which selection then prefers) holding the session. The events keep
   * both rows up to date. Returns the id of the programme row.
   */
  async placeInProgramme(tx: EntityManager, startupId: string, programmeId: string, pitchGroup: string): Promise<string> {
    const [row] = await tx.query(
      `INSERT INTO cohorts.candidates (startup_id, programme_id, source, startup_name, startup_name_latin, country, technology_fields, trl, score,
         pilot_outcomes, has_successful_pilot, pitch_group, programme_organisation_ids, accepted_at)
       SELECT startup_id, $2, 'pilot', startup_name, startup_name_latin, country, technology_fields, trl, score,
         pilot_outcomes, has_successful_pilot, $3, programme_organisation_ids, accepted_at
       FROM cohorts.candidates WHERE startup_id = $1 AND programme_id IS NULL
       ON CONFLICT (startup_id, programme_id) DO UPDATE SET pitch_group = EXCLUDED.pitch_group, version = cohorts.candidates.version + 1, updated_at = now()
       RETURNING id`,
      [startupId, programmeId, pitchGroup],
    );
    return (row as { id: string }).id;
  }
}
