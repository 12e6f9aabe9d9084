import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import { messagingTestBed } from '@exchange/messaging/testing';

/** A service's effects of its own events run in the transaction that writes them, and share its fate. */
describe('OutboxWriter handlers of written events', () => {
  const bed = messagingTestBed();
  let dataSource: DataSource;
  let writer: OutboxWriter;
  const seen: string[] = [];

  const programme = { id: randomUUID(), kind: 'accelerator' as const, organiserOrgId: randomUUID(), partnerOrgIds: [] };
  const opened = (name: string): OutboxEvent<'cohort.opened'> => ({
    type: 'cohort.opened',
    data: { cohortId: randomUUID(), programmeId: programme.id, programme, name, hostCity: 'Seoul', capacity: 10, startsOn: '2030-03-02', endsOn: '2030-06-30' },
  });

  beforeAll(async () => {
    dataSource = await bed.setUp();
    writer = new OutboxWriter({
      schema: bed.schema,
      source: '/test',
      topicFor: () => 'test.nowhere',
      onWritten: {
        'cohort.opened': async (event, tx) => {
          seen.push(event.data.name);
          await tx.query(`INSERT INTO "${bed.schema}".effects (event_id, key, n) VALUES ($1, $2, 1)`, [event.id, event.data.name]);
        },
      },
    });
  });
  afterAll(() => bed.tearDown());

  const effects = async () => (await dataSource.query(`SELECT key AS name FROM "${bed.schema}".effects ORDER BY key`)) as Array<{ name: string }>;

  it('applies the handler of each written type once per event, in order, and only for types it names', async () => {
    await dataSource.transaction((tx) =>
      writer.addAll(tx, [opened('first'), { type: 'cohort.offer_made', data: { cohortId: randomUUID(), programmeId: programme.id, programme, startupId: randomUUID(), group: 'KR', offerId: randomUUID(), rank: 1, deadline: new Date().toISOString() } }, opened('second')]),
    );
    expect(seen).toEqual(['first', 'second']);
    expect(await effects()).toEqual([{ name: 'first' }, { name: 'second' }]);
  });

  it('rolls back with the writing transaction: no effect without its event, no event without its effect', async () => {
    await expect(
      dataSource.transaction(async (tx) => {
        await writer.add(tx, opened('rolled back'));
        throw new Error('the state change failed after writing its event');
      }),
    ).rejects.toThrow('the state change failed');
    expect((await effects()).map((e) => e.name)).not.toContain('rolled back');
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${bed.schema}".outbox WHERE payload->>'name' = 'rolled back'`);
    expect(n).toBe(0);
  });
});
