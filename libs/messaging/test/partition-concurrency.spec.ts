import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumer } from '@exchange/messaging';
import { messagingTestBed, numberedMessage, uniqueName, waitFor } from '@exchange/messaging/testing';

/** Several partitions at once (KAFKA_PARTITIONS_CONCURRENTLY): a slow partition does not hold the others. */
describe('a consumer working on several partitions at once', () => {
  const bed = messagingTestBed({ topic: 'test.concurrent', partitions: 2, poolSize: 4, producer: true });
  const { schema, topic, kafka } = bed;
  let dataSource: DataSource;
  let consumer: EventConsumer;

  const message = (key: string, n: number, partition: number) => ({ ...numberedMessage(key, n), partition });

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(async () => {
    await consumer?.stop();
    await bed.tearDown();
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
    await bed.producer.send({ topic, messages: [message(slowKey, 0, 0), message(slowKey, 1, 0), message(fastKey, 0, 1)] });
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
    // A handler returns before its transaction commits: wait for the inbox rows, not for the handlers.
    const inboxRows = async () =>
      (await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".inbox`))[0].n as number;
    await waitFor(async () => (await inboxRows()) === 3, { timeoutMs: 10_000, what: 'three inbox rows' });
    expect(await inboxRows()).toBe(3);
  });
});
