import type { Client } from 'pg';

/**
 * What an operator does with parked outbox rows (see OutboxRelay): list them, and re-publish them once
 * the cause is fixed (a topic's max.message.bytes raised, a broker setting corrected). Re-publishing
 * clears the park marks and wakes the service's relay, which publishes the rows in seq order before
 * anything newer; a row the broker still refuses is parked again.
 */

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

export interface ParkedRow {
  id: string;
  schema: string;
  topic: string;
  type: string;
  key: string;
  /** Key, value and headers, about as the relay sends them. */
  bytes: number;
  error: string;
  parkedAt: Date;
  createdAt: Date;
}

export interface RepublishedRow {
  id: string;
  schema: string;
  type: string;
  key: string;
  /** Events of the same key written after it: the consumers will see the re-published one after them. */
  laterEventsOfKey: number;
}

export type RowState = 'published' | 'parked' | 'pending' | 'gone';

function outboxTable(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  return `"${schema}".outbox`;
}

/** True when `schema` has an outbox table (with the park columns), so the commands can name a wrong one. */
export async function hasOutbox(db: Client, schema: string): Promise<boolean> {
  if (!SCHEMA_NAME.test(schema)) return false;
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'outbox' AND column_name = 'parked_at') AS found`,
    [schema],
  );
  return rows[0].found;
}

export async function listParked(db: Client, schema: string): Promise<ParkedRow[]> {
  const { rows } = await db.query<Omit<ParkedRow, 'schema'>>(
    `SELECT id, topic, type, key, parked_error AS error, parked_at AS "parkedAt", created_at AS "createdAt",
            (octet_length(key) + octet_length(payload::text) + octet_length(headers::text))::int AS bytes
       FROM ${outboxTable(schema)} WHERE parked_at IS NOT NULL ORDER BY seq`,
  );
  return rows.map((row) => ({ ...row, schema }));
}

/**
 * Un-parks the given rows (or every parked row when `ids` is 'all') and wakes the relay. Returns the
 * rows it un-parked; ids that are not parked in this schema are left out.
 */
export async function republishParked(db: Client, schema: string, ids: string[] | 'all'): Promise<RepublishedRow[]> {
  const table = outboxTable(schema);
  const { rows } = await db.query<{ id: string; seq: string; type: string; key: string }>(
    `UPDATE ${table} SET parked_at = NULL, parked_error = NULL
      WHERE parked_at IS NOT NULL AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[]))
      RETURNING id, seq, type, key`,
    [ids === 'all' ? null : ids],
  );
  if (rows.length === 0) return [];
  // UPDATE does not fire the outbox's INSERT trigger: notify as it would, so the relay starts now.
  await db.query('SELECT pg_notify($1, $2)', [`${schema}_outbox`, '']);
  const result: RepublishedRow[] = [];
  for (const row of rows.sort((a, b) => Number(BigInt(a.seq) - BigInt(b.seq)))) {
    const later = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE key = $1 AND seq > $2`, [row.key, row.seq]);
    result.push({ id: row.id, schema, type: row.type, key: row.key, laterEventsOfKey: later.rows[0].n });
  }
  return result;
}

/** Where a row stands now: published by the relay, parked (again), still waiting, or pruned. */
export async function rowState(db: Client, schema: string, id: string): Promise<{ state: RowState; error?: string }> {
  const { rows } = await db.query<{ published: boolean; error: string | null }>(
    `SELECT published_at IS NOT NULL AS published, parked_error AS error FROM ${outboxTable(schema)} WHERE id = $1`,
    [id],
  );
  if (rows.length === 0) return { state: 'gone' };
  if (rows[0].published) return { state: 'published' };
  if (rows[0].error !== null) return { state: 'parked', error: rows[0].error };
  return { state: 'pending' };
}
