import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ASYNCHRONOUS_COMMIT_CTE, Delivery, entitiesFrom, entityFrom, NotificationEvent, preparedQuery, rowGuard, WebhookEndpoint } from '@exchange/data';
import type { AttemptOutcome } from './webhook-sender';
import { rowsOf } from '../common/sql';
import { MicroBatcher } from './micro-batcher';
import type { StoredSecretColumns } from '../signing/endpoint-secrets';

/** Everything one attempt needs, read in one query: the columns of each entity the statement selects. */
export interface AttemptContext {
  delivery: Pick<Delivery, 'id' | 'state' | 'attemptCount' | 'retryRoundStart' | 'nextAttemptAt'>;
  /** The secrets as stored (sealed, or plain in a row not re-encrypted yet): opened only to sign. */
  endpoint: Pick<WebhookEndpoint, 'id' | 'organisationId' | 'url' | 'state' | 'deletedAt' | 'previousSecretExpiresAt' | 'lastSuccessAt' | 'failingSince'> &
    StoredSecretColumns;
  event: Pick<NotificationEvent, 'id' | 'type' | 'time' | 'data'>;
}

export type AttemptResult =
  | { kind: 'succeeded' }
  | { kind: 'retry'; nextAttemptAt: Date }
  | { kind: 'failed' };

/** How stale `last_success_at` may be before a success writes it again. */
export const HEALTH_TOUCH_MS = 1_000;

/**
 * The columns of an attempt's context: the delivery's come unprefixed, the endpoint's (alias `e`) as
 * `e_…` and the event's as `ev_…` (see entitiesFrom and attemptContexts).
 */
export const ENDPOINT_CONTEXT_COLUMNS = `e.id AS e_id, e.organisation_id AS e_organisation_id, e.url AS e_url, e.state AS e_state, e.deleted_at AS e_deleted_at,
       e.secret AS e_secret, e.previous_secret AS e_previous_secret, e.secret_sealed AS e_secret_sealed,
       e.previous_secret_sealed AS e_previous_secret_sealed, e.secret_key_id AS e_secret_key_id,
       e.previous_secret_expires_at AS e_previous_secret_expires_at, e.last_success_at AS e_last_success_at, e.failing_since AS e_failing_since`;
export const DELIVERY_CONTEXT_COLUMNS = 'd.id, d.state, d.attempt_count, d.retry_round_start, d.next_attempt_at';
const CONTEXT_COLUMNS = `${ENDPOINT_CONTEXT_COLUMNS}, ev.id AS ev_id, ev.type AS ev_type, ev.time AS ev_time, ev.data AS ev_data`;

/** The rows of a context statement (columns as above) as the delivery, its endpoint and its event. */
export function attemptContexts(manager: EntityManager, rows: Record<string, unknown>[]): AttemptContext[] {
  const deliveries = entitiesFrom(manager, Delivery, rows);
  const endpoints = entitiesFrom(manager, WebhookEndpoint, rows, 'e_');
  const events = entitiesFrom(manager, NotificationEvent, rows, 'ev_');
  return rows.map((_, i) => ({ delivery: deliveries[i], endpoint: endpoints[i], event: events[i] }));
}

/*
 * The statements that find deliveries by id. Their checks on the delivery's state are row guards
 * (rowGuard in libs/data): the deliveries are looked up by key, never through the pending entries of
 * the state indexes (test/delivery-plans.spec.ts holds every one of them to that).
 */
export const CLAIM_SQL = `WITH ${ASYNCHRONOUS_COMMIT_CTE}, input AS (
    SELECT t.* FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[]) AS t(id, endpoint_id, due_at, lease_until), asynchronous_commit
  ), d AS (
    UPDATE notifications.deliveries d SET next_attempt_at = i.lease_until, updated_at = now()
    FROM input i, notifications.webhook_endpoints e
    WHERE d.id = i.id AND d.endpoint_id = i.endpoint_id AND ${rowGuard("d.state = 'pending' AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= i.due_at)")}
      AND e.id = d.endpoint_id AND e.state = 'active' AND e.deleted_at IS NULL
    RETURNING d.id, d.state, d.attempt_count, d.retry_round_start, d.next_attempt_at, d.endpoint_id, d.event_id
  )
  SELECT ${DELIVERY_CONTEXT_COLUMNS}, ${CONTEXT_COLUMNS}
  FROM d
  JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id
  JOIN notifications.events ev ON ev.id = d.event_id`;
