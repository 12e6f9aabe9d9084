import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createKafka, OutboxWriter, type EventConsumerOptions } from '@exchange/messaging';
import { collectMessages, messagingTestBed, numberedEvent, numberedMessage, uniqueName, waitFor } from '@exchange/messaging/testing';

/**
 * A fetched batch is applied in one database transaction (issue 13: one BEGIN/COMMIT per fetch, not
 * per event), offsets are committed by a timer rather than per batch, and a failing event still
 * leaves the others applied exactly once.
 */
describe('a consumer applying a fetched batch together', () => {
  const bed = messagingTestBed({ topic: 'test.batch-tx', partitions: 1, deadLetter: true, producer: true });
  const { schema, topic, kafka } = bed;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(() => bed.tearDown());

  const committedOffset = async (groupId: string) => {
    const admin = createKafka(kafka).admin();
    await admin.connect();
    try {
      const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return Number(entry?.partitions[0]?.offset ?? -1);
    } finally {
      await admin.disconnect();
    }
  };

  /** A consumer of the bed's topic that commits its offsets every `commitIntervalMs`; stopped after the suite. */
  const timedConsumer = (groupId: string, commitIntervalMs: number, handlers: EventConsumerOptions['handlers']) =>
    bed.consumer({ groupId, commitIntervalMs, handlers });

  it('applies the events of one fetch in one transaction, commits the offset after it, and de-duplicates within the batch', async () => {
    const key = randomUUID();
    const messages = Array.from({ length: 30 }, (_, n) => numberedMessage(key, n));
    const repeated = messages[7]!; // published twice (at-least-once): applied once
    await bed.producer.send({ topic, messages: [...messages, repeated] });
    const groupId = uniqueName('group');
    const consumer = timedConsumer(groupId, 300, {
      'startup.updated': async (event, tx) => {
        await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n, txid) VALUES ($1, $2, $3, txid_current())`, [
          event.id,
          key,
          Number(event.data.changedFields[0]),
        ]);
      },
    });
    await consumer.start();
    await waitFor(async () => (await dataSource.query(`SELECT 1 FROM "${schema}".effects WHERE key = $1`, [key])).length === 30, {
      what: 'the 30 events applied',
    });
    const rows: Array<{ n: number; txid: string }> = await dataSource.query(`SELECT n, txid FROM "${schema}".effects WHERE key = $1 ORDER BY id`, [key]);
    expect(rows.map((r) => r.n)).toEqual(messages.map((_, n) => n));
    // All 31 messages were on the partition before the consumer joined: one fetch, far fewer transactions than events.
    expect(new Set(rows.map((r) => r.txid)).size).toBeLessThanOrEqual(3);
    await waitFor(async () => (await committedOffset(groupId)) === 31, { what: 'the offset committed by the timer' });
  });

  it('applies the rest of a batch exactly once when one event fails, and dead-letters only that one', async () => {
    const key = randomUUID();
    const failingKey = randomUUID();
    await bed.producer.send({
      topic,
      messages: [numberedMessage(key, 0), numberedMessage(key, 1), numberedMessage(failingKey, 2), numberedMessage(key, 3)],
    });
    let failingAttempts = 0;
    const handledTimes = new Map<number, number>();
    const consumer = bed.consumer({
      deadLetterTopic: `${topic}.dlq`,
      maxAttempts: 2,
      retryBaseMs: 10,
      retryMaxMs: 20,
      handlers: {
        'startup.updated': async (event, tx) => {
          if (event.data.startup.id !== key && event.data.startup.id !== failingKey) return; // the first test's events
          const n = Number(event.data.changedFields[0]);
          handledTimes.set(n, (handledTimes.get(n) ?? 0) + 1);
          if (event.data.startup.id === failingKey) {
            failingAttempts += 1;
            throw new Error('this event cannot be applied');
          }
          await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, $3)`, [event.id, key, n]);
        },
      },
    });
    const collector = await collectMessages(kafka, `${topic}.dlq`);
    await consumer.start();
    await waitFor(async () => (await dataSource.query(`SELECT 1 FROM "${schema}".effects WHERE key = $1`, [key])).length >= 3, {
      what: 'the good events applied',
    });
    const applied: Array<{ n: number }> = await dataSource.query(`SELECT n FROM "${schema}".effects WHERE key = $1 ORDER BY id`, [key]);
    expect(applied.map((r) => r.n)).toEqual([0, 1, 3]);
    try {
      await waitFor(() => collector.messages.length >= 1, { what: 'the dead letter' });
      expect(collector.messages.map((m) => m.headers!['dlq-attempts']!.toString())).toEqual(['2']);
    } finally {
      await collector.stop();
    }
    // The batch's try counts as the failing event's first attempt: maxAttempts in all.
    expect(failingAttempts).toBe(2);
    expect(handledTimes.get(0)).toBeLessThanOrEqual(2); // once in the failed batch, once on its own
  });

  it('commits a batch without waiting for the log flush, unless it writes events, and commits offsets only after a flush', async () => {
    // PostgreSQL reports what each commit waited for: a deferred trigger runs inside COMMIT, just
    // before the commit record, and keeps the transaction's synchronous_commit.
    await dataSource.query(`
      CREATE TABLE "${schema}".commits (txid bigint PRIMARY KEY, setting text NOT NULL);
      CREATE FUNCTION "${schema}".record_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "${schema}".commits VALUES (txid_current(), current_setting('synchronous_commit')) ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER record_commit AFTER INSERT ON "${schema}".effects
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "${schema}".record_commit();`);
    const key = randomUUID();
    const writer = new OutboxWriter({ schema, source: '/test' });
    const flushedBeforeCommit: boolean[] = [];
    const groupId = uniqueName('group');
    const consumer = timedConsumer(groupId, 200, {
      'startup.updated': async (event, tx) => {
        if (event.data.startup.id !== key) return; // the other tests' events
        const n = Number(event.data.changedFields[0]);
        await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n, txid) VALUES ($1, $2, $3, txid_current())`, [event.id, key, n]);
        // The last event causes one of its own: the relay may publish it at once.
        if (n === 5) await writer.add(tx, numberedEvent(key, 50));
      },
    });
    // The offsets move only once the log is flushed past the consumer's asynchronous commits.
    const offsets = (consumer as unknown as { offsets: { options: { beforeCommit?: () => Promise<void> } } }).offsets.options;
    const flush = offsets.beforeCommit!;
    offsets.beforeCommit = async () => {
      const [{ lsn }] = await dataSource.query('SELECT pg_current_wal_insert_lsn()::text AS lsn');
      await flush();
      const [{ flushed }] = await dataSource.query('SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS flushed', [lsn]);
      flushedBeforeCommit.push(flushed);
    };
    await consumer.start();
    await bed.producer.send({ topic, messages: [0, 1, 2, 3, 4].map((n) => numberedMessage(key, n)) });
    const applied = async (count: number) => (await dataSource.query(`SELECT 1 FROM "${schema}".effects WHERE key = $1`, [key])).length === count;
    await waitFor(() => applied(5), { what: 'the first five events applied' });
    await bed.producer.send({ topic, messages: [numberedMessage(key, 5)] });
    await waitFor(() => applied(6), { what: 'the event that writes one' });
    const commits: Array<{ n: number; setting: string }> = await dataSource.query(
      `SELECT e.n, c.setting FROM "${schema}".effects e JOIN "${schema}".commits c ON c.txid = e.txid WHERE e.key = $1 ORDER BY e.n`,
      [key],
    );
    expect(commits).toEqual([0, 1, 2, 3, 4, 5].map((n) => ({ n, setting: n === 5 ? 'on' : 'off' })));
    await waitFor(async () => (await committedOffset(groupId)) > 0, { what: 'an offset committed' });
    expect(flushedBeforeCommit.length).toBeGreaterThan(0);
    expect(flushedBeforeCommit.every(Boolean)).toBe(true);
  });
});
