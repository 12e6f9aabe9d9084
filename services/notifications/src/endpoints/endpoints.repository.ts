import type { CREATED_AT_ID, Keyset } from '@exchange/platform';
import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import { entitiesFrom, entityFrom, WebhookEndpoint } from '@exchange/data';
import { TEST_EVENT_TYPE, toLikePatterns } from '../webhook-sending/event-type-patterns';
import { rowsOf } from '../common/sql';
import type { SealedSecrets, StoredSecretColumns } from '../signing/endpoint-secrets';

/** An endpoint of a list page, with `created_at` as PostgreSQL prints it (microseconds kept) for its cursor. */
export interface ListedEndpoint {
  endpoint: WebhookEndpoint;
  cursorAt: string;
}

/** What an endpoint's owner may change through `update` (TypeORM bumps `version` and `updatedAt`). */
export type EndpointChanges = Partial<Pick<WebhookEndpoint, 'url' | 'eventTypes' | 'description' | 'state' | 'disabledReason' | 'disabledAt' | 'failingSince' | 'deletedAt'>>;

/** Every column but the secrets: those are read only to sign or to seal again. */
const COLUMNS = `id, organisation_id, url, description, event_types, state, disabled_reason, disabled_at, last_success_at,
  failing_since, previous_secret_expires_at, created_by, version, created_at, updated_at, deleted_at`;

/** The SQL of webhook endpoints. Every read is scoped to the caller's organisation. */
@Injectable()
export class EndpointsRepository {
  /** The id is chosen by the caller: the sealed secret is bound to it. */
  async insert(
    db: EntityManager,
    e: { id: string; organisationId: string; url: string; description: string | null; eventTypes: string[]; sealed: SealedSecrets; createdBy: string },
  ): Promise<WebhookEndpoint> {
    const rows: Record<string, unknown>[] = await db.query(
      `INSERT INTO notifications.webhook_endpoints (id, organisation_id, url, description, event_types, secret_sealed, secret_key_id, created_by)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING ${COLUMNS}`,
      [e.id, e.organisationId, e.url, e.description, e.eventTypes, e.sealed.secretSealed, e.sealed.keyId, e.createdBy],
    );
    return entitiesFrom(db, WebhookEndpoint, rows)[0];
  }

