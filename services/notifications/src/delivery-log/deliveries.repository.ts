import type { CREATED_AT_ID, Keyset } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { Delivery, DeliveryAttempt, entitiesFrom, WebhookEndpoint, type DeliveryState, type WebhookEndpointState } from '@exchange/data';

/** A delivery of the log, with its endpoint's state and `created_at` as PostgreSQL prints it (microseconds kept) for its cursor. */
export interface LoggedDelivery {
  delivery: Delivery;
  endpointState: WebhookEndpointState;
  cursorAt: string;
}

type LoggedRow = Record<string, unknown> & { endpoint_state: WebhookEndpointState; cursor_at: string };

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

const COLUMNS = `d.*, e.state AS endpoint_state, d.created_at::text AS cursor_at`;

function logged(db: EntityManager, rows: LoggedRow[]): LoggedDelivery[] {
  const deliveries = entitiesFrom(db, Delivery, rows);
  return rows.map((row, i) => ({ delivery: deliveries[i], endpointState: row.endpoint_state, cursorAt: row.cursor_at }));
}

/** The delivery log, always through the caller's organisation's endpoints. */
@Injectable()
export class DeliveriesRepository {
  async list(db: EntityManager, f: DeliveryFilter): Promise<LoggedDelivery[]> {
    const rows: LoggedRow[] = await db.query(
      `SELECT ${COLUMNS} FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id AND e.organisation_id = $1 AND e.deleted_at IS NULL
       WHERE ($2::uuid IS NULL OR d.endpoint_id = $2) AND ($3::text IS NULL OR d.event_type = $3)
         AND ($4::text IS NULL OR d.state = $4) AND ($5::timestamptz IS NULL OR d.created_at >= $5)
         AND ($6::timestamptz IS NULL OR d.created_at < $6)
         AND ($7::timestamptz IS NULL OR (d.created_at, d.id) > ($7, $8::uuid))
       ORDER BY d.created_at, d.id LIMIT $9`,
      [f.organisationId, f.endpointId ?? null, f.eventType ?? null, f.state ?? null, f.from ?? null, f.to ?? null, f.after?.[0] ?? null, f.after?.[1] ?? null, f.limit],
    );
    return logged(db, rows);
  }

  /** Whether the endpoint is one of the organisation's (and not deleted): what `GET /v1/webhook-endpoints/:id` would show. */
  hasEndpoint(db: EntityManager, organisationId: string, endpointId: string): Promise<boolean> {
    return db.getRepository(WebhookEndpoint).existsBy({ id: endpointId, organisationId, deletedAt: IsNull() });
  }

  async find(db: EntityManager, organisationId: string, id: string, lock = false): Promise<LoggedDelivery | null> {
    const rows: LoggedRow[] = await db.query(
      `SELECT ${COLUMNS} FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id AND e.organisation_id = $1 AND e.deleted_at IS NULL
       WHERE d.id = $2 ${lock ? 'FOR UPDATE OF d' : ''}`,
      [organisationId, id],
    );
    return logged(db, rows)[0] ?? null;
  }

  attempts(db: EntityManager, deliveryId: string): Promise<DeliveryAttempt[]> {
    return db.getRepository(DeliveryAttempt).find({ where: { deliveryId }, order: { attemptNumber: 'ASC' } });
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