export const RELEASE_LEASES_SQL = `WITH ${ASYNCHRONOUS_COMMIT_CTE}
  UPDATE notifications.deliveries d SET next_attempt_at = now(), updated_at = now()
  FROM unnest($1::uuid[], $2::timestamptz[]) AS l(id, lease_until), asynchronous_commit
  WHERE d.id = l.id AND ${rowGuard("d.state = 'pending' AND d.attempt_count = 0 AND d.next_attempt_at = l.lease_until")}`;
export const RECORD_ATTEMPT_SQL = `UPDATE notifications.deliveries SET
    attempt_count = $2, last_attempt_at = $3, last_status_code = $4, last_error = $5,
    state = $6, next_attempt_at = $7,
    succeeded_at = CASE WHEN $6 = 'succeeded' THEN now() ELSE succeeded_at END,
    failed_at = CASE WHEN $6 = 'failed' THEN now() ELSE failed_at END,
    updated_at = now()
  WHERE id = $1 AND ${rowGuard("state = 'pending' AND attempt_count = $8")} RETURNING id`;
export const RECORD_SUCCESS_SQL = `WITH ${ASYNCHRONOUS_COMMIT_CTE}, input AS (
    SELECT t.* FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::int[], $5::int[], $6::text[])
      AS t(delivery_id, attempt_number, started_at, status_code, latency_ms, response_excerpt), asynchronous_commit
  ), current AS (
    SELECT i.* FROM input i JOIN notifications.deliveries d ON d.id = i.delivery_id
    WHERE ${rowGuard("d.state = 'pending' AND d.attempt_count = i.attempt_number - 1")}
  ), attempt AS (
    INSERT INTO notifications.delivery_attempts (delivery_id, attempt_number, started_at, status_code, latency_ms, response_excerpt, error)
    SELECT delivery_id, attempt_number, started_at, status_code, latency_ms, response_excerpt, NULL FROM current
    ON CONFLICT (delivery_id, attempt_number) DO NOTHING RETURNING delivery_id, attempt_number
  ), updated AS (
    UPDATE notifications.deliveries d SET attempt_count = c.attempt_number, last_attempt_at = c.started_at,
      last_status_code = c.status_code, last_error = NULL, state = 'succeeded', next_attempt_at = NULL,
      succeeded_at = now(), updated_at = now()
    FROM attempt a JOIN current c ON c.delivery_id = a.delivery_id AND c.attempt_number = a.attempt_number
    WHERE d.id = a.delivery_id AND ${rowGuard("d.state = 'pending' AND d.attempt_count = a.attempt_number - 1")}
    RETURNING d.id, d.endpoint_id, c.started_at
  ), touched AS (
    SELECT endpoint_id, max(started_at) AS at FROM updated GROUP BY endpoint_id
  ), stale AS (
    -- Locked in id order: concurrent batches touching the same endpoints never deadlock.
    SELECT e.id, t.at FROM notifications.webhook_endpoints e JOIN touched t ON t.endpoint_id = e.id
    WHERE e.failing_since IS NOT NULL OR e.last_success_at IS NULL OR e.last_success_at < t.at - make_interval(secs => $7::float8 / 1000)
    ORDER BY e.id FOR UPDATE OF e
  ), health AS (
    UPDATE notifications.webhook_endpoints e SET last_success_at = GREATEST(e.last_success_at, s.at), failing_since = NULL
    FROM stale s WHERE e.id = s.id RETURNING e.id
  )
  SELECT id FROM updated`;
export const CANCEL_SQL = `UPDATE notifications.deliveries SET state = 'cancelled', next_attempt_at = NULL, last_error = $2, updated_at = now()
  WHERE id = $1 AND ${rowGuard("state = 'pending'")}`;

