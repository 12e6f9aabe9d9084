import { createDataSource, dropTestDatabase, migrateDatabase, withDatabase } from '@exchange/data';
import { hashApiKey } from '@exchange/platform';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';

const root = resolve(__dirname, '../../..');

function runBootstrap(url: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'services/applications/src/cli/bootstrap.ts', ...args],
      { cwd: root, env: { ...process.env, DATABASE_URL: url } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** `npm run bootstrap` on a fresh database of its own (the shared test database has admins already). */
describe('bootstrap CLI', () => {
  const url = withDatabase(process.env.DATABASE_URL as string, `exchange_bootstrap_${randomUUID().slice(0, 8)}_test`);
  let dataSource: DataSource;

  beforeAll(async () => {
    await migrateDatabase(url);
    dataSource = await createDataSource(url, { applicationName: 'bootstrap-test', poolSize: 1 }).initialize();
  }, 60_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await dropTestDatabase(url);
  });

  it('creates the first organisation, admin and key once, prints the key, and refuses a second time unless --force', async () => {
    const first = await runBootstrap(url, [
      '--org-name', '서울창업허브', '--org-name-latin', 'Seoul Startup Hub', '--country', 'KR', '--language', 'ko', '--admin-email', 'ops@example.org', '--admin-time-zone', 'Asia/Seoul',
    ]);
    expect(first).toMatchObject({ code: 0 });
    const key = first.stdout.trim().split('\n').pop() as string;
    expect(key).toMatch(/^sx_live_[A-Za-z0-9_-]{43}$/);

    const rows = (await dataSource.query(
      `SELECT o.name, o.kind, o.country, o.preferred_language, p.role, p.email, k.hash, k.prefix
         FROM identity.api_keys k JOIN identity.principals p ON p.id = k.principal_id JOIN identity.organisations o ON o.id = k.organisation_id`,
    )) as Array<Record<string, string>>;
    expect(rows).toEqual([
      { name: '서울창업허브', kind: 'organising_agency', country: 'KR', preferred_language: 'ko', role: 'admin', email: 'ops@example.org', hash: hashApiKey(key), prefix: key.slice(0, 16) },
    ]);
    const audit = (await dataSource.query(`SELECT service, action FROM identity.audit_log ORDER BY at, action`)) as Array<{ service: string; action: string }>;
    expect(audit.map((a) => a.action).sort()).toEqual(['api_key.create', 'organisation.create', 'principal.create']);
    expect(new Set(audit.map((a) => a.service))).toEqual(new Set(['cli']));
    // The admin is announced as the service announces a person, in the same transaction; no secret in it.
    const events = (await dataSource.query(`SELECT type, key, topic, source, payload, payload::text AS text FROM applications.outbox ORDER BY seq`)) as Array<Record<string, any>>;
    const [{ id: adminId, organisation_id: orgId }] = (await dataSource.query(`SELECT id, organisation_id FROM identity.principals`)) as Array<{ id: string; organisation_id: string }>;
    expect(events).toEqual([
      expect.objectContaining({
        type: 'person.registered',
        key: adminId,
        topic: 'exchange.applications.v1',
        source: '/services/applications',
        payload: {
          person: { id: adminId, role: 'admin', organisationId: orgId, startupId: null, displayName: 'Administrator', email: 'ops@example.org', preferredLanguage: 'ko', timeZone: 'Asia/Seoul', state: 'active' },
          at: expect.any(String),
        },
      }),
    ]);
    expect(events[0].text).not.toContain(key);
    expect(events[0].text).not.toContain(hashApiKey(key));

    const second = await runBootstrap(url, ['--org-name', 'Again', '--country', 'KR']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('refused: 1 admin(s) already exist');
    expect(second.stdout).not.toMatch(/sx_live_/);

    const forced = await runBootstrap(url, ['--org-name', 'Second agency', '--country', 'RU', '--language', 'ru', '--force']);
    expect(forced.code).toBe(0);
    const [{ admins }] = (await dataSource.query(`SELECT count(*)::int AS admins FROM identity.principals WHERE role = 'admin'`)) as Array<{ admins: number }>;
    expect(admins).toBe(2);
    const announced = (await dataSource.query(`SELECT payload->'person'->>'timeZone' AS zone FROM applications.outbox WHERE type = 'person.registered' ORDER BY seq`)) as Array<{ zone: string | null }>;
    expect(announced).toEqual([{ zone: 'Asia/Seoul' }, { zone: null }]);
  }, 60_000);

  it('names every bad argument and writes nothing', async () => {
    const before = (await dataSource.query(`SELECT count(*)::int AS n FROM identity.organisations`)) as Array<{ n: number }>;
    const bad = await runBootstrap(url, ['--country', 'Korea', '--language', 'fr', '--admin-time-zone', 'Mars/Olympus', '--admin-name', 'x'.repeat(201), '--force']);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--org-name is required');
    expect(bad.stderr).toContain('--country must be an ISO 3166-1 alpha-2 code');
    expect(bad.stderr).toContain('--language must be one of en, ko, ru');
    expect(bad.stderr).toContain('--admin-time-zone must be an IANA time zone');
    expect(bad.stderr).toContain('--admin-name must be at most 200 characters');
    expect((await runBootstrap(url, ['--org-name', 'X', '--country', 'KR', '--colour', 'red'])).code).toBe(64);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM identity.organisations`)).toEqual(before);
  }, 60_000);
});
