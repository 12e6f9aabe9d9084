import type { CREATED_AT_ID, Keyset } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DeliveryState } from '@exchange/data';

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event_id: string;
  event_type: string;
  event_time: Date;
  state: DeliveryState;
  attempt_count: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  succeeded_at: Date | null;
  failed_at: Date | null;
  created_at: Date;
  endpoint_state: string;
  cursor_at: string;
}

export interface AttemptRow {
  attempt_number: number;
  started_at: Date;
  status_code: number | null;
  latency_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export interface DeliveryFilter {
  organisationId: string;
  endpointId?: string;
  eventType?: string;
  state?: DeliveryState;
  from?: string;
  to?: string;
  after: Keyset<typeof CREATED_AT_ID> | null;
  limit: number;
}

const COLUMNS = `d.id, d.endpoint_id, d.event_id, d.event_type, d.event_time, d.state, d.attempt_count, d.next_attempt_at,
  d.last_attempt_at, d.last_status_code, d.last_error, d.succeeded_at, d.failed_at, d.created_at, e.state AS endpoint_state,
  d.created_at::text AS cursor_at`;

/** The delivery log, always through the caller's organisation's endpoints. */
@Injectable()
export class DeliveriesRepository {
  async list(db: EntityManager, f: DeliveryFilter): Promise<DeliveryRow[]> {
    return db.query(
      `SELECT ${COLUMNS} FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id AND e.organisation_id = $1 AND e.deleted_at IS NULL
       WHERE ($2::uuid IS NULL OR d.endpoint_id = $2) AND ($3::text IS NULL OR d.event_type = $3)
         AND ($4::text IS NULL OR d.state = $4) AND ($5::timestamptz IS NULL OR d.created_at >= $5)
         AND ($6::timestamptz IS NULL OR d.created_at < $6)
         AND ($7::timestamptz IS NULL OR (d.created_at, d.id) > ($7, $8::uuid))
       ORDER BY d.created_at, d.id LIMIT $9`,
      [f.organisationId, f.endpointId ?? null, f.eventType ?? null, f.state ?? null, f.from ?? null, f.to ?? null, f.after?.[0] ?? null, f.after?.[1] ?? null, f.limit],
    );
  }

  /** Whether the endpoint is one of the organisation's (and not deleted): what `GET /v1/webhook-endpoints/:id` would show. */
  async hasEndpoint(db: EntityManager, organisationId: string, endpointId: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      'SELECT 1 FROM notifications.webhook_endpoints WHERE id = $1 AND organisation_id = $2 AND deleted_at IS NULL LIMIT 1',
      [endpointId, organisationId],
    );
    return rows.length > 0;
  }

  async find(db: EntityManager, organisationId: string, id: string, lock = false): Promise<DeliveryRow | null> {
    const rows: DeliveryRow[] = await db.query(
      `SELECT ${COLUMNS} FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id AND e.organisation_id = $1 AND e.deleted_at IS NULL
       WHERE d.id = $2 ${lock ? 'FOR UPDATE OF d' : ''}`,
      [organisationId, id],
    );
    return rows[0] ?? null;
  }

  async attempts(db: EntityManager, deliveryId: string): Promise<AttemptRow[]> {
    return db.query(
      `SELECT attempt_number, started_at, status_code, latency_ms, response_excerpt, error
       FROM notifications.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number`,
      [deliveryId],
    );
  }

  /** Due now; a finished delivery starts a new retry round (attempt numbers go on). */
  async retryNow(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE notifications.deliveries SET
         retry_round_start = CASE WHEN state = 'pending' THEN retry_round_start ELSE attempt_count END,
         state = 'pending', next_attempt_at = now(), failed_at = NULL, updated_at = now()
       WHERE id = $1`,
      [id],
    );
  }
}
