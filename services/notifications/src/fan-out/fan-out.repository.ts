import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { TEST_EVENT_TYPE } from '../webhook-sending/event-type-patterns';
import { rowsOf } from '../common/sql';

export interface StoredEvent {
  id: string;
  type: string;
  source: string;
  subject: string | null;
  topic: string;
  key: string | null;
  time: string;
  programmeId: string | null;
  organisationIds: string[];
  data: unknown;
}

export interface ProgrammeAudience {
  id: string;
  kind: string | null;
  organiserOrgId: string;
  partnerOrgIds: string[];
  /** The time of the event this view comes from: an older event never overwrites a newer view. */
  asOf: string;
}

/**
 * The endpoints (alias `ep`) of the organisations `orgs` that receive an event of type `type`: live,
 * not disabled, and subscribed by one of their patterns. The patterns' `*` is a LIKE `%`; patterns
 * hold only [a-z_.*] (patternProblem), and `_`, `%` and `\` are escaped so they match themselves.
 * Must agree with matchesAny (event-type-patterns.ts); fan-out-sql.spec.ts compares the two.
 */
export const ENDPOINT_MATCHES = (orgs: string, type: string) =>
  `ep.organisation_id = ANY(${orgs}) AND ep.deleted_at IS NULL AND ep.state <> 'disabled'
   AND (${type} = '${TEST_EVENT_TYPE}' OR EXISTS (
     SELECT 1 FROM unnest(ep.event_types) AS pattern
      WHERE ${type} LIKE replace(replace(replace(replace(pattern, '\\', '\\\\'), '%', '\\%'), '_', '\\_'), '*', '%')))`;

/** The SQL of fan-out: events, the programme → organisations projection, and deliveries. */
@Injectable()
export class FanOutRepository {
  /**
   * Records the event (once) and creates one delivery per matching endpoint of these organisations,
   * unless it exists (unique (endpoint, event)), in ONE statement: the endpoints are chosen and
   * matched in SQL (ENDPOINT_MATCHES), not read back to be filtered here. Returns only the deliveries
   * created now, with their endpoint.
   */
  async recordWithDeliveries(tx: EntityManager, e: StoredEvent): Promise<Array<{ deliveryId: string; endpointId: string }>> {
    const created: Array<{ id: string; endpoint_id: string }> = rowsOf(
      await tx.query(
        `WITH recorded AS (
           INSERT INTO notifications.events (id, type, source, subject, topic, key, time, programme_id, organisation_ids, data)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10::jsonb) ON CONFLICT (id) DO NOTHING
         )
         INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
         SELECT ep.id, $1, $2, $7, now() FROM notifications.webhook_endpoints ep
          WHERE ${ENDPOINT_MATCHES('$9::uuid[]', '$2')}
         ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id, endpoint_id`,
        [e.id, e.type, e.source, e.subject, e.topic, e.key, e.time, e.programmeId, e.organisationIds, JSON.stringify(e.data)],
      ),
    );
    return created.map((r) => ({ deliveryId: r.id, endpointId: r.endpoint_id }));
  }

  /**
   * Serialises the fan-out of one programme's events until the transaction ends. Without it, a cohort
   * event recorded as waiting (programme unknown) and the programme's first event, consumed at the same
   * time by two partitions or two instances, can miss each other: the programme's transaction looks
   * for waiting events before the other has committed, and the cohort event waits for ever.
   */
  async lockProgramme(tx: EntityManager, programmeId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('notifications.programme'), hashtext($1))`, [programmeId]);
  }

  /** Upserts the projection; returns true when the programme was not known before. */
  async upsertProgramme(tx: EntityManager, p: ProgrammeAudience): Promise<boolean> {
    const rows: Array<{ inserted: boolean }> = await tx.query(
      `INSERT INTO notifications.programmes AS p (id, kind, organiser_org_id, partner_org_ids, updated_at)
       VALUES ($1, $2, $3, $4::uuid[], $5)
       ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, organiser_org_id = EXCLUDED.organiser_org_id,
         partner_org_ids = EXCLUDED.partner_org_ids, updated_at = EXCLUDED.updated_at
       WHERE p.updated_at <= EXCLUDED.updated_at
       RETURNING (xmax = 0) AS inserted`,
      [p.id, p.kind, p.organiserOrgId, p.partnerOrgIds, p.asOf],
    );
    return rows[0]?.inserted === true;
  }

  async programmeOrganisations(tx: EntityManager, programmeId: string): Promise<string[] | null> {
    const rows: Array<{ orgs: string[] }> = await tx.query(
      `SELECT array_prepend(organiser_org_id, partner_org_ids) AS orgs FROM notifications.programmes WHERE id = $1`,
      [programmeId],
    );
    return rows[0]?.orgs ?? null;
  }

  /** Events of a programme that arrived before the programme was known: they get their audience now. */
  async resolveWaitingEvents(
    tx: EntityManager,
    programmeId: string,
    organisationIds: string[],
  ): Promise<Array<{ id: string; type: string; time: Date }>> {
    return rowsOf(await tx.query(
      `UPDATE notifications.events SET organisation_ids = $2::uuid[]
       WHERE programme_id = $1 AND organisation_ids = '{}' RETURNING id, type, time`,
      [programmeId, organisationIds],
    ));
  }

  /**
   * Creates one delivery per matching endpoint of these organisations for an event recorded earlier,
   * unless it exists. Returns only the deliveries created now.
   */
  async createDeliveries(
    tx: EntityManager,
    event: { id: string; type: string; time: Date | string },
    organisationIds: string[],
  ): Promise<Array<{ deliveryId: string; endpointId: string }>> {
    if (organisationIds.length === 0) return [];
    const created: Array<{ id: string; endpoint_id: string }> = rowsOf(
      await tx.query(
        `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
         SELECT ep.id, $1, $2, $3, now() FROM notifications.webhook_endpoints ep
          WHERE ${ENDPOINT_MATCHES('$4::uuid[]', '$2')}
         ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id, endpoint_id`,
        [event.id, event.type, event.time, organisationIds],
      ),
    );
    return created.map((r) => ({ deliveryId: r.id, endpointId: r.endpoint_id }));
  }
}
