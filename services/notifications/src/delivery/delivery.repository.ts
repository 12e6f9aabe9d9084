import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { DeliveryState, WebhookEndpointState } from '@exchange/data';
import type { AttemptOutcome } from './webhook-sender';
import { rowsOf } from '../common/sql';

/** Everything one attempt needs, read in one query. */
export interface AttemptContext {
  deliveryId: string;
  state: DeliveryState;
  attemptCount: number;
  retryRoundStart: number;
  nextAttemptAt: Date | null;
  endpoint: {
    id: string;
    organisationId: string;
    url: string;
    state: WebhookEndpointState;
    deleted: boolean;
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
    lastSuccessAt: Date | null;
    failingSince: Date | null;
  };
  event: { id: string; type: string; time: Date; data: unknown };
}

export type AttemptResult =
  | { kind: 'succeeded' }
  | { kind: 'retry'; nextAttemptAt: Date }
  | { kind: 'failed' };

/** The SQL of the delivery worker and the sweeper. */
@Injectable()
export class DeliveryRepository {
  constructor(@Inject(DataSource) readonly dataSource: DataSource) {}

  async load(deliveryId: string): Promise<AttemptContext | null> {
    const rows: Array<Record<string, never>> = await this.dataSource.query(
      `SELECT d.id, d.state, d.attempt_count, d.retry_round_start, d.next_attempt_at,
              e.id AS endpoint_id, e.organisation_id, e.url, e.state AS endpoint_state, e.deleted_at IS NOT NULL AS deleted,
              e.secret, e.previous_secret, e.previous_secret_expires_at, e.last_success_at, e.failing_since,
              ev.id AS event_id, ev.type, ev.time, ev.data
       FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id
       JOIN notifications.events ev ON ev.id = d.event_id
       WHERE d.id = $1`,
      [deliveryId],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      deliveryId: r.id,
      state: r.state,
      attemptCount: r.attempt_count,
      retryRoundStart: r.retry_round_start,
      nextAttemptAt: r.next_attempt_at,
      endpoint: {
        id: r.endpoint_id,
        organisationId: r.organisation_id,
        url: r.url,
        state: r.endpoint_state,
        deleted: r.deleted,
        secret: r.secret,
        previousSecret: r.previous_secret,
        previousSecretExpiresAt: r.previous_secret_expires_at,
        lastSuccessAt: r.last_success_at,
        failingSince: r.failing_since,
      },
      event: { id: r.event_id, type: r.type, time: r.time, data: r.data },
    };
  }

  /**
   * Takes the attempt: only if the delivery is still pending, due, and nobody attempted it since it
   * was read. Pushes next_attempt_at to the end of a lease so the sweeper leaves it alone while the
   * request is in flight (and picks it up again if this worker dies).
   */
  async claim(ctx: AttemptContext, now: Date, leaseUntil: Date): Promise<boolean> {
    const rows = rowsOf(await this.dataSource.query(
      `UPDATE notifications.deliveries SET next_attempt_at = $4, updated_at = now()
       WHERE id = $1 AND state = 'pending' AND attempt_count = $2 AND (next_attempt_at IS NULL OR next_attempt_at <= $3)
       RETURNING id`,
      [ctx.deliveryId, ctx.attemptCount, now, leaseUntil],
    ));
    return rows.length === 1;
  }

