import { Client } from 'pg';
import { preparedQuery, registerActiveRelay } from '@exchange/data';
import type { Producer } from 'kafkajs';
import { backoffDelay, delay } from './backoff';
import { describeRefusal, recordRefusalType } from './broker-refusal';
import { createKafka, idempotentProducerConfig, type KafkaSettings } from './kafka-client';
import { jsonLogger, type MessagingLogger } from './logger';
import { messagingMetrics } from './metrics';

export interface OutboxRelayOptions {
  databaseUrl: string;
  /** The service schema whose `outbox` table this relay drains. */
  schema: string;
  kafka: KafkaSettings;
  /** Rows per Kafka batch. */
  batchSize?: number;
  /** Polling fallback when no NOTIFY arrives (a lost notification never strands a row for longer). */
  pollIntervalMs?: number;
  /** How often a standby instance tries to take over the relay lock. */
  standbyRetryMs?: number;
  /** Published rows older than this are deleted. */
  retentionMs?: number;
  /**
   * Bytes of rows per Kafka request. The broker caps each partition's batch (max.message.bytes, about
   * 1 MiB by default), so a few large events that meet on one partition must not share a request.
   */
  maxBatchBytes?: number;
  logger?: MessagingLogger;
}

/** An unpublished outbox row as the relay reads it (the value as text, sent as it is). */
interface PendingRow {
  id: string;
  topic: string;
  key: string;
  headers: Record<string, string>;
  payload: string;
  created_at: Date;
}

/** Rows per request are bounded in bytes too; this leaves room for record and batch framing. */
const DEFAULT_MAX_BATCH_BYTES = 900_000;
/** How often the parked-rows gauge is recounted (an operator may re-publish rows at any time). */
const PARKED_GAUGE_INTERVAL_MS = 5_000;

/** Approximate bytes of a row on the wire: key, value and headers. */
function rowBytes(row: PendingRow): number {
  let bytes = row.key.length + Buffer.byteLength(row.payload);
  for (const name in row.headers) bytes += name.length + row.headers[name].length;
  return bytes;
}

