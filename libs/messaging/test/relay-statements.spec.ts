import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { OutboxRelay, OutboxWriter } from '@exchange/messaging';
import { messagingTestBed, numberedEvent, waitFor } from '@exchange/messaging/testing';

/**
 * The relay's round trips to PostgreSQL: while rows keep waiting, a batch's mark travels with the next
 * batch's read, so draining a backlog costs one statement per batch, not a read and an update each.
 */
describe('outbox relay: one statement per batch under load', () => {
  const bed = messagingTestBed({ topic: 'test.relay-statements' });
  const { schema, topic, kafka } = bed;
  let relay: OutboxRelay | undefined;

  beforeAll(async () => {
    await bed.setUp();
  });

  afterAll(async () => {
    await relay?.stop();
    await bed.tearDown();
  });

  it('drains a backlog of 6 batches in 7 statements, marks every row, and marks on its own before it sleeps', async () => {
    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, batchSize: 100, pollIntervalMs: 60_000 });
    relay.start();
    await waitFor(() => relay?.isActive, { what: 'the relay active' });
    // Wait for its first (empty) read to end, then record every statement on its connection.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const client = (relay as unknown as { client: Client }).client;
    const statements: string[] = [];
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [first] = args;
      statements.push(typeof first === 'string' ? first : (first as { text: string }).text);
      return query(...args);
    };

    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const key = randomUUID();
    await bed.dataSource.transaction(async (tx) => {
      for (let n = 0; n < 600; n += 1) await writer.add(tx, numberedEvent(key, n));
    });
    const unpublished = async () => (await bed.dataSource.query(`SELECT count(*)::int AS c FROM "${schema}".outbox WHERE published_at IS NULL`))[0].c as number;
    await waitFor(async () => (await unpublished()) === 0, { what: 'the backlog published and marked' });

    const onOutbox = statements.filter((text) => text.includes('.outbox') && !text.includes('count(*)'));
    const readsWithMarks = onOutbox.filter((text) => text.startsWith('WITH marked AS (UPDATE'));
    const marksAlone = onOutbox.filter((text) => text.startsWith('UPDATE') && text.includes('published_at = now()'));
    // Six full batches and the empty read that finds the backlog gone; nothing left to mark alone.
    expect(readsWithMarks).toHaveLength(7);
    expect(marksAlone).toHaveLength(0);
    expect(onOutbox).toHaveLength(7);

    // One more row, with nothing behind it: published, then marked on its own before the relay sleeps.
    statements.length = 0;
    await bed.dataSource.transaction((tx) => writer.add(tx, numberedEvent(key, 600)));
    await waitFor(async () => (await unpublished()) === 0, { what: 'the lone row marked' });
    const lone = statements.filter((text) => text.includes('.outbox') && !text.includes('count(*)'));
    expect(lone.map((text) => (text.startsWith('WITH') ? 'read' : 'mark'))).toEqual(['read', 'mark']);
  });

  it('keeps reading and marking by index when the outbox grows after its statements were prepared on a young table', async () => {
    await relay?.stop();
    await bed.dataSource.query(`TRUNCATE "${schema}".outbox`);
    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, batchSize: 100, pollIntervalMs: 60_000 });
    relay.start();
    await waitFor(() => relay?.isActive, { what: 'the relay active' });
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const key = randomUUID();
    const unpublished = async () => (await bed.dataSource.query(`SELECT count(*)::int AS c FROM "${schema}".outbox WHERE published_at IS NULL`))[0].c as number;
    // Ten rows one by one: the read-and-mark runs well past the executions after which PostgreSQL may
    // settle on a generic plan, all of them on a table of one page.
    for (let n = 0; n < 10; n += 1) {
      await bed.dataSource.transaction((tx) => writer.add(tx, numberedEvent(key, n)));
      await waitFor(async () => (await unpublished()) === 0, { what: `row ${n} published and marked` });
    }
    // The outbox grows to 30,000 published rows, as it does between two prunings.
    await bed.dataSource.query(
      `INSERT INTO "${schema}".outbox (id, topic, key, type, source, time, payload, published_at)
       SELECT gen_random_uuid(), $1, $2, 'test.numbered', '/test', now(), '{}', now() FROM generate_series(1, 30000)`,
      [topic, key],
    );

    // The plan the relay's own connection now runs its read-and-mark with.
    const client = (relay as unknown as { client: Client }).client;
    const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
    const name = Object.keys(parsed).find((statement) => parsed[statement].startsWith('WITH marked AS (UPDATE'));
    expect(name).toBeDefined();
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE "${name}"('{${randomUUID()}}', 100)`);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(plan).toContain('outbox');
    expect(plan).not.toContain('Seq Scan');
    // The parked-rows gauge counts every few seconds: by its partial index too, statistics or not.
    const gauge = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN SELECT count(*)::int AS parked FROM "${schema}".outbox WHERE parked_at IS NOT NULL`);
    expect(gauge.rows.map((row) => row['QUERY PLAN']).join('\n')).not.toContain('Seq Scan');
  });

  it('marks rows published without waiting for the log flush, while the rows themselves were written durably', async () => {
    await relay?.stop();
    // A deferred trigger runs inside COMMIT, just before the commit record, and keeps the
    // synchronous_commit it is written under: of the writer's transaction, and of each relay mark.
    await bed.dataSource.query(`
      CREATE TABLE "${schema}".commits (id uuid NOT NULL, what text NOT NULL, setting text NOT NULL);
      CREATE FUNCTION "${schema}".record_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO "${schema}".commits VALUES (NEW.id, TG_ARGV[0], current_setting('synchronous_commit'));
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER record_write AFTER INSERT ON "${schema}".outbox
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "${schema}".record_commit('written');
      CREATE CONSTRAINT TRIGGER record_mark AFTER UPDATE OF published_at ON "${schema}".outbox
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "${schema}".record_commit('marked');`);
    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka, batchSize: 100, pollIntervalMs: 60_000 });
    relay.start();
    await waitFor(() => relay?.isActive, { what: 'the relay active' });
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const key = randomUUID();
    await bed.dataSource.transaction(async (tx) => {
      for (let n = 0; n < 3; n += 1) await writer.add(tx, numberedEvent(key, n));
    });
    const ids = (await bed.dataSource.query(`SELECT id FROM "${schema}".outbox WHERE key = $1`, [key])).map((r: { id: string }) => r.id);
    const settings = async () =>
      (await bed.dataSource.query(`SELECT what, setting FROM "${schema}".commits WHERE id = ANY($1::uuid[]) ORDER BY what, id`, [ids])) as Array<{ what: string; setting: string }>;
    await waitFor(async () => (await settings()).filter((r) => r.what === 'marked').length === 3, { what: 'the three rows marked' });
    expect((await settings()).map((r) => `${r.what} ${r.setting}`)).toEqual(['marked off', 'marked off', 'marked off', 'written on', 'written on', 'written on']);
  });
});
