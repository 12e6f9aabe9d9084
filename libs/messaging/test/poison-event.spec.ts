import { randomUUID } from 'node:crypto';
import { ConfigResourceTypes } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka, deleteTopics, messagingMetrics, OutboxRelay, OutboxWriter } from '@exchange/messaging';
import { collectMessages, messagingTestBed, numberedEvent, uniqueName, waitFor } from '@exchange/messaging/testing';
import { runOutboxCli } from './fixtures/run-outbox-cli';

const TOPIC_MAX_MESSAGE_BYTES = 65_536;

/**
 * A row of about 100 KB, over the topic's limit: as a row written before the write-time cap existed
 * (or with the cap set above a topic's limit) would be. Inserted as the writer would insert it.
 */
async function insertOversizedRow(db: DataSource, schema: string, topic: string, key: string): Promise<string> {
  const event = numberedEvent(key, -1);
  const data = { ...event.data, startup: { ...event.data.startup, nameLatin: 'x'.repeat(100_000) } };
  const id = randomUUID();
  const time = new Date().toISOString();
  const headers = { ce_specversion: '1.0', ce_id: id, ce_type: event.type, ce_source: '/test', ce_time: time, 'content-type': 'application/json' };
  await db.query(
    `INSERT INTO "${schema}".outbox (id, topic, key, type, source, time, headers, payload) VALUES ($1, $2, $3, $4, '/test', $5, $6, $7)`,
    [id, topic, key, event.type, time, JSON.stringify(headers), JSON.stringify(data)],
  );
  return id;
}

async function metricValue(metric: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> }, schema: string) {
  const { values } = await metric.get();
  return values.filter((v) => v.labels.schema === schema).reduce((sum, v) => sum + v.value, 0);
}

