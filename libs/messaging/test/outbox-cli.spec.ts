import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { OutboxWriter } from '@exchange/messaging';
import { messagingTestBed, numberedEvent } from '@exchange/messaging/testing';
import { runOutboxCli } from './fixtures/run-outbox-cli';

// `npm run outbox`, run as a process against rows parked by hand (no relay runs for this schema, so
// nothing publishes them: the command must say so instead of claiming success).
describe('npm run outbox (parked rows)', () => {
  const bed = messagingTestBed({ poolSize: 1 });
  const { schema } = bed;
  const db = new Client({ connectionString: bed.databaseUrl });
  const key = randomUUID();
  const events = [numberedEvent(key, 1), numberedEvent(key, 2), numberedEvent(key, 3)];

  beforeAll(async () => {
    await bed.setUp();
    await db.connect();
  });
  afterAll(async () => {
    await db.end();
    await bed.tearDown();
  });

  it('says there is nothing parked, then lists parked rows with their error (and as JSON)', async () => {
    const empty = await runOutboxCli(['parked', '--service', schema]);
    expect(empty).toMatchObject({ code: 0 });
    expect(empty.stdout).toContain(`no parked rows in ${schema}`);

    await new OutboxWriter({ schema, source: '/test', topicFor: () => 'test.nowhere' }).addAll(db, events);
    await db.query(`UPDATE "${schema}".outbox SET parked_at = now(), parked_error = 'MESSAGE_TOO_LARGE: too big' WHERE id = ANY($1::uuid[])`, [
      [events[0].id, events[1].id],
    ]);
    const listed = await runOutboxCli(['parked', '--service', schema, '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual([events[0].id, events[1].id]);
    expect(rows[0]).toMatchObject({ schema, type: 'startup.updated', key, topic: 'test.nowhere', error: 'MESSAGE_TOO_LARGE: too big' });
    expect(rows[0].bytes).toBeGreaterThan(300);
  }, 60_000);

  it('refuses bad input with a usage error that says what to do, and changes nothing', async () => {
    const notUuid = await runOutboxCli(['republish', 'abc', '--service', schema]);
    expect(notUuid.code).toBe(64);
    expect(notUuid.stderr).toContain('"abc" is not an outbox row id');
    expect(notUuid.stderr).toContain('usage: npm run outbox');

    const unknownService = await runOutboxCli(['parked', '--service', 'no_such_service']);
    expect(unknownService.code).toBe(64);
    expect(unknownService.stderr).toContain('--service no_such_service');
    expect(unknownService.stderr).toContain('applications, pilots, cohorts, notifications');

    const allWithoutService = await runOutboxCli(['republish', '--all']);
    expect(allWithoutService.code).toBe(64);
    expect(allWithoutService.stderr).toContain('--all needs --service');

    const notParked = await runOutboxCli(['republish', events[2].id!, randomUUID(), '--service', schema]);
    expect(notParked.code).toBe(1);
    expect(notParked.stdout).toContain(`${events[2].id}: not a parked row in ${schema}`);

    const { rows } = await db.query(`SELECT count(*)::int AS parked FROM "${schema}".outbox WHERE parked_at IS NOT NULL`);
    expect(rows[0].parked).toBe(2);
  }, 60_000);

  it('re-publishes every parked row of a service, warns of the order, and says when no relay publishes them', async () => {
    const result = await runOutboxCli(['republish', '--all', '--service', schema, '--wait', '1']);
    expect(result.stdout).toContain(`${events[0].id} (${schema}, startup.updated) un-parked; it will arrive after 2 later event(s) of key ${key}`);
    expect(result.stdout).toContain(`${events[1].id} (${schema}, startup.updated) un-parked; it will arrive after 1 later event(s)`);
    expect(result.stdout).toContain(`not published within 1 s; is the ${schema} service (its outbox relay) running?`);
    expect(result.code).toBe(1);
    const { rows } = await db.query(`SELECT count(*)::int AS parked FROM "${schema}".outbox WHERE parked_at IS NOT NULL OR parked_error IS NOT NULL`);
    expect(rows[0].parked).toBe(0);
  }, 60_000);
});
