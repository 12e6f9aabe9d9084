import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createEvent } from '@exchange/contracts';
import { allowAsynchronousCommit, ASYNCHRONOUS_COMMIT_CTE, flushCommits, requireSynchronousCommit } from '../src/commit-durability';
import { createDataSource } from '../src/data-source';
import { insertOutboxRows, outboxRowOf } from '../src/outbox-rows';
import { preparedQuery, preparedWrite } from '../src/prepared-query';
import { sharedTestUrl } from './helpers';

/**
 * What each commit waits for, read by PostgreSQL itself: a deferred trigger runs inside COMMIT, just
 * before the commit record is written, and records the `synchronous_commit` that record is written
 * under ('off': the commit returns before the log is flushed).
 */
describe('commit durability', () => {
  let ds: DataSource;
  const schema = `durability_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const write = `INSERT INTO "${schema}".effects (id) VALUES ($1)`;
  const committedWith = async (id: string) =>
    ((await ds.query(`SELECT setting FROM "${schema}".commits WHERE id = $1`, [id])) as Array<{ setting: string }>).map((r) => r.setting);

  beforeAll(async () => {
    ds = createDataSource(sharedTestUrl(), { poolSize: 2 });
    await ds.initialize();
    await ds.query(`
      CREATE SCHEMA "${schema}";
      CREATE TABLE "${schema}".effects (id uuid PRIMARY KEY);
      CREATE TABLE "${schema}".commits (id uuid PRIMARY KEY, setting text NOT NULL);
      CREATE TABLE "${schema}".outbox (id uuid PRIMARY KEY, topic text, key text, type text, source text, subject text,
        time timestamptz, headers jsonb, payload jsonb);
      CREATE FUNCTION "${schema}".record_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "${schema}".commits (id, setting) VALUES (NEW.id, current_setting('synchronous_commit'));
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER record_commit AFTER INSERT ON "${schema}".effects
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "${schema}".record_commit();
    `);
  });
  afterAll(async () => {
    await ds?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await ds?.destroy();
  });

  it('a transaction commits synchronously unless it is allowed otherwise', async () => {
    const id = randomUUID();
    await ds.transaction((tx) => preparedWrite(tx, write, [id]));
    expect(await committedWith(id)).toEqual(['on']);
  });

  it('a transaction allowed to commit asynchronously does, and the setting ends with it', async () => {
    const id = randomUUID();
    await ds.transaction(async (tx) => {
      allowAsynchronousCommit(tx);
      await preparedWrite(tx, write, [id]);
    });
    expect(await committedWith(id)).toEqual(['off']);
    // The same connections' next transactions are back to the server's setting.
    const next = randomUUID();
    await ds.transaction((tx) => preparedWrite(tx, write, [next]));
    expect(await committedWith(next)).toEqual(['on']);
  });

  it('a transaction that writes events commits synchronously, whatever it was allowed and in either order', async () => {
    const startup = { id: randomUUID(), name: '테스트', nameLatin: 'Test', country: 'KR', technologyFields: ['medtech'], readinessLevel: 6, languages: ['ko'] };
    const event = () => createEvent({ type: 'startup.updated', source: '/test', data: { startup, changedFields: ['name'] } });
    const first = randomUUID();
    await ds.transaction(async (tx) => {
      allowAsynchronousCommit(tx);
      await preparedWrite(tx, write, [first]);
      await insertOutboxRows(tx, schema, [outboxRowOf(event(), 'test.topic', 'k')]);
    });
    const second = randomUUID();
    await ds.transaction(async (tx) => {
      requireSynchronousCommit(tx);
      allowAsynchronousCommit(tx);
      await preparedWrite(tx, write, [second]);
    });
    expect([...(await committedWith(first)), ...(await committedWith(second))]).toEqual(['on', 'on']);
    expect((await ds.query(`SELECT count(*)::int AS n FROM "${schema}".outbox`))[0].n).toBe(1);
  });

  it('a statement outside a transaction block commits asynchronously when it joins the CTE, and only then', async () => {
    const joined = randomUUID();
    const plain = randomUUID();
    await preparedQuery(ds.manager, `WITH ${ASYNCHRONOUS_COMMIT_CTE} INSERT INTO "${schema}".effects (id) SELECT $1 FROM asynchronous_commit`, [joined]);
    await preparedQuery(ds.manager, write, [plain]);
    expect(await committedWith(joined)).toEqual(['off']);
    expect(await committedWith(plain)).toEqual(['on']);
  });

  it('flushCommits leaves the log flushed past every commit made before it', async () => {
    await ds.transaction(async (tx) => {
      allowAsynchronousCommit(tx);
      await preparedWrite(tx, write, [randomUUID()]);
    });
    const [{ lsn }] = await ds.query('SELECT pg_current_wal_insert_lsn()::text AS lsn');
    await flushCommits(ds.manager);
    const [{ flushed }] = await ds.query(`SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS flushed`, [lsn]);
    expect(flushed).toBe(true);
  });
});
