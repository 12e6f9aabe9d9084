import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OutboxRelay, OutboxWriter } from '@exchange/messaging';
import { messagingTestBed, numberedEvent, waitFor } from '@exchange/messaging/testing';

describe('one active relay per service', () => {
  const bed = messagingTestBed({ topic: 'test.failover' });
  const { schema, topic, kafka } = bed;
  let dataSource: DataSource;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(async () => {
    await Promise.all(relays.map((r) => r.stop()));
    await bed.tearDown();
  });

  it('keeps a standby that takes over when the active instance stops', async () => {
    const options = { databaseUrl: bed.databaseUrl, schema, kafka, standbyRetryMs: 100, pollIntervalMs: 100 };
    const first = new OutboxRelay(options);
    const second = new OutboxRelay(options);
    relays.push(first, second);
    first.start();
    await waitFor(() => first.isActive, { what: 'the first relay active' });
    second.start();

    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const unpublished = async () =>
      (await dataSource.query(`SELECT count(*)::int AS c FROM "${schema}".outbox WHERE published_at IS NULL`))[0].c;
    await dataSource.transaction((tx) => writer.add(tx, numberedEvent(randomUUID(), 0)));
    await waitFor(async () => (await unpublished()) === 0, { what: 'published by the first relay' });
    expect(second.isActive).toBe(false);

    await first.stop();
    await waitFor(() => second.isActive, { what: 'the standby taking over' });
    await dataSource.transaction((tx) => writer.add(tx, numberedEvent(randomUUID(), 1)));
    await waitFor(async () => (await unpublished()) === 0, { what: 'published by the standby' });
  });
});