/** Consecutive slices of `rows`, each at most `maxBytes` (a single larger row goes alone). */
function chunksByBytes(rows: PendingRow[], maxBytes: number): PendingRow[][] {
  const chunks: PendingRow[][] = [];
  let current: PendingRow[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = rowBytes(row);
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Publishes a service's outbox rows to Kafka in `seq` order.
 *
 * - One active relay per schema: the instance holding a session advisory lock publishes; others wait
 *   as standbys and take over when its connection drops.
 * - Woken by LISTEN/NOTIFY (the outbox trigger), with polling as the fallback; by a transaction of its
 *   own process directly after the commit, which then sends no NOTIFY (libs/data outbox-wakeup.ts).
 * - Idempotent producer, acks from all in-sync replicas, one request in flight: per-key order holds
 *   across retries. A row is marked published only after Kafka acknowledged it, so a crash between the
 *   two republishes it (at-least-once); consumers de-duplicate by event id. While more rows wait, the
 *   mark travels with the next batch's read (one statement per batch); before the relay sleeps, on
 *   its own.
 * - Never stalls on one row: a row the broker refuses for a reason no retry can fix (too large, invalid
 *   record: see broker-refusal.ts) is found by splitting the failed request, then parked (`parked_at`,
 *   `parked_error`), counted, logged as an error and skipped; the rows after it flow on. Any other
 *   failure (broker down, leader moving) retries the batch with backoff as before.
 *
 * What parking means for order: the later events of the parked row's key are published without it,
 * still in order among themselves. When an operator re-publishes the parked row, it is published
 * after them, so consumers see it out of order; the operator command says how many came after.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly standbyRetryMs: number;
  private readonly retentionMs: number;
  private readonly maxBatchBytes: number;
  private readonly logger: MessagingLogger;
  private readonly channel: string;
  private readonly lockKey: string;

  private client: Client | null = null;
  private producer: Producer | null = null;
  private active = false;
  /** Deregisters this relay from the writers of its process (while it is active). */
  private deregister: (() => void) | null = null;
  private wake: (() => void) | null = null;
  private notified = false;
  private loop: Promise<void> | null = null;
  private readonly stopping = new AbortController();
  private lastPrune = 0;
  private lastParkedCount = 0;
  /** Rows Kafka acknowledged that are not marked published yet (see publishBatch). */
  private unmarked: PendingRow[] = [];

  constructor(private readonly options: OutboxRelayOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid outbox schema: ${options.schema}`);
    this.batchSize = options.batchSize ?? 500;
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.standbyRetryMs = options.standbyRetryMs ?? 2_000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.maxBatchBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
    this.logger = options.logger ?? jsonLogger(`outbox-relay:${options.schema}`);
    this.channel = `${options.schema}_outbox`;
    this.lockKey = `exchange.outbox-relay.${options.schema}`;
  }

  /** True while this instance holds the lock and publishes. */
  get isActive(): boolean {
    return this.active;
  }

  private setActive(active: boolean): void {
    this.active = active;
    if (!active) {
      this.deregister?.();
      this.deregister = null;
    }
    messagingMetrics.relayActive.set({ schema: this.options.schema }, active ? 1 : 0);
  }

  start(): void {
    if (this.loop) return;
    this.setActive(false);
    this.loop = this.run();
  }

  /** Finishes the batch in flight, releases the lock and closes connections. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        if (!this.active) {
          await this.tryBecomeActive();
          if (!this.active) {
            await delay(this.standbyRetryMs, this.stopping.signal);
            continue;
          }
        }
        this.notified = false;
        const read = await this.publishBatch();
        failures = 0;
        await this.pruneIfDue();
        await this.countParkedIfDue();
        if (read < this.batchSize && !this.notified) {
          // Nothing more is known to wait: mark what was published now rather than with the next read.
          await this.markPublished();
          await this.waitForWork();
        }
      } catch (error) {
        failures += 1;
        const wait = backoffDelay(failures, 200, 10_000);
        this.logger.warn('outbox relay batch failed; retrying', {
          schema: this.options.schema,
          error: (error as Error).message,
          retryInMs: wait,
        });
        await this.resetProducer();
        if (this.client && !(await this.clientAlive())) await this.closeClient();
        await delay(wait, this.stopping.signal);
      }
    }
    // Stopped between a batch and the read that would have marked it: mark it now (best effort; a
    // row left unmarked is published again by the next relay, as after a crash).
    if (this.active) await this.markPublished().catch(() => undefined);
    await this.resetProducer();
    await this.closeClient();
  }

  private async tryBecomeActive(): Promise<void> {
    if (!this.client) {
      const client = new Client({
        connectionString: this.options.databaseUrl,
        application_name: `outbox-relay:${this.options.schema}`,
        // The outbox grows and shrinks by orders of magnitude, and every statement of the relay has
        // an index made for it. A generic plan, cached once a statement has run a few times, is
        // costed on the table as it was then: prepared on a young outbox it seq-scanned the table on
        // every poll for the connection's life (0.2 ms a poll growing to 6.6 ms within two minutes at
        // 100 events/s). Planning every run instead cost a quarter of bench:relay's throughput (the
        // mark's 1,000 ids); with sequential scans off the cached plans keep to the indexes.
        // Its marks (and parks and prunes) commit without waiting for the log flush: the next read
        // goes out in the same statement as the mark, and a mark lost in a crash of the database
        // server only publishes those rows again, which the consumers' inboxes skip.
        options: '-c enable_seqscan=off -c synchronous_commit=off',
      });
      client.on('error', (error) => {
        // The connection (and so the lock) is gone: the loop reconnects and competes for the lock again.
        this.logger.warn('outbox relay connection lost', { error: error.message });
        this.setActive(false);
        this.client = null;
        this.wake?.();
      });
      client.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      await client.connect();
      this.client = client;
    }
    const result = await this.client.query<{ locked: boolean; database: string }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS locked, current_database() AS database',
      [this.lockKey],
    );
    if (!result.rows[0].locked) return;
    await this.client.query(`LISTEN "${this.channel}"`);
    this.setActive(true);
    this.deregister = registerActiveRelay(result.rows[0].database, this.options.schema, () => {
      this.notified = true;
      this.wake?.();
    });
    this.logger.log('outbox relay active', { schema: this.options.schema });
  }

  /**
   * Reads the next rows, marking in the same statement those the last batch published (under load
   * the relay goes straight from one batch to the next: one statement per batch, not two), and sends
   * them. Returns how many rows it read.
   */
  private async publishBatch(): Promise<number> {
    const client = this.client!;
    const marking = this.unmarked;
    this.unmarked = [];
    // Prepared once on the relay's connection. The UPDATE runs whether or not the SELECT reads it;
    // the SELECT sees the table as it was before it, so the rows being marked are left out by id.
    const { rows } = await preparedQuery<PendingRow>(
      client,
      `WITH marked AS (UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[]) RETURNING id) ` +
        `SELECT id, topic, key, headers, payload::text AS payload, created_at FROM "${this.options.schema}".outbox ` +
        'WHERE published_at IS NULL AND parked_at IS NULL AND id <> ALL($1::uuid[]) ORDER BY seq LIMIT $2',
      [marking.map((r) => r.id), this.batchSize],
    ).catch((error: unknown) => {
      this.unmarked.unshift(...marking);
      throw error;
    });
    this.countPublished(marking);
    if (rows.length === 0) {
      messagingMetrics.outboxPending.set({ schema: this.options.schema }, 0);
      return 0;
    }
    const published: PendingRow[] = [];
    try {
      for (const chunk of chunksByBytes(rows, this.maxBatchBytes)) await this.sendParkingRefused(chunk, published);
    } finally {
      // Whatever the broker acknowledged is marked, also when a later request failed: with the next
      // read (also the retry after a failure), or before the relay sleeps or stops.
      this.unmarked.push(...published);
    }
    return rows.length;
  }

  /**
   * Sends `rows` in one request. If the broker refuses a record of it for good, splits the request in
   * halves (left first, so seq order holds) until the refused row stands alone, and parks it. A half
   * may re-send rows the failed request had already written: at-least-once, as after any retry.
   *
   * After each refusal the producer is replaced: kafkajs rolls back its idempotence sequence numbers
   * for every partition of a failed request, also those the broker did append, so the next request
   * from the same producer would be refused as out of order, for ever. A new producer id starts clean.
   */
  private async sendParkingRefused(rows: PendingRow[], published: PendingRow[]): Promise<void> {
    try {
      await this.send(rows);
      published.push(...rows);
    } catch (error) {
      const refusal = recordRefusalType(error);
      if (!refusal) throw error;
      await this.resetProducer();
      if (rows.length === 1) return this.park(rows[0], refusal, error);
      const middle = Math.ceil(rows.length / 2);
      await this.sendParkingRefused(rows.slice(0, middle), published);
      await this.sendParkingRefused(rows.slice(middle), published);
    }
  }

  private async send(rows: PendingRow[]): Promise<void> {
    const producer = await this.getProducer();
    // Group by topic, keeping seq order inside each topic; per-key order follows from that.
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const row of rows) {
      const list = byTopic.get(row.topic) ?? [];
      list.push({ key: row.key, value: row.payload, headers: row.headers });
      byTopic.set(row.topic, list);
    }
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
    });
  }

  /** Marks the rows published and not marked yet, on its own: before the relay sleeps, or when it stops. */
  private async markPublished(): Promise<void> {
    const rows = this.unmarked;
    if (rows.length === 0) return;
    this.unmarked = [];
    try {
      await preparedQuery(this.client!, `UPDATE "${this.options.schema}".outbox SET published_at = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
    } catch (error) {
      this.unmarked.unshift(...rows);
      throw error;
    }
    this.countPublished(rows);
  }

  private countPublished(rows: PendingRow[]): void {
    if (rows.length === 0) return;
    const now = Date.now();
    const labels = { schema: this.options.schema };
    messagingMetrics.outboxPublished.inc(labels, rows.length);
    for (const row of rows) messagingMetrics.outboxLag.observe(labels, (now - row.created_at.getTime()) / 1000);
  }

  private async park(row: PendingRow, refusal: string, error: unknown): Promise<void> {
    const reason = describeRefusal(refusal, error);
    await this.client!.query(`UPDATE "${this.options.schema}".outbox SET parked_at = now(), parked_error = $2 WHERE id = $1`, [
      row.id,
      reason,
    ]);
    messagingMetrics.outboxParkedTotal.inc({ schema: this.options.schema, reason: refusal });
    this.logger.error('outbox row parked: the broker refuses it for good; later rows go on (npm run outbox -- parked)', {
      schema: this.options.schema,
      id: row.id,
      topic: row.topic,
      key: row.key,
      type: row.headers.ce_type,
      bytes: rowBytes(row),
      error: reason,
    });
    this.lastParkedCount = 0; // recount now
  }

  /** Keeps the parked-rows gauge true, also after an operator re-published rows. */
  private async countParkedIfDue(): Promise<void> {
    if (Date.now() - this.lastParkedCount < PARKED_GAUGE_INTERVAL_MS) return;
    this.lastParkedCount = Date.now();
    const { rows } = await this.client!.query<{ parked: number }>(
      `SELECT count(*)::int AS parked FROM "${this.options.schema}".outbox WHERE parked_at IS NOT NULL`,
    );
    messagingMetrics.outboxParked.set({ schema: this.options.schema }, rows[0].parked);
  }

  /** Sleeps until a NOTIFY, the poll interval, or stop(), whichever comes first. */
  private waitForWork(): Promise<void> {
    if (this.notified || this.stopping.signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    await this.client!.query(
      `DELETE FROM "${this.options.schema}".outbox WHERE published_at < now() - make_interval(secs => $1)`,
      [this.retentionMs / 1000],
    );
  }

  private async getProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = createKafka(this.options.kafka).producer(idempotentProducerConfig());
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async resetProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private async clientAlive(): Promise<boolean> {
    try {
      await this.client!.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.setActive(false);
    // Closing the session releases the advisory lock for a standby.
    await client?.end().catch(() => undefined);
  }
}
