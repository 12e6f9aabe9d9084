import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ContractViolation } from '@exchange/contracts';
import { OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import { messagingTestBed } from '@exchange/messaging/testing';

/** Keys and produced shapes come from the contracts, not from the writer's callers. */
describe('OutboxWriter keys and shapes each event as its contract says', () => {
  const bed = messagingTestBed();
  let dataSource: DataSource;
  let writer: OutboxWriter;
  const programme = { id: randomUUID(), kind: 'accelerator' as const, organiserOrgId: randomUUID(), partnerOrgIds: [] };
  const cohort = { cohortId: randomUUID(), programmeId: programme.id, programme };
  const opened: OutboxEvent<'cohort.opened'> = {
    type: 'cohort.opened',
    data: { ...cohort, name: '서울 2030', hostCity: 'Seoul', capacity: 10, startsOn: '2030-03-02', endsOn: '2030-06-30' },
  };

  beforeAll(async () => {
    dataSource = await bed.setUp();
    writer = new OutboxWriter({ schema: bed.schema, source: '/test', topicFor: () => 'test.nowhere' });
  });
  afterAll(() => bed.tearDown());

  it('writes a mixed list in order, each row keyed by its type’s rule', async () => {
    const startupId = randomUUID();
    const events: OutboxEvent[] = [
      opened,
      { type: 'cohort.offer_made', data: { ...cohort, startupId, group: 'KR', offerId: randomUUID(), rank: 1, deadline: new Date().toISOString() } },
    ];
    const envelopes = await dataSource.transaction((tx) => writer.addAll(tx, events));
    const rows: Array<{ type: string; key: string }> = await dataSource.query(
      `SELECT type, key FROM "${bed.schema}".outbox WHERE id = ANY($1::uuid[]) ORDER BY seq`,
      [envelopes.map((e) => e.id)],
    );
    expect(rows).toEqual([
      { type: 'cohort.opened', key: cohort.cohortId },
      { type: 'cohort.offer_made', key: startupId },
    ]);
  });

  it('refuses a programme-scoped event without its programme, though consumers still read that earlier shape', async () => {
    const { programme: _left, ...withoutProgramme } = opened.data;
    const earlier = { type: 'cohort.opened', data: withoutProgramme } as unknown as OutboxEvent<'cohort.opened'>;
    await expect(dataSource.transaction((tx) => writer.add(tx, earlier))).rejects.toThrow(ContractViolation);
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM "${bed.schema}".outbox WHERE payload->>'cohortId' = $1 AND NOT payload ? 'programme'`, [
      cohort.cohortId,
    ]);
    expect(count).toBe(0);
  });
});
