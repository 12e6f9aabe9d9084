import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, envelopeHeaders } from '@exchange/contracts';
import { createKafka, ensureTopics, EventConsumer, idempotentProducerConfig } from '@exchange/messaging';
import {
  createScratchMessagingSchema,
  dropScratchSchema,
  numberedEvent,
  TEST_DATABASE_URL,
  testKafkaSettings,
  uniqueName,
  waitFor,
} from '@exchange/messaging/testing';

/** Several partitions at once (KAFKA_PARTITIONS_CONCURRENTLY): a slow partition does not hold the others. */
describe('a consumer working on several partitions at once', () => {
  const schema = uniqueName('msg');
  const topic = uniqueName('test.concurrent');
  const kafka = testKafkaSettings();
  let dataSource: DataSource;
  let consumer: EventConsumer;
  const producer = createKafka(kafka).producer(idempotentProducerConfig());

  const message = (key: string, n: number, partition: number) => {
    const e = numberedEvent(key, n);
    const envelope = createEvent({ type: e.type, data: e.data, source: '/test', id: e.id });
    return { key, partition, value: JSON.stringify(envelope.data), headers: envelopeHeaders(envelope) };
  };

  beforeAll(async () => {
    await createScratchMessagingSchema(TEST_DATABASE_URL(), schema);
    await ensureTopics(kafka, [{ topic, numPartitions: 2 }]);
    dataSource = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL(), poolSize: 4 }).initialize();
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer.disconnect();
    await dataSource?.destroy();
    await dropScratchSchema(TEST_DATABASE_URL(), schema);
  });

  it('applies another partition’s event while one handler is still running, and keeps order within a partition', async () => {
    const slowKey = randomUUID();
    const fastKey = randomUUID();
    const signal = () => {
      let fire!: () => void;
      const fired = new Promise<void>((resolve) => (fire = resolve));
      return { fire, fired };
    };
    const slowStarted = signal();
    const fastApplied = signal();
    const timeouts: string[] = [];
    const within = (p: Promise<void>, what: string) =>
      Promise.race([
        p,
        new Promise<void>((_, reject) =>
          setTimeout(() => {
            timeouts.push(what);
            reject(new Error(`${what} did not happen meanwhile`));
          }, 10_000),
        ),
      ]);
    const handled: string[] = [];

    // Both partitions' events come in one fetch. Each first event waits for the other partition's:
    // handled one partition at a time, whichever runs first times out.
    await producer.send({ topic, messages: [message(slowKey, 0, 0), message(slowKey, 1, 0), message(fastKey, 0, 1)] });
    consumer = new EventConsumer({
      groupId: uniqueName('group'),
      schema,
      topics: [topic],
      dataSource,
      kafka,
      partitionsConcurrently: 2,
      maxAttempts: 1,
      handlers: {
        'startup.updated': async (event) => {
          const label = `${event.data.startup.id === slowKey ? 'slow' : 'fast'}-${event.data.changedFields[0]}`;
          if (label === 'slow-0') {
            slowStarted.fire();
            await within(fastApplied.fired, 'the other partition’s event');
          }
          if (label === 'fast-0') await within(slowStarted.fired, 'the other partition’s handler');
          handled.push(label);
          if (label === 'fast-0') fastApplied.fire();
        },
      },
    });
    await consumer.start();

    await waitFor(() => handled.length === 3, { timeoutMs: 30_000, what: 'three events handled' });
    expect(timeouts).toEqual([]);
    expect(handled).toEqual(['fast-0', 'slow-0', 'slow-1']);
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".inbox`);
    expect(n).toBe(3);
  });
});
