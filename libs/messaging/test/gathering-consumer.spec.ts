import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { messagingTestBed, numberedMessage, waitFor } from '@exchange/messaging/testing';

/**
 * KAFKA_CONSUMER_GATHER_MS (gatherMs): a consumer off the partners' latency path lets events gather
 * after a fetch that brought some, so a steady trickle is applied in a few full transactions instead
 * of one per event; order and exactly-once stay as they are, and a stop does not wait out the gathering.
 */
describe('a consumer gathering events between fetches', () => {
  const bed = messagingTestBed({ topic: 'test.gather', partitions: 1, producer: true });
  const { schema, topic } = bed;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(() => bed.tearDown());

  /** A started (joined) consumer of the topic from its beginning, recording the number and transaction of `key`'s events. */
  const startConsumer = async (key: string, gatherMs: number) => {
    const consumer = bed.consumer({
      gatherMs,
      handlers: {
        'startup.updated': async (event, tx) => {
          if (event.data.startup.id !== key) return;
          await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n, txid) VALUES ($1, $2, $3, txid_current())`, [
            event.id,
            key,
            Number(event.data.changedFields[0]),
          ]);
        },
      },
    });
    await consumer.start();
    return consumer;
  };

  /** The transactions that applied `key`'s events, once all `count` are in, after checking their order. */
  const transactionsOf = async (key: string, count: number) => {
    const rows = async (): Promise<Array<{ n: number; txid: string }>> =>
      dataSource.query(`SELECT n, txid FROM "${schema}".effects WHERE key = $1 ORDER BY id`, [key]);
    await waitFor(async () => (await rows()).length >= count, { timeoutMs: 20_000, what: `${count} events applied` });
    const applied = await rows();
    expect(applied.map((r) => r.n)).toEqual(Array.from({ length: count }, (_, n) => n));
    return new Set(applied.map((r) => r.txid)).size;
  };

  it('applies a trickle of events in a few transactions, in order and once each, where a consumer without it pays one per event', async () => {
    const gatheredKey = randomUUID();
    const eagerKey = randomUUID();
    await startConsumer(gatheredKey, 1_500);
    await startConsumer(eagerKey, 0);
    // One trickle both consumers read: 16 events each, a pair every 60 ms (about a second).
    for (let n = 0; n < 16; n++) {
      await bed.producer.send({ topic, messages: [numberedMessage(gatheredKey, n), numberedMessage(eagerKey, n)] });
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // Gathering: the first event comes alone, the rest gather for 1.5 s and come in one fetch.
    expect(await transactionsOf(gatheredKey, 16)).toBeLessThanOrEqual(3);
    // Without gathering, each fetch answers with the one event published since the last.
    expect(await transactionsOf(eagerKey, 16)).toBeGreaterThanOrEqual(8);
  });

  it('stops without waiting out a gathering fetch', async () => {
    const key = randomUUID();
    await bed.producer.send({ topic, messages: [numberedMessage(key, 0)] });
    const consumer = await startConsumer(key, 60_000);
    expect(await transactionsOf(key, 1)).toBe(1);
    // Now inside the 60 s gathering of that fetch: stop() must not wait it out (the test would time out).
    const stopping = Date.now();
    await consumer.stop();
    expect(Date.now() - stopping).toBeLessThan(30_000);
  });
});
