import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** A graduation as the alumni table records it. */
export interface GraduationRecord {
  startupId: string;
  cohortId: string;
  programmeId: string;
  organisationId: string;
  graduatedAt: string;
  note: string | null;
  sourceEventId: string;
}

@Injectable()
export class AlumniRepository {
  /** Whether the startup and the organisation both exist here. */
  async bothKnown(tx: EntityManager, startupId: string, organisationId: string): Promise<boolean> {
    const [known] = (await tx.query(
      `SELECT (SELECT count(*) FROM applications.startups WHERE id = $1)::int AS startups,
              (SELECT count(*) FROM identity.organisations WHERE id = $2)::int AS organisations`,
      [startupId, organisationId],
    )) as { startups: number; organisations: number }[];
    return known.startups > 0 && known.organisations > 0;
  }

  /** (startup, cohort) is unique, so recording a graduation twice is a no-op. */
  async insertGraduation(tx: EntityManager, r: GraduationRecord): Promise<void> {
    await tx.query(
      `INSERT INTO applications.alumni_records (startup_id, cohort_id, programme_id, organisation_id, graduated_at, note, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (startup_id, cohort_id) DO NOTHING`,
      [r.startupId, r.cohortId, r.programmeId, r.organisationId, r.graduatedAt, r.note, r.sourceEventId],
    );
  }
}
