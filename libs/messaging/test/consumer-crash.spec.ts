import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { OutboxRelay, OutboxWriter } from '@exchange/messaging';
import { messagingTestBed, numberedEvent, uniqueName, waitFor } from '@exchange/messaging/testing';

const ROOT = resolve(__dirname, '../../..');

describe('a consumer killed in the middle of a batch', () => {
  const bed = messagingTestBed({ topic: 'test.crash', partitions: 3, deadLetter: true, poolSize: 1 });
  const { schema, topic, kafka } = bed;
  const groupId = uniqueName('group');
  let db: Client;
  let relay: OutboxRelay;
  let child: ChildProcess | null = null;

  const startConsumer = () => {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'libs/messaging/test/fixtures/consumer-process.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: bed.databaseUrl,
        KAFKA_BROKERS: kafka.brokers.join(','),
        SCHEMA: schema,
        TOPIC: topic,
        GROUP_ID: groupId,
        HANDLER_DELAY_MS: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.stderr!.on('data', () => undefined);
    proc.stdout!.on('data', () => undefined);
    return proc;
  };
  const count = async (sql: string) => (await db.query(sql)).rows[0].count as number;

  beforeAll(async () => {
    await bed.setUp();
    db = new Client({ connectionString: bed.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await relay?.stop();
    await db?.end();
    await bed.tearDown();
  });

  it('applies each event exactly once after a restart', async () => {
    const writer = new OutboxWriter({ schema, source: '/test', topicFor: () => topic });
    const keys = Array.from({ length: 6 }, () => randomUUID());
    const perKey = 100;
    await db.query('BEGIN');
    for (let n = 0; n < perKey; n++) await writer.addAll(db, keys.map((key) => numberedEvent(key, n)));
    await db.query('COMMIT');
    const total = keys.length * perKey;

    relay = new OutboxRelay({ databaseUrl: bed.databaseUrl, schema, kafka });
    relay.start();
    await waitFor(
      async () => (await count(`SELECT count(*)::int AS count FROM "${schema}".outbox WHERE published_at IS NULL`)) === 0,
      { what: 'all events published' },
    );

    child = startConsumer();
    await waitFor(async () => (await count(`SELECT count(*)::int AS count FROM "${schema}".effects`)) >= total / 4, {
      what: 'a quarter of the effects',
      timeoutMs: 60_000,
    });
    child.kill('SIGKILL');
    await new Promise((done) => child!.once('exit', done));
    const appliedBeforeCrash = await count(`SELECT count(*)::int AS count FROM "${schema}".effects`);
    expect(appliedBeforeCrash).toBeLessThan(total);

    child = startConsumer();
    await waitFor(
      async () => (await count(`SELECT count(DISTINCT event_id)::int AS count FROM "${schema}".effects`)) === total,
      { what: 'every effect after the restart', timeoutMs: 90_000 },
    );
    // Let the restarted consumer finish anything re-delivered, then compare: no event applied twice.
    child.kill('SIGTERM');
    await new Promise((done) => child!.once('exit', done));
    child = null;
    expect(await count(`SELECT count(*)::int AS count FROM "${schema}".effects`)).toBe(total);
    expect(await count(`SELECT count(*)::int AS count FROM "${schema}".inbox`)).toBe(total);
    const rows = (await db.query(`SELECT key, n FROM "${schema}".effects ORDER BY id`)).rows as { key: string; n: number }[];
    for (const key of keys) {
      expect(rows.filter((r) => r.key === key).map((r) => r.n)).toEqual(Array.from({ length: perKey }, (_, n) => n));
    }
  });
});
