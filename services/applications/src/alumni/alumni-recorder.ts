import type { EventEnvelope } from '@exchange/contracts';
import { getLogger } from '@exchange/platform';
import type { EntityManager } from 'typeorm';

const logger = getLogger({ component: 'alumni' });

/**
 * A graduate of an accelerator cohort becomes an alumni record of the cohort's host organisation;
 * programmes that name that organisation as a partner waive their certification rule for it.
 * Runs inside the consumer's inbox transaction; (startup, cohort) is unique, so a replay is a no-op.
 */
export async function recordGraduation(event: EventEnvelope<'cohort.graduated'>, tx: EntityManager): Promise<'recorded' | 'skipped'> {
  const data = event.data;
  if (!data.graduated) return 'skipped';
  const [known] = (await tx.query(
    `SELECT (SELECT count(*) FROM applications.startups WHERE id = $1)::int AS startups,
            (SELECT count(*) FROM identity.organisations WHERE id = $2)::int AS organisations`,
    [data.startupId, data.hostOrgId],
  )) as { startups: number; organisations: number }[];
  if (known.startups === 0 || known.organisations === 0) {
    // Nothing to attach the record to here: not an error worth retrying or dead-lettering.
    logger.warn({ eventId: event.id, startupId: data.startupId, hostOrgId: data.hostOrgId }, 'graduation of an unknown startup or organisation ignored');
    return 'skipped';
  }
  await tx.query(
    `INSERT INTO applications.alumni_records (startup_id, cohort_id, programme_id, organisation_id, graduated_at, note, source_event_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (startup_id, cohort_id) DO NOTHING`,
    [data.startupId, data.cohortId, data.programmeId, data.hostOrgId, event.time, data.note, event.id],
  );
  return 'recorded';
}
