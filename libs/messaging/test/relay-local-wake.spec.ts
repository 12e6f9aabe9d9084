import { randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import { outboxChannel } from '@exchange/data';
import { OutboxRelay, OutboxWriter } from '@exchange/messaging';
import { messagingTestBed, numberedEvent, waitFor } from '@exchange/messaging/testing';

/**
 * A writer whose process runs the outbox's active relay wakes it after the commit and sends no NOTIFY
 * (a notifying commit holds a database-wide lock through its log flush); every other writer still
 * notifies. The relay polls once a minute here, so only a wake-up publishes a row within a wait (30 s
 * at most, for a broker still warming up).
 */
describe('outbox relay woken in its own process', () => {
  const bed = messagingTestBed({ topic: 'test.relay-local-wake' });
  const { schema, topic, kafka } = bed;
  let relay: OutboxRelay | undefined;
  let listener: Client;
  const notifications: Notification[] = [];
  const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
  const key = randomUUID();

  const publishedAt = async (id: string) =>
    (await bed.dataSource.query(`SELECT published_at FROM "${schema}".outbox WHERE id = $1`, [id]))[0]?.published_at as Date | null | undefined;
  const startRelay = async () => {
    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, pollIntervalMs: 60_000 });
    relay.start();
    await waitFor(() => relay?.isActive, { what: 'the relay active' });
  };

  beforeAll(async () => {
    await bed.setUp();
    listener = new Client({ connectionString: bed.databaseUrl });
    await listener.connect();
    listener.on('notification', (n) => notifications.push(n));
    await listener.query(`LISTEN "${outboxChannel(schema)}"`);
  });

  afterAll(async () => {
    await relay?.stop();
    await listener?.end();
    await bed.tearDown();
  });

  it('publishes a committed row at once without a NOTIFY, and nothing of a rolled-back one', async () => {
    await startRelay();
    const before = notifications.length;

    const committed = await bed.dataSource.transaction((tx) => writer.add(tx, numberedEvent(key, 0)));
    await waitFor(async () => (await publishedAt(committed.id)) instanceof Date, { what: 'the row published by the woken relay' });

    let rolledBack = '';
    await expect(
      bed.dataSource.transaction(async (tx) => {
        rolledBack = (await writer.add(tx, numberedEvent(key, 1))).id;
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await publishedAt(rolledBack)).toBeUndefined();

    // A NOTIFY would have reached the listener before the row was marked published; give it time anyway.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notifications.length).toBe(before);
  });

  it('still notifies for a writer without the relay: another connection, or this process once its relay stopped', async () => {
    const before = notifications.length;
    // An operator's SQL on a connection of its own: the trigger notifies, the relay publishes it.
    const id = randomUUID();
    await bed.dataSource.query(
      `INSERT INTO "${schema}".outbox (id, topic, key, type, source, time, payload) VALUES ($1, $2, $3, 'test.numbered', '/test', now(), '{"n": 2}')`,
      [id, topic, key],
    );
    await waitFor(() => notifications.length > before, { what: 'the NOTIFY of a plain insert' });
    await waitFor(async () => (await publishedAt(id)) instanceof Date, { what: 'the plain insert published' });

    await relay?.stop();
    relay = undefined;
    const afterStop = notifications.length;
    const orphan = await bed.dataSource.transaction((tx) => writer.add(tx, numberedEvent(key, 3)));
    await waitFor(() => notifications.length > afterStop, { what: 'the NOTIFY once no relay runs here' });
    expect(await publishedAt(orphan.id)).toBeNull();

    // The next relay, wherever it runs, finds the row when it starts.
    await startRelay();
    await waitFor(async () => (await publishedAt(orphan.id)) instanceof Date, { what: 'the row published by the next relay' });
  });
});
