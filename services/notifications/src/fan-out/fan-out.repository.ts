import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { matchesAny } from '../webhook-sending/event-type-patterns';
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

/** The SQL of fan-out: events, the programme → organisations projection, and deliveries. */
@Injectable()
export class FanOutRepository {
  /** Records the event (once); false when it was already recorded. */
  async insertEvent(tx: EntityManager, e: StoredEvent): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO notifications.events (id, type, source, subject, topic, key, time, programme_id, organisation_ids, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::uuid[], $10::jsonb) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [e.id, e.type, e.source, e.subject, e.topic, e.key, e.time, e.programmeId, e.organisationIds, JSON.stringify(e.data)],
    );
    return rows.length === 1;
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
   * Creates one delivery per endpoint of these organisations whose patterns match, unless it exists
   * (unique (endpoint, event)). Returns only the deliveries created now.
   */
  async createDeliveries(
    tx: EntityManager,
    event: { id: string; type: string; time: Date | string },
    organisationIds: string[],
    onlyEndpointId?: string,
  ): Promise<Array<{ deliveryId: string; endpointId: string }>> {
    if (organisationIds.length === 0) return [];
    const endpoints: Array<{ id: string; event_types: string[] }> = await tx.query(
      `SELECT id, event_types FROM notifications.webhook_endpoints
       WHERE organisation_id = ANY($1::uuid[]) AND deleted_at IS NULL AND state <> 'disabled' AND ($2::uuid IS NULL OR id = $2)`,
      [organisationIds, onlyEndpointId ?? null],
    );
    const matching = endpoints.filter((e) => matchesAny(e.event_types, event.type)).map((e) => e.id);
    if (matching.length === 0) return [];
    const created: Array<{ id: string; endpoint_id: string }> = await tx.query(
      `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
       SELECT unnest($1::uuid[]), $2, $3, $4, now()
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id, endpoint_id`,
      [matching, event.id, event.type, event.time],
    );
    return created.map((r) => ({ deliveryId: r.id, endpointId: r.endpoint_id }));
  }
}
