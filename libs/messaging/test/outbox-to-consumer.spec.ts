import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumer, OutboxRelay, OutboxWriter } from '@exchange/messaging';
import { messagingTestBed, numberedEvent, uniqueName, waitFor } from '@exchange/messaging/testing';

// Also the proof that kafkajs speaks to the Kafka 4 broker (KIP-896 removed old protocol versions):
// produce (idempotent), consumer groups, offset commits and admin calls all run against it here.
describe('outbox → relay → Kafka → idempotent consumer', () => {
  const bed = messagingTestBed({ topic: 'test.outbox', partitions: 6, deadLetter: true, poolSize: 4 });
  const { schema, topic, kafka } = bed;
  let dataSource: DataSource;
  let relay: OutboxRelay;
  let consumer: EventConsumer;

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(async () => {
    await consumer?.stop();
    await relay?.stop();
    await bed.tearDown();
  });

  it('delivers 1,000 events written through the outbox, each applied once and in order per key', async () => {
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const keys = Array.from({ length: 25 }, () => randomUUID());
    const perKey = 40;

    // Written in many small transactions, interleaving keys, as services would.
    for (let n = 0; n < perKey; n++) {
      await dataSource.transaction((tx) => writer.addAll(tx, keys.map((key) => numberedEvent(key, n))));
    }

    consumer = new EventConsumer({
      groupId: uniqueName('group'),
      schema,
      topics: [topic],
      deadLetterTopic: `${topic}.dlq`,
      dataSource,
      kafka,
      handlers: {
        'startup.updated': async (event, tx) => {
          await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, $3)`, [
            event.id,
            event.data.startup.id,
            Number(event.data.changedFields[0]),
          ]);
        },
      },
    });
    await consumer.start();
    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, batchSize: 200 });
    relay.start();

    const total = keys.length * perKey;
    await waitFor(
      async () => {
        const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM "${schema}".effects`);
        return count >= total;
      },
      { timeoutMs: 60_000, what: `${total} effects` },
    );

    const rows: { key: string; n: number }[] = await dataSource.query(
      `SELECT key, n FROM "${schema}".effects ORDER BY id`,
    );
    expect(rows).toHaveLength(total);
    for (const key of keys) {
      const seen = rows.filter((r) => r.key === key).map((r) => r.n);
      expect(seen).toEqual(Array.from({ length: perKey }, (_, n) => n));
    }
    const [{ unpublished }] = await dataSource.query(
      `SELECT count(*)::int AS unpublished FROM "${schema}".outbox WHERE published_at IS NULL`,
    );
    expect(unpublished).toBe(0);
  });

  it('writes no event when the transaction fails', async () => {
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const key = randomUUID();
    await expect(
      dataSource.transaction(async (tx) => {
        await writer.add(tx, numberedEvent(key, 0));
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM "${schema}".outbox WHERE key = $1`, [key]);
    expect(count).toBe(0);
  });

  it('refuses to write an event that breaks its schema', async () => {
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const bad = numberedEvent(randomUUID(), 0);
    (bad.data.startup as { readinessLevel: number }).readinessLevel = 12;
    await expect(dataSource.transaction((tx) => writer.add(tx, bad))).rejects.toThrow(/startup\.readinessLevel/);
  });
});