  /** Records the attempt and the delivery's new state; false when another run recorded it first. */
  async recordAttempt(tx: EntityManager, ctx: AttemptContext, outcome: AttemptOutcome, result: AttemptResult): Promise<boolean> {
    const attemptNumber = ctx.attemptCount + 1;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO notifications.delivery_attempts (delivery_id, attempt_number, started_at, status_code, latency_ms, response_excerpt, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (delivery_id, attempt_number) DO NOTHING RETURNING id`,
      [ctx.deliveryId, attemptNumber, outcome.startedAt, outcome.statusCode, Math.max(0, outcome.latencyMs), outcome.responseExcerpt, outcome.error],
    );
    if (inserted.length === 0) return false;
    const updated = rowsOf(await tx.query(
      `UPDATE notifications.deliveries SET
         attempt_count = $2, last_attempt_at = $3, last_status_code = $4, last_error = $5,
         state = $6, next_attempt_at = $7,
         succeeded_at = CASE WHEN $6 = 'succeeded' THEN now() ELSE succeeded_at END,
         failed_at = CASE WHEN $6 = 'failed' THEN now() ELSE failed_at END,
         updated_at = now()
       WHERE id = $1 AND state = 'pending' AND attempt_count = $8 RETURNING id`,
      [
        ctx.deliveryId,
        attemptNumber,
        outcome.startedAt,
        outcome.statusCode,
        outcome.error,
        result.kind === 'retry' ? 'pending' : result.kind,
        result.kind === 'retry' ? result.nextAttemptAt : null,
        ctx.attemptCount,
      ],
    ));
    return updated.length === 1;
  }

  /**
   * The common case in one statement (no transaction round trips): the attempt and the delivery's
   * success. False when another run recorded this attempt first or the delivery is no longer pending.
   */
  async recordSuccess(ctx: AttemptContext, outcome: AttemptOutcome): Promise<boolean> {
    const rows: Array<{ n: number }> = await this.dataSource.query(
      `WITH current AS (
         SELECT id FROM notifications.deliveries WHERE id = $1 AND state = 'pending' AND attempt_count = $7
       ), attempt AS (
         INSERT INTO notifications.delivery_attempts (delivery_id, attempt_number, started_at, status_code, latency_ms, response_excerpt, error)
         SELECT id, $2, $3, $4, $5, $6, NULL FROM current
         ON CONFLICT (delivery_id, attempt_number) DO NOTHING RETURNING delivery_id
       ), updated AS (
         UPDATE notifications.deliveries SET attempt_count = $2, last_attempt_at = $3, last_status_code = $4, last_error = NULL,
           state = 'succeeded', next_attempt_at = NULL, succeeded_at = now(), updated_at = now()
         WHERE id = (SELECT delivery_id FROM attempt) AND state = 'pending' AND attempt_count = $7 RETURNING id
       )
       SELECT count(*)::int AS n FROM updated`,
      [ctx.deliveryId, ctx.attemptCount + 1, outcome.startedAt, outcome.statusCode, Math.max(0, outcome.latencyMs), outcome.responseExcerpt, ctx.attemptCount],
    );
    return rows[0]?.n === 1;
  }

  /** A success clears the failure run; a failure starts one. Returns when the run started. */
  async markEndpointHealth(tx: EntityManager, endpointId: string, success: boolean, at: Date): Promise<Date | null> {
    const rows = rowsOf<{ failing_since: Date | null }>(await tx.query(
      success
        ? `UPDATE notifications.webhook_endpoints SET last_success_at = GREATEST(last_success_at, $2), failing_since = NULL
           WHERE id = $1 RETURNING failing_since`
        : `UPDATE notifications.webhook_endpoints SET failing_since = COALESCE(failing_since, $2)
           WHERE id = $1 RETURNING failing_since`,
      [endpointId, at],
    ));
    return rows[0]?.failing_since ?? null;
  }

  async cancel(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE notifications.deliveries SET state = 'cancelled', next_attempt_at = NULL, last_error = $2, updated_at = now()
       WHERE id = $1 AND state = 'pending'`,
      [deliveryId, reason],
    );
  }

  /** Pending deliveries of active endpoints overdue by more than `graceMs`: their job was lost. */
  async findOrphans(graceMs: number, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT d.id FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.state = 'pending' AND d.next_attempt_at < now() - make_interval(secs => $1::float8 / 1000)
         AND e.state = 'active' AND e.deleted_at IS NULL
       ORDER BY d.next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((r) => r.id);
  }
}