interface ClaimInput {
  deliveryId: string;
  endpointId: string;
  now: Date;
  leaseUntil: Date;
}

/** The SQL of the delivery worker and the sweeper. */
@Injectable()
export class DeliveryRepository {
  // Many jobs in flight claim and succeed at once: they share statements and commits.
  private readonly claims = new MicroBatcher<ClaimInput, AttemptContext | null>((inputs) => this.claimMany(inputs));
  private readonly successes = new MicroBatcher<{ ctx: AttemptContext; outcome: AttemptOutcome }, boolean>((inputs) => this.recordSuccessMany(inputs));

  constructor(@Inject(DataSource) readonly dataSource: DataSource) {}

  private contexts(rows: Record<string, unknown>[]): AttemptContext[] {
    return attemptContexts(this.dataSource.manager, rows);
  }

  /** The delivery with its endpoint and event, without claiming anything (the slow path). */
  async load(deliveryId: string): Promise<AttemptContext | null> {
    const { rows } = await preparedQuery<Record<string, unknown>>(
      this.dataSource.manager,
      `SELECT ${DELIVERY_CONTEXT_COLUMNS}, ${CONTEXT_COLUMNS}
       FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id
       JOIN notifications.events ev ON ev.id = d.event_id
       WHERE d.id = $1`,
      [deliveryId],
    );
    return this.contexts(rows)[0] ?? null;
  }

  /**
   * Takes the attempt and reads everything it needs: only if the delivery is still pending and due,
   * and its endpoint active. The row lock makes a concurrent run of the same job wait and then see
   * the lease. Pushes next_attempt_at to the end of the lease so the sweeper leaves it alone while the
   * request is in flight (and picks it up again if this worker dies). Null when not claimable now:
   * `load` says why. Batched with the other claims of the moment. Commits without waiting for the log
   * flush (the request waits on it): a claim lost in a crash of the database server only lets the
   * sweeper send the webhook again, under the same webhook-id.
   */
  claim(deliveryId: string, endpointId: string, now: Date, leaseUntil: Date): Promise<AttemptContext | null> {
    return this.claims.submit({ deliveryId, endpointId, now, leaseUntil });
  }

  private async claimMany(inputs: ClaimInput[]): Promise<Array<AttemptContext | null>> {
    const { rows } = await preparedQuery<Record<string, unknown>>(
      this.dataSource.manager,
      CLAIM_SQL,
      [inputs.map((i) => i.deliveryId), inputs.map((i) => i.endpointId), inputs.map((i) => i.now), inputs.map((i) => i.leaseUntil)],
    );
    // A delivery is claimed once, even if two runs of it asked in the same batch.
    const claimed = new Map(this.contexts(rows).map((ctx) => [ctx.delivery.id, ctx]));
    return inputs.map((i) => {
      const ctx = claimed.get(i.deliveryId) ?? null;
      claimed.delete(i.deliveryId);
      return ctx;
    });
  }

  /**
   * Gives back the leases the fan-out took for first attempts that will not be made here after all
   * (they go to the queue): due at once again, unless something else changed the delivery meanwhile.
   * Commits without waiting for the log flush: a release lost in a crash only delays the delivery to
   * its lease's end, when the sweeper finds it.
   */
  async releaseLeases(leased: AttemptContext[]): Promise<void> {
    if (leased.length === 0) return;
    await preparedQuery(
      this.dataSource.manager,
      RELEASE_LEASES_SQL,
      [leased.map((ctx) => ctx.delivery.id), leased.map((ctx) => ctx.delivery.nextAttemptAt)],
    );
  }

