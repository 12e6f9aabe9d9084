import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { Delivery, PilotFinalReport, WebhookEndpoint } from '../src/entities';
import { columnsOf, entitiesFrom, entityFrom } from '../src/entity-rows';
import { sharedTestUrl } from './helpers';

/** Rows of raw statements hydrated as entities (read-only: the statements select literals). */
describe('entity rows', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource(sharedTestUrl(), { poolSize: 2 });
    await ds.initialize();
  });
  afterAll(() => ds?.destroy());

  it('puts each column under its property, through the driver and the transformer, leaving absent columns unset', async () => {
    const rows = await ds.query(
      `SELECT '00000000-0000-4000-8000-000000000001'::uuid AS id, 'adopted' AS adoption, 1234.50::numeric AS contract_value,
              '2026-01-02T03:04:05.678Z'::timestamptz AS filed_at`,
    );
    const [report] = entitiesFrom(ds.manager, PilotFinalReport, rows);
    expect(report).toBeInstanceOf(PilotFinalReport);
    expect(report).toMatchObject({ id: '00000000-0000-4000-8000-000000000001', adoption: 'adopted', contractValue: 1234.5 });
    expect(report.filedAt).toEqual(new Date('2026-01-02T03:04:05.678Z'));
    expect(report.feedback).toBeUndefined();
  });

  it('reads a joined entity under its prefix, apart from the unprefixed one', async () => {
    const rows = await ds.query(
      `SELECT '00000000-0000-4000-8000-000000000002'::uuid AS id, 'pending' AS state, 2 AS attempt_count,
              '00000000-0000-4000-8000-000000000003'::uuid AS e_id, 'paused' AS e_state, NULL::timestamptz AS e_deleted_at`,
    );
    const [delivery] = entitiesFrom(ds.manager, Delivery, rows);
    const [endpoint] = entitiesFrom(ds.manager, WebhookEndpoint, rows, 'e_');
    expect(delivery).toMatchObject({ id: '00000000-0000-4000-8000-000000000002', state: 'pending', attemptCount: 2 });
    expect(endpoint).toMatchObject({ id: '00000000-0000-4000-8000-000000000003', state: 'paused', deletedAt: null });
  });

  it('answers the first row, or null for none', async () => {
    expect(entityFrom(ds.manager, Delivery, [])).toBeNull();
    expect(entityFrom(ds.manager, Delivery, [{ id: 'a' }, { id: 'b' }])?.id).toBe('a');
  });

  it('names every column of the entity as a select list that entitiesFrom reads back whole', async () => {
    const list = columnsOf(ds.manager, WebhookEndpoint, 'e');
    expect(list).not.toContain('*');
    expect(list.split(', ')).toHaveLength(ds.getMetadata(WebhookEndpoint).columns.length);
    expect(columnsOf(ds.manager, WebhookEndpoint)).toBe(list.replaceAll('e.', ''));
    const rows = await ds.query(`SELECT ${list} FROM notifications.webhook_endpoints e RIGHT JOIN (SELECT 1) one ON false`);
    expect(Object.keys(rows[0]).sort()).toEqual(ds.getMetadata(WebhookEndpoint).columns.map((c) => c.databaseName).sort());
  });
});
