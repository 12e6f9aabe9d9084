import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@exchange/data';
import type { EntityManager } from 'typeorm';
import { TEST_EVENT_TYPE } from '../webhook-sending/event-type-patterns';
import { attemptContexts, ENDPOINT_CONTEXT_COLUMNS, type AttemptContext } from '../webhook-sending/delivery.repository';

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
  /** The programme's names, for mail (`programme.published` carries them; `programme.closed` does not). */
  name?: string;
  nameLatin?: string | null;
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

/** A delivery fan-out created, with its attempt's context when it was created leased for a first attempt. */
export interface CreatedDelivery {
  deliveryId: string;
  endpointId: string;
  leased?: AttemptContext;
}

/** The SQL of fan-out: events, the programme → organisations projection, and deliveries. */
@Injectable()
export class FanOutRepository {
  /**
   * Records the event (once) and creates one delivery per matching endpoint of these organisations,
   * unless it exists (unique (endpoint, event)), in ONE statement: the endpoints are chosen and
   * matched in SQL (ENDPOINT_MATCHES), not read back to be filtered here. With `project`, the same
   * statement also refreshes the programme projection (an older event never overwrites a newer view).
   * With `leaseUntil`, a delivery to an active endpoint is created leased until then for its first
   * attempt, and comes back with what that attempt needs (endpoint and event), so the attempt claims
   * nothing (PostCommitDispatch). Returns only the deliveries created now, with their endpoint.
   */
  async recordWithDeliveries(tx: EntityManager, e: StoredEvent, project: ProgrammeAudience | null, leaseUntil: Date | null): Promise<CreatedDelivery[]> {
    const projection = project
      ? `, projected AS (
           INSERT INTO notifications.programmes AS p (id, kind, organiser_org_id, partner_org_ids, updated_at, name, name_latin)
           VALUES ($12, $13, $14, $15::uuid[], $16, $17, $18)
           ON CONFLICT (id) DO UPDATE SET kind = EXCLUDED.kind, organiser_org_id = EXCLUDED.organiser_org_id,
             partner_org_ids = EXCLUDED.partner_org_ids, updated_at = EXCLUDED.updated_at,
             name = coalesce(EXCLUDED.name, p.name), name_latin = CASE WHEN EXCLUDED.name IS NULL THEN p.name_latin ELSE EXCLUDED.name_latin END
           WHERE p.updated_at <= EXCLUDED.updated_at
         )`
      : '';
    const params: unknown[] = [
      e.id,
      e.type,
      e.source,
      e.subject,
      e.topic,
      e.key,
      e.time,
      e.programmeId,
      e.organisationIds,
      JSON.stringify(e.data),
      leaseUntil,
    ];
    if (project) params.push(project.id, project.kind, project.organiserOrgId, project.partnerOrgIds, project.asOf, project.name ?? null, project.nameLatin ?? null);
    // Two texts (with and without the projection), each prepared once per connection. The event's
    // row is not visible to the statement that inserts it: its context columns come from the values.
    const { rows } = await preparedQuery<Record<string, unknown>>(
      tx,
      `WITH recorded AS (
         INSERT INTO notifications.events (id, type, source, subject, topic, key, time, programme_id, organisation_ids, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10::jsonb) ON CONFLICT (id) DO NOTHING
       )${projection}, d AS (
         INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
         SELECT ep.id, $1, $2, $7, CASE WHEN ep.state = 'active' THEN coalesce($11::timestamptz, now()) ELSE now() END
           FROM notifications.webhook_endpoints ep
          WHERE ${ENDPOINT_MATCHES('$9::uuid[]', '$2')}
         ON CONFLICT (endpoint_id, event_id) DO NOTHING
         RETURNING id, state, attempt_count, retry_round_start, next_attempt_at, endpoint_id
       )
       SELECT d.id, d.state, d.attempt_count, d.retry_round_start, d.next_attempt_at, d.endpoint_id,
              e.state = 'active' AND $11::timestamptz IS NOT NULL AS leased, ${ENDPOINT_CONTEXT_COLUMNS},
              $1::uuid AS ev_id, $2::text AS ev_type, $7::timestamptz AS ev_time, $10::jsonb AS ev_data
       FROM d JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id`,
      params,
    );
    const contexts = attemptContexts(tx, rows);
    return rows.map((row, i) => ({
      deliveryId: String(row.id),
      endpointId: String(row.endpoint_id),
      ...(row.leased === true ? { leased: contexts[i] } : {}),
    }));
  }

  /** Who may see a programme's events, from the projection; null when the programme is not known. */
  async programmeOrganisations(tx: EntityManager, programmeId: string): Promise<string[] | null> {
    const rows: Array<{ orgs: string[] }> = await tx.query(
      `SELECT array_prepend(organiser_org_id, partner_org_ids) AS orgs FROM notifications.programmes WHERE id = $1`,
      [programmeId],
    );
    return rows[0]?.orgs ?? null;
  }
}
