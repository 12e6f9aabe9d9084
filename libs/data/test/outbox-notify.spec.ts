import { randomUUID } from 'node:crypto';
import { Client, type Notification } from 'pg';
import { SERVICE_SCHEMAS } from '../src/enums';
import { outboxChannel } from '../src/entities/messaging';
import { OUTBOX_NOTIFY_SETTING } from '../src/outbox-wakeup';
import { sharedTestUrl, waitFor } from './helpers';

/** The outbox trigger wakes the relay: one NOTIFY per committed insert statement, none on rollback, none where the writer wakes the relay itself. */
describe.each([...SERVICE_SCHEMAS])('%s.outbox NOTIFY trigger', (schema) => {
  let listener: Client;
  let writer: Client;
  const received: Notification[] = [];
  let writerPid = 0;

  beforeAll(async () => {
    listener = new Client({ connectionString: sharedTestUrl() });
    writer = new Client({ connectionString: sharedTestUrl() });
    await Promise.all([listener.connect(), writer.connect()]);
    writerPid = (await writer.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    listener.on('notification', (n) => received.push(n));
    await listener.query(`LISTEN "${outboxChannel(schema)}"`);
  });

  afterAll(async () => {
    await Promise.all([listener?.end(), writer?.end()]);
  });

  const insertRows = (n: number) => {
    const values: string[] = [];
    const params: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const b = i * 3;
      values.push(`($${b + 1}, 'exchange.test.v1', $${b + 2}, 'test.happened', 'data-spec', now(), $${b + 3})`);
      params.push(randomUUID(), `key-${i}`, JSON.stringify({ i }));
    }
    return writer.query(`INSERT INTO ${schema}.outbox (id, topic, key, type, source, time, payload) VALUES ${values.join(', ')}`, params);
  };

  it('notifies once for a committed batch insert, not for a rolled-back one', async () => {
    const ours = () => received.filter((n) => n.channel === outboxChannel(schema) && n.processId === writerPid);
    const before = ours().length;

    // A rolled-back insert, then a committed batch of 5 in one statement, then a single-row marker.
    await writer.query('BEGIN');
    await insertRows(2);
    await writer.query('ROLLBACK');
    await writer.query('BEGIN');
    await insertRows(5);
    await writer.query('COMMIT');
    await waitFor(() => ours().length >= before + 1, 5_000, 'the batch notification');
    await insertRows(1);
    await waitFor(() => ours().length >= before + 2, 5_000, 'the marker notification');

    // Notifications arrive in commit order: the marker's is the second, so the batch sent exactly one
    // and the rollback none.
    expect(ours().length - before).toBe(2);
    expect(ours()[before].payload).toBe('');
  });

  it('stays quiet in a transaction whose writer wakes its relay itself (exchange.outbox_notify off), and only there', async () => {
    const ours = () => received.filter((n) => n.channel === outboxChannel(schema) && n.processId === writerPid);
    const before = ours().length;
    await writer.query('BEGIN');
    await writer.query(`SELECT set_config('${OUTBOX_NOTIFY_SETTING}', 'off', true)`);
    await insertRows(3);
    await writer.query('COMMIT');
    // The setting ended with its transaction: the next insert notifies, and is the only one that did.
    await insertRows(1);
    await waitFor(() => ours().length >= before + 1, 5_000, 'the marker notification');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ours().length - before).toBe(1);
  });

  it('assigns increasing seq numbers in insert order', async () => {
    const res = await writer.query(
      `WITH ins AS (
         INSERT INTO ${schema}.outbox (id, topic, key, type, source, time, payload)
         SELECT gen_random_uuid(), 'exchange.test.v1', 'k', 'test.happened', 'data-spec', now(), jsonb_build_object('i', i)
           FROM generate_series(1, 3) AS i RETURNING seq, payload)
       SELECT seq::bigint AS seq, (payload->>'i')::int AS i FROM ins ORDER BY i`,
    );
    const seqs = res.rows.map((r: { seq: string }) => BigInt(r.seq));
    expect(seqs[0] < seqs[1] && seqs[1] < seqs[2]).toBe(true);
  });

  afterAll(async () => {
    // Leave nothing for a relay of the shared test database to publish.
    const c = new Client({ connectionString: sharedTestUrl() });
    await c.connect();
    await c.query(`DELETE FROM ${schema}.outbox WHERE source = 'data-spec'`);
    await c.end();
  });
});
