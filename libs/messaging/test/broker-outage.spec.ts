import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ensureTopics, OutboxRelay, OutboxWriter } from '@exchange/messaging';
import {
  collectMessages,
  freePort,
  messagingTestBed,
  numberedEvent,
  SecondBroker,
  uniqueName,
  waitFor,
} from '@exchange/messaging/testing';

// Runs its own broker so that stopping it does not disturb the other tests.
describe('the broker stops while the application keeps writing', () => {
  const bed = messagingTestBed();
  const { schema } = bed;
  const topic = uniqueName('test.outage');
  let broker: SecondBroker;
  let dataSource: DataSource;
  let relay: OutboxRelay;

  beforeAll(async () => {
    broker = new SecondBroker(await freePort(), await freePort());
    await broker.start();
    dataSource = await bed.setUp();
  }, 180_000);

  afterAll(async () => {
    await relay?.stop();
    await broker?.stop();
    await bed.tearDown();
  }, 120_000);

  it('publishes every event once the broker is back; none is lost', async () => {
    const kafka = { clientId: 'outage-test', brokers: broker.brokers };
    await ensureTopics(kafka, [{ topic, numPartitions: 3 }]);
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const key = randomUUID();
    const unpublished = async () =>
      (await dataSource.query(`SELECT count(*)::int AS c FROM "${schema}".outbox WHERE published_at IS NULL`))[0].c as number;

    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, pollIntervalMs: 200 });
    relay.start();
    let n = 0;
    const write = async (count: number) => {
      for (let i = 0; i < count; i++) await dataSource.transaction((tx) => writer.add(tx, numberedEvent(key, n++)));
    };

    await write(50);
    await waitFor(async () => (await unpublished()) === 0, { what: 'the first events published' });

    await broker.stop();
    await write(100); // the application keeps working while Kafka is down
    expect(await unpublished()).toBe(100);

    await broker.start();
    await write(50);
    await waitFor(async () => (await unpublished()) === 0, { what: 'the backlog published', timeoutMs: 120_000 });

    const collector = await collectMessages(kafka, topic);
    try {
      await waitFor(() => collector.messages.length >= 200, { what: '200 messages on the topic', timeoutMs: 60_000 });
      const numbers = collector.messages.map((m) => Number(JSON.parse(m.value!.toString()).changedFields[0]));
      // Every event is there, in order for the key (a retried batch may add duplicates, never gaps).
      expect(new Set(numbers).size).toBe(200);
      const firstSeen = numbers.filter((value, index) => numbers.indexOf(value) === index);
      expect(firstSeen).toEqual(Array.from({ length: 200 }, (_, i) => i));
    } finally {
      await collector.stop();
    }
  }, 300_000);
});
