import { envelopeHeaders, type EventEnvelope } from '@exchange/contracts';
import { preparedWrite, type SqlExecutor } from './prepared-query';
import { requireSynchronousCommit } from './commit-durability';
import { OUTBOX_NOTIFY_SETTING, wakeRelayAfterCommit } from './outbox-wakeup';

/** One row of a service's outbox: an event as the relay will publish it. */
export interface OutboxRow {
  envelope: EventEnvelope;
  topic: string;
  /** The Kafka key, as the event's contract derives it. */
  key: string;
  /** The CloudEvents binary-mode headers. */
  headers: Record<string, string>;
  /** The message value: the event's data as JSON. */
  payload: string;
}

/** The outbox row of an envelope bound for `topic` under `key` (the contract's `eventKey`). */
export function outboxRowOf(envelope: EventEnvelope, topic: string, key: string): OutboxRow {
  return { envelope, topic, key, headers: envelopeHeaders(envelope), payload: JSON.stringify(envelope.data) };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * The one statement that appends rows to `<schema>.outbox`, in their order (OutboxWriter writes
 * through it; so does the seed, which sits below libs/messaging).
 */
export async function insertOutboxRows(tx: SqlExecutor, schema: string, rows: readonly OutboxRow[]): Promise<void> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid outbox schema name: ${schema}`);
  if (rows.length === 0) return;
  // The relay may publish these rows as soon as they are visible: they must not be lost after that.
  requireSynchronousCommit(tx);
  // The relay in this process is woken after the commit; the trigger then sends no NOTIFY (outbox-wakeup.ts).
  const quiet = wakeRelayAfterCommit(tx, schema);
  // Nobody reads its answer: in a pipelined transaction it goes out with the COMMIT (preparedWrite).
  await preparedWrite(
    tx,
    (quiet ? `WITH quiet AS (SELECT set_config('${OUTBOX_NOTIFY_SETTING}', 'off', true)) ` : '') +
      `INSERT INTO "${schema}".outbox (id, topic, key, type, source, subject, time, headers, payload) ` +
      'SELECT e.* FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[], $9::jsonb[]) AS e' +
      (quiet ? ' CROSS JOIN quiet' : ''),
    [
      rows.map((r) => r.envelope.id),
      rows.map((r) => r.topic),
      rows.map((r) => r.key),
      rows.map((r) => r.envelope.type),
      rows.map((r) => r.envelope.source),
      rows.map((r) => r.envelope.subject),
      rows.map((r) => r.envelope.time),
      rows.map((r) => JSON.stringify(r.headers)),
      rows.map((r) => r.payload),
    ],
  );
}