  /** Records the attempt and the delivery's new state; false when another run recorded it first. */
  async recordAttempt(tx: EntityManager, ctx: AttemptContext, outcome: AttemptOutcome, result: AttemptResult): Promise<boolean> {
    const attemptNumber = ctx.delivery.attemptCount + 1;
    const inserted: unknown[] = await tx.query(
      `INSERT INTO notifications.delivery_attempts (delivery_id, attempt_number, started_at, status_code, latency_ms, response_excerpt, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (delivery_id, attempt_number) DO NOTHING RETURNING id`,
      [ctx.delivery.id, attemptNumber, outcome.startedAt, outcome.statusCode, Math.max(0, outcome.latencyMs), outcome.responseExcerpt, outcome.error],
    );
    if (inserted.length === 0) return false;
    const updated = rowsOf(await tx.query(
      RECORD_ATTEMPT_SQL,
      [
        ctx.delivery.id,
        attemptNumber,
        outcome.startedAt,
        outcome.statusCode,
        outcome.error,
        result.kind === 'retry' ? 'pending' : result.kind,
        result.kind === 'retry' ? result.nextAttemptAt : null,
        ctx.delivery.attemptCount,
      ],
    ));
    return updated.length === 1;
  }

  /**
   * The common case without a transaction of its own: the attempt, the delivery's success, and the
   * endpoint's health — written only when it changes something (a failure run to clear, or
   * last_success_at older than `HEALTH_TOUCH_MS`), so many workers succeeding on one endpoint do not
   * queue on its row. False when another run recorded this attempt first or the delivery is no longer
   * pending. Batched with the other successes of the moment: one statement, one commit, which does not
   * wait for the log flush (lost in a crash of the database server, the delivery is sent again).
   */
  recordSuccess(ctx: AttemptContext, outcome: AttemptOutcome): Promise<boolean> {
    return this.successes.submit({ ctx, outcome });
  }

  private async recordSuccessMany(inputs: Array<{ ctx: AttemptContext; outcome: AttemptOutcome }>): Promise<boolean[]> {
    const { rows } = await preparedQuery<{ id: string }>(
      this.dataSource.manager,
      RECORD_SUCCESS_SQL,
      [
        inputs.map((i) => i.ctx.delivery.id),
        inputs.map((i) => i.ctx.delivery.attemptCount + 1),
        inputs.map((i) => i.outcome.startedAt),
        inputs.map((i) => i.outcome.statusCode),
        inputs.map((i) => Math.max(0, i.outcome.latencyMs)),
        inputs.map((i) => i.outcome.responseExcerpt),
        HEALTH_TOUCH_MS,
      ],
    );
    const recorded = new Set(rows.map((r) => r.id));
    // Only one of two runs of the same attempt in one batch recorded it.
    return inputs.map((i) => recorded.delete(i.ctx.delivery.id));
  }

  /** A success clears the failure run; a failure starts one. Returns when the run started. */
  async markEndpointHealth(tx: EntityManager, endpointId: string, success: boolean, at: Date): Promise<Date | null> {
    const rows = rowsOf<Record<string, unknown>>(await tx.query(
      success
        ? `UPDATE notifications.webhook_endpoints SET last_success_at = GREATEST(last_success_at, $2), failing_since = NULL
           WHERE id = $1 RETURNING failing_since`
        : `UPDATE notifications.webhook_endpoints SET failing_since = COALESCE(failing_since, $2)
           WHERE id = $1 RETURNING failing_since`,
      [endpointId, at],
    ));
    return entityFrom(tx, WebhookEndpoint, rows)?.failingSince ?? null;
  }

  async cancel(deliveryId: string, reason: string): Promise<void> {
    await this.dataSource.query(
      CANCEL_SQL,
      [deliveryId, reason],
    );
  }

  /** Pending deliveries of active endpoints overdue by more than `graceMs`: their job was lost. */
  async findOrphans(graceMs: number, limit: number): Promise<Array<{ deliveryId: string; endpointId: string }>> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT d.id, d.endpoint_id FROM notifications.deliveries d
       JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id
       WHERE d.state = 'pending' AND d.next_attempt_at < now() - make_interval(secs => $1::float8 / 1000)
         AND e.state = 'active' AND e.deleted_at IS NULL
       ORDER BY d.next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
    return entitiesFrom(this.dataSource.manager, Delivery, rows).map((d) => ({ deliveryId: d.id, endpointId: d.endpointId }));
  }
}