// The broker really refuses the row: the topic's max.message.bytes is below the record's size (but
// above a request's worth of ordinary events), so the refusal is Kafka's own MESSAGE_TOO_LARGE.
describe('a row the broker refuses is parked; the pipeline flows on', () => {
  const bed = messagingTestBed({ clientId: 'poison-test' });
  const { schema, kafka } = bed;
  const topic = uniqueName('test.poison');
  let dataSource: DataSource;
  let relay: OutboxRelay;

  beforeAll(async () => {
    dataSource = await bed.setUp();
    // Its own topic, not the bed's: it needs a low max.message.bytes.
    const admin = createKafka(kafka).admin();
    await admin.connect();
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: 3, replicationFactor: 1, configEntries: [{ name: 'max.message.bytes', value: String(TOPIC_MAX_MESSAGE_BYTES) }] }],
      });
    } finally {
      await admin.disconnect();
    }
  });

  afterAll(async () => {
    await relay?.stop();
    await bed.tearDown();
    await deleteTopics(kafka, [topic]).catch(() => undefined);
  });

  it('parks the refused row with its error, delivers the next 100 events of its key in order, and re-publishes it once the topic takes it', async () => {
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const key = randomUUID();
    // Other keys land on other partitions of the same requests, before and after the refused row: the
    // broker appends their part of a request it refuses for the refused row's partition, and they
    // must flow on too (this is where a producer that kept its sequence numbers would stall).
    const otherKeys = Array.from({ length: 4 }, () => randomUUID());
    await writer.addAll(dataSource.manager, otherKeys.map((other) => numberedEvent(other, 0)));
    const poisonId = await insertOversizedRow(dataSource, schema, topic, key);
    for (let n = 0; n < 100; n += 10) {
      const others = otherKeys.map((other) => numberedEvent(other, n / 10 + 1));
      await dataSource.transaction((tx) => writer.addAll(tx, [...Array.from({ length: 10 }, (_, i) => numberedEvent(key, n + i)), ...others]));
    }

    const collector = await collectMessages(kafka, topic);
    try {
      // Small batches, so that a request of ordinary events stays under the topic's limit.
      relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, pollIntervalMs: 200, batchSize: 30 });
      relay.start();

      const numbersOf = (k: string) =>
        collector.messages.filter((m) => m.key!.toString() === k).map((m) => Number(JSON.parse(m.value!.toString()).changedFields[0]));
      const numbers = () => numbersOf(key);
      const firstSeen = (k: string) => numbersOf(k).filter((value, index, all) => all.indexOf(value) === index);
      await waitFor(() => firstSeen(key).filter((n) => n >= 0).length >= 100, { what: 'the 100 events after the refused one', timeoutMs: 60_000 });
      // In order, each once as first seen (a request split after a refusal may repeat a row, never skip one).
      expect(firstSeen(key)).toEqual(Array.from({ length: 100 }, (_, n) => n));
      await waitFor(() => otherKeys.every((k) => firstSeen(k).length >= 11), { what: 'the events of the other keys' });
      for (const other of otherKeys) expect(firstSeen(other)).toEqual(Array.from({ length: 11 }, (_, n) => n));

      const [parked] = await dataSource.query(`SELECT id, parked_at, parked_error, published_at FROM "${schema}".outbox WHERE id = $1`, [poisonId]);
      expect(parked.published_at).toBeNull();
      expect(parked.parked_at).toBeInstanceOf(Date);
      expect(parked.parked_error).toMatch(/^MESSAGE_TOO_LARGE: /);
      const [{ unpublished }] = await dataSource.query(
        `SELECT count(*)::int AS unpublished FROM "${schema}".outbox WHERE published_at IS NULL AND parked_at IS NULL`,
      );
      expect(unpublished).toBe(0);
      expect(await metricValue(messagingMetrics.outboxParkedTotal, schema)).toBe(1);
      await waitFor(async () => (await metricValue(messagingMetrics.outboxParked, schema)) === 1, { what: 'the parked gauge at 1' });

      const listing = await runOutboxCli(['parked', '--service', schema]);
      expect(listing.code).toBe(0);
      const line = listing.stdout.split('\n').find((l) => l.startsWith(poisonId));
      expect(line).toContain(schema);
      expect(line).toContain('startup.updated');
      expect(line).toContain(key);
      expect(line).toContain('MESSAGE_TOO_LARGE');

      // Re-published before the fix: refused again, parked again, and the command says so.
      const tooEarly = await runOutboxCli(['republish', poisonId, '--service', schema, '--wait', '30']);
      expect(tooEarly.code).toBe(1);
      expect(tooEarly.stdout).toContain('refused again and parked');
      expect(await metricValue(messagingMetrics.outboxParkedTotal, schema)).toBe(2);

      // The fix: the topic takes records up to the broker's default maximum.
      const admin = createKafka(kafka).admin();
      await admin.connect();
      try {
        await admin.alterConfigs({
          validateOnly: false,
          resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [{ name: 'max.message.bytes', value: '1048588' }] }],
        });
      } finally {
        await admin.disconnect();
      }

      const republished = await runOutboxCli(['republish', poisonId, '--service', schema, '--wait', '30']);
      expect(republished.stdout).toContain('it will arrive after 100 later event(s)');
      expect(republished.stdout).toContain(`${poisonId}: published`);
      expect(republished.code).toBe(0);

      // It arrives after the events that went on without it: out of order for its key, as documented.
      await waitFor(() => numbers().includes(-1), { what: 'the re-published event', timeoutMs: 30_000 });
      expect(numbers().indexOf(-1)).toBeGreaterThan(numbers().indexOf(99));
      const [after] = await dataSource.query(`SELECT parked_at, parked_error, published_at FROM "${schema}".outbox WHERE id = $1`, [poisonId]);
      expect(after).toMatchObject({ parked_at: null, parked_error: null });
      expect(after.published_at).toBeInstanceOf(Date);
      await waitFor(async () => (await metricValue(messagingMetrics.outboxParked, schema)) === 0, { what: 'the parked gauge back at 0' });
    } finally {
      await collector.stop();
    }
  }, 180_000);
});
