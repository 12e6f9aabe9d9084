import { Injectable } from '@nestjs/common';
import type { StartupRelationKind } from '@exchange/data';
import type { EntityManager } from 'typeorm';

export interface StartupRelationFact {
  startupId: string;
  organisationId: string;
  kind: StartupRelationKind;
  /** The time of the event that shows the relation. */
  since: string;
  /** The pilot or cohort behind it. */
  subjectId: string;
  sourceEventId: string;
}

/**
 * The relations between startups and organisations that this service learns from the pilots and
 * cohorts topics (applications.startup_relations). Written inside the consumer's inbox transaction;
 * read by the startups repository's `relatedToOrganisation`.
 */
@Injectable()
export class StartupRelationsRepository {
  /**
   * Records the relation once per (startup, organisation, kind): a second event of the same kind (a
   * replay, a later pilot event, another pilot at the same host) changes nothing, unless it is older,
   * when it moves `since` back. Answers 'unknown' when the startup or the organisation does not exist
   * here (nothing to attach the relation to; a foreign key would refuse it).
   */
  async record(tx: EntityManager, fact: StartupRelationFact): Promise<'recorded' | 'unknown'> {
    const rows = (await tx.query(
      `WITH parties AS (
         SELECT EXISTS (SELECT 1 FROM applications.startups WHERE id = $1::uuid) AND EXISTS (SELECT 1 FROM identity.organisations WHERE id = $2::uuid) AS known
       ), written AS (
         INSERT INTO applications.startup_relations AS r (startup_id, organisation_id, kind, since, subject_id, source_event_id)
         SELECT $1::uuid, $2::uuid, $3::text, $4::timestamptz, $5::uuid, $6::uuid FROM parties WHERE known
         ON CONFLICT (startup_id, organisation_id, kind) DO UPDATE
           SET since = EXCLUDED.since, subject_id = EXCLUDED.subject_id, source_event_id = EXCLUDED.source_event_id
           WHERE EXCLUDED.since < r.since
       )
       SELECT known FROM parties`,
      [fact.startupId, fact.organisationId, fact.kind, fact.since, fact.subjectId, fact.sourceEventId],
    )) as Array<{ known: boolean }>;
    return rows[0]?.known ? 'recorded' : 'unknown';
  }

  /** The organiser of a programme of this service, or null for an id it does not know. */
  async programmeOrganiser(tx: EntityManager, programmeId: string): Promise<string | null> {
    const rows = (await tx.query(`SELECT organiser_organisation_id AS id FROM applications.programmes WHERE id = $1`, [programmeId])) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }
}