  /**
   * Serialises endpoint creation within one organisation until the transaction ends, so two
   * concurrent registrations cannot both pass the per-organisation cap.
   */
  async lockOrganisation(db: EntityManager, organisationId: string): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtextextended('notifications.webhook_endpoints/' || $1::text, 0))`, [organisationId]);
  }

  /** Endpoints of the organisation that are not deleted (paused and disabled ones count). */
  countLive(db: EntityManager, organisationId: string): Promise<number> {
    return db.getRepository(WebhookEndpoint).countBy({ organisationId, deletedAt: IsNull() });
  }

  /** How many endpoints are not sealed under `keyId` (plain, or under another key), per key; null is plain. */
  async countNotUnderKey(db: EntityManager, keyId: string): Promise<Array<{ keyId: string | null; endpoints: number }>> {
    const rows: Array<{ key_id: string | null; endpoints: number }> = await db.query(
      `SELECT secret_key_id AS key_id, count(*)::int AS endpoints FROM notifications.webhook_endpoints
       WHERE secret_key_id IS DISTINCT FROM $1 GROUP BY secret_key_id`,
      [keyId],
    );
    return rows.map((r) => ({ keyId: r.key_id, endpoints: r.endpoints }));
  }

  /** The next batch by id of endpoints not sealed under `keyId`, locked until the transaction ends. */
  async lockNotUnderKey(tx: EntityManager, afterId: string, keyId: string, limit: number): Promise<Array<StoredSecretColumns & Pick<WebhookEndpoint, 'id'>>> {
    const rows: Record<string, unknown>[] = await tx.query(
      `SELECT id, secret, previous_secret, secret_sealed, previous_secret_sealed, secret_key_id
       FROM notifications.webhook_endpoints
       WHERE id > $1 AND secret_key_id IS DISTINCT FROM $2 ORDER BY id LIMIT $3 FOR UPDATE`,
      [afterId, keyId, limit],
    );
    return entitiesFrom(tx, WebhookEndpoint, rows);
  }

  /** Stores secrets sealed again under `keyId`, dropping plain copies; no version change (not an edit). */
  async resealAll(tx: EntityManager, keyId: string, sealed: Array<{ id: string; secretSealed: string; previousSecretSealed: string | null }>): Promise<void> {
    if (sealed.length === 0) return;
    await tx.query(
      `UPDATE notifications.webhook_endpoints e SET secret = NULL, previous_secret = NULL,
         secret_sealed = u.secret_sealed, previous_secret_sealed = u.previous_secret_sealed, secret_key_id = $4
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, secret_sealed, previous_secret_sealed)
       WHERE e.id = u.id`,
      [sealed.map((s) => s.id), sealed.map((s) => s.secretSealed), sealed.map((s) => s.previousSecretSealed), keyId],
    );
  }

  /** The stored secret columns of an endpoint the caller has locked. */
  async storedSecrets(db: EntityManager, id: string): Promise<StoredSecretColumns> {
    return db.getRepository(WebhookEndpoint).findOneOrFail({
      select: { secret: true, previousSecret: true, secretSealed: true, previousSecretSealed: true, secretKeyId: true },
      where: { id },
    });
  }

  /** Writes the new sealed secrets (and clears any plain ones); false when the row is gone. */
  async replaceSecrets(db: EntityManager, id: string, sealed: SealedSecrets, previousExpiresAt: Date | null): Promise<boolean> {
    const rows = rowsOf<{ id: string }>(await db.query(
      `UPDATE notifications.webhook_endpoints SET secret = NULL, previous_secret = NULL,
         secret_sealed = $2, previous_secret_sealed = $3, secret_key_id = $4, previous_secret_expires_at = $5,
         version = version + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id, sealed.secretSealed, sealed.previousSecretSealed, sealed.keyId, previousExpiresAt],
    ));
    return rows.length === 1;
  }

  async find(db: EntityManager, organisationId: string, id: string, lock = false): Promise<WebhookEndpoint | null> {
    const rows: Record<string, unknown>[] = await db.query(
      `SELECT ${COLUMNS} FROM notifications.webhook_endpoints
       WHERE id = $1 AND organisation_id = $2 AND deleted_at IS NULL ${lock ? 'FOR UPDATE' : ''}`,
      [id, organisationId],
    );
    return entityFrom(db, WebhookEndpoint, rows);
  }

  async list(db: EntityManager, organisationId: string, after: Keyset<typeof CREATED_AT_ID> | null, limit: number): Promise<ListedEndpoint[]> {
    const rows: Array<Record<string, unknown> & { cursor_at: string }> = await db.query(
      `SELECT ${COLUMNS}, created_at::text AS cursor_at FROM notifications.webhook_endpoints
       WHERE organisation_id = $1 AND deleted_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) > ($2, $3::uuid))
       ORDER BY created_at, id LIMIT $4`,
      [organisationId, after?.[0] ?? null, after?.[1] ?? null, limit],
    );
    const endpoints = entitiesFrom(db, WebhookEndpoint, rows);
    return rows.map((row, i) => ({ endpoint: endpoints[i], cursorAt: row.cursor_at }));
  }

  /** Applies `changes` if the version still matches (TypeORM bumps `version` and `updatedAt`); null when it is stale. */
  async update(db: EntityManager, id: string, version: number, changes: EndpointChanges): Promise<WebhookEndpoint | null> {
    const result = await db
      .createQueryBuilder()
      .update(WebhookEndpoint)
      .set(changes)
      .where('id = :id AND version = :version AND deleted_at IS NULL', { id, version })
      .returning(COLUMNS)
      .updateEntity(false)
      .execute();
    return entityFrom(db, WebhookEndpoint, result.raw);
  }

  /** Disables a live endpoint (not yet disabled, not deleted); null when there was nothing to disable. */
  async disable(db: EntityManager, id: string, reason: string): Promise<Pick<WebhookEndpoint, 'id' | 'organisationId' | 'url' | 'lastSuccessAt'> | null> {
    const rows = rowsOf<Record<string, unknown>>(
      await db.query(
        `UPDATE notifications.webhook_endpoints
         SET state = 'disabled', disabled_reason = $2, disabled_at = now(), version = version + 1, updated_at = now()
         WHERE id = $1 AND state <> 'disabled' AND deleted_at IS NULL
         RETURNING id, organisation_id, url, last_success_at`,
        [id, reason],
      ),
    );
    return entityFrom(db, WebhookEndpoint, rows);
  }

  async cancelPending(db: EntityManager, endpointId: string, reason: string): Promise<void> {
    await db.query(
      `UPDATE notifications.deliveries SET state = 'cancelled', next_attempt_at = NULL, last_error = $2, updated_at = now()
       WHERE endpoint_id = $1 AND state = 'pending'`,
      [endpointId, reason],
    );
  }

  /** Pending deliveries of an endpoint, due now (after a resume). */
  async duePending(db: EntityManager, endpointId: string): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(await db.query(
      `UPDATE notifications.deliveries SET next_attempt_at = LEAST(COALESCE(next_attempt_at, now()), now()), updated_at = now()
       WHERE endpoint_id = $1 AND state = 'pending' RETURNING id`,
      [endpointId],
    ));
    return rows.map((r) => r.id);
  }

  async insertTestEvent(db: EntityManager, event: { id: string; organisationId: string; data: unknown }): Promise<Date> {
    const rows: Array<{ time: Date }> = await db.query(
      `INSERT INTO notifications.events (id, type, source, subject, topic, key, time, programme_id, organisation_ids, data)
       VALUES ($1, 'webhook.test', '/services/notifications', NULL, 'none', NULL, now(), NULL, ARRAY[$2::uuid], $3::jsonb) RETURNING time`,
      [event.id, event.organisationId, JSON.stringify(event.data)],
    );
    return rows[0].time;
  }

  /** The one delivery of a test event, due at once; answers its id. */
  async insertTestDelivery(db: EntityManager, endpointId: string, eventId: string, eventTime: Date): Promise<string> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
       VALUES ($1, $2, $3, $4, now()) RETURNING id`,
      [endpointId, eventId, TEST_EVENT_TYPE, eventTime],
    );
    return rows[0].id;
  }

  /** Creates deliveries to the endpoint for every event of the range it matches and may see. */
  async replayCreate(db: EntityManager, endpoint: WebhookEndpoint, from: string, to: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await db.query(
      `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
       SELECT $1, ev.id, ev.type, ev.time, now() FROM notifications.events ev
       WHERE ev.time >= $3 AND ev.time < $4 AND $2::uuid = ANY(ev.organisation_ids) AND ev.type <> 'webhook.test' AND ev.type LIKE ANY($5::text[])
       ORDER BY ev.time
       ON CONFLICT (endpoint_id, event_id) DO NOTHING RETURNING id`,
      [endpoint.id, endpoint.organisationId, from, to, toLikePatterns(endpoint.eventTypes)],
    );
    return rows.map((r) => r.id);
  }

  /** Starts a new retry round for the endpoint's finished deliveries of the range. */
  async replayRequeue(db: EntityManager, endpointId: string, from: string, to: string, includeSucceeded: boolean): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(await db.query(
      `UPDATE notifications.deliveries SET state = 'pending', next_attempt_at = now(), retry_round_start = attempt_count,
         succeeded_at = NULL, failed_at = NULL, updated_at = now()
       WHERE endpoint_id = $1 AND event_time >= $2 AND event_time < $3
         AND (state IN ('failed', 'cancelled') OR ($4 AND state = 'succeeded')) RETURNING id`,
      [endpointId, from, to, includeSucceeded],
    ));
    return rows.map((r) => r.id);
  }
}
