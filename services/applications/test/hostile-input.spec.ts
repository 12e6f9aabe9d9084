import { unboundedDtoFields } from '@exchange/platform';
import { bearer, expectRefusedAsProblem, forgedCursor, type HostileInputCase, type TestApiKey, waitFor } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { createPublishedProgramme, programmeBody, registerStartup, registrationBody, type Service, startApplications } from './helpers';

/**
 * Finding 6 of issue 12 against the applications service: each malformed input answers 4xx
 * problem+json naming the field, and writes nothing (rows of this test's startup and organiser are
 * counted before and after). A PostgreSQL connection ended under a request answers 503.
 */
describe('hostile input to the applications service', () => {
  let svc: Service;
  let manager: TestApiKey;
  let organiserId: string;
  let startup: { id: string; key: { key: string } };
  let programmeId: string;

  const counts = async () => {
    const [row] = (await svc.dataSource.query(
      `SELECT (SELECT count(*) FROM applications.programmes WHERE organiser_organisation_id = $1)::int AS programmes,
              (SELECT count(*) FROM applications.applications WHERE startup_id = $2)::int AS applications,
              (SELECT version FROM applications.startups WHERE id = $2) AS "startupVersion",
              (SELECT count(*) FROM applications.startups WHERE name LIKE 'hostile-%')::int AS startups,
              (SELECT count(*) FROM applications.outbox WHERE key IN ($1::text, $2::text))::int AS events`,
      [organiserId, startup.id],
    )) as Array<Record<string, number>>;
    return row;
  };

  beforeAll(async () => {
    svc = await startApplications();
    organiserId = (await svc.organisation('organising_agency', 'RU')).id;
    manager = await svc.key('programme_manager', { organisationId: organiserId });
    startup = await registerStartup(svc);
    programmeId = (await createPublishedProgramme(svc, manager)).id;
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('bounds every field of every DTO of the service', () => {
    expect(AppModule).toBeDefined();
    expect(unboundedDtoFields()).toEqual([]);
  });

  const hostileStartup = (over: Record<string, unknown>) => registrationBody({ name: `hostile-${Date.now()}`, ...over });
  const cases = (): Array<[string, HostileInputCase, 'startup' | 'manager' | 'none']> => [
    ['NUL in a name', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ nameLatin: 'Medi\u0000bot' }), field: 'nameLatin' }, 'none'],
    ['a lone surrogate', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ description: '\ud800x' }), field: 'description' }, 'none'],
    ['NUL in a nested string', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ team: [{ name: 'Kim\u0000' }] }), field: 'team.0.name' }, 'none'],
    ['a name of only spaces', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ nameLatin: '   ' }), field: 'nameLatin' }, 'none'],
    ['country XX', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ country: 'XX' }), field: 'country' }, 'none'],
    ['a javascript: website', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ contact: { website: 'javascript:alert(1)' } }), field: 'contact.website' }, 'none'],
    ['a file: website', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ contact: { website: 'file:///etc/passwd' } }), field: 'contact.website' }, 'none'],
    ['a contact that is an array', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ contact: [] }), field: 'contact' }, 'none'],
    ['10,001 technology fields', { name: '', method: 'POST', path: '/v1/startups', body: hostileStartup({ technologyFields: Array.from({ length: 10_001 }, (_, i) => `f${i}`) }), field: 'technologyFields' }, 'none'],
    ['eleven languages', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: { languages: ['ko', 'en', 'ru', 'de', 'fr', 'es', 'it', 'ja', 'zh', 'pt', 'nl'] }, field: 'languages' }, 'startup'],
    ['languages of 10 KB strings', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: { languages: ['x'.repeat(10_000)] }, field: 'languages' }, 'startup'],
    ['version "2"', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: { description: 'x', version: '2' }, field: 'version' }, 'startup'],
    ['version true', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: { description: 'x', version: true }, field: 'version' }, 'startup'],
    ['version beyond integer', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: '{"description":"x","version":9007199254740993}', field: 'version' }, 'startup'],
    ['version 1e308', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: '{"description":"x","version":1e308}', field: 'version' }, 'startup'],
    ['a null name on an update', { name: '', method: 'PATCH', path: '/v1/startups/:startup', body: { name: null }, field: 'name' }, 'startup'],
    ['a programme without rubric', { name: '', method: 'POST', path: '/v1/programmes', body: { ...programmeBody(), rubric: undefined }, field: 'rubric' }, 'manager'],
    ['rubric: []', { name: '', method: 'POST', path: '/v1/programmes', body: programmeBody({ rubric: [] }), field: 'rubric' }, 'manager'],
    ['eligibility: []', { name: '', method: 'POST', path: '/v1/programmes', body: programmeBody({ eligibility: [] }), field: 'eligibility' }, 'manager'],
    ['capacity 2147483648', { name: '', method: 'POST', path: '/v1/programmes', body: programmeBody({ capacity: 2147483648 }), field: 'capacity' }, 'manager'],
    ['opensAt in year 0', { name: '', method: 'POST', path: '/v1/programmes', body: programmeBody({ opensAt: '0000-01-01T00:00:00Z' }), field: 'opensAt' }, 'manager'],
    ['10,001 eligible technology fields', { name: '', method: 'POST', path: '/v1/programmes', body: programmeBody({ eligibility: { technologyFields: Array.from({ length: 10_001 }, (_, i) => `f${i}`) } }), field: 'eligibility.technologyFields' }, 'manager'],
    ['NUL in a key of answers', { name: '', method: 'POST', path: '/v1/applications', body: { programmeId: ':programme', answers: { 'pi\u0000tch': 'x' } }, field: 'answers.pi\ufffdtch' }, 'startup'],
    ['answers that are an array', { name: '', method: 'POST', path: '/v1/applications', body: { programmeId: ':programme', answers: [] }, field: 'answers' }, 'startup'],
    ['NUL in a query value', { name: '', method: 'GET', path: '/v1/startups?q=a%00b', field: 'q' }, 'manager'],
    ['a forged cursor', { name: '', method: 'GET', path: `/v1/startups?cursor=${forgedCursor({ at: '99999-01-01', id: 'x' })}`, field: 'cursor' }, 'manager'],
    ['a cursor of numbers', { name: '', method: 'GET', path: `/v1/programmes?cursor=${forgedCursor([1, 2, 3])}`, field: 'cursor' }, 'manager'],
    ['a badly encoded path', { name: '', method: 'GET', path: '/v1/startups/%E0%A4%A', field: null }, 'manager'],
    ['a path parameter too long', { name: '', method: 'GET', path: `/v1/startups/${'a'.repeat(500)}`, field: null, status: 414 }, 'manager'],
  ];

  it.each(cases().map(([name, c, who]) => [name, c, who] as const))('%s answers 4xx problem+json naming the field, writing nothing', async (_name, c, who) => {
    const key = who === 'startup' ? startup.key : who === 'manager' ? manager : null;
    const fill = (text: string) => text.replace(':startup', startup.id).replace(':programme', programmeId);
    const body = typeof c.body === 'string' ? c.body : c.body === undefined ? undefined : JSON.parse(fill(JSON.stringify(c.body)));
    const before = await counts();
    const problem = await expectRefusedAsProblem(svc.running.url, key ? bearer(key) : {}, { ...c, path: fill(c.path), body });
    if (c.field === null) expect(JSON.stringify(problem)).not.toContain('%E0');
    expect(await counts()).toEqual(before);
  });

  it('reads a startup by its id in upper case', async () => {
    const res = await svc.call('GET', `/startups/${startup.id.toUpperCase()}`, startup.key);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(startup.id);
  });

  it('answers 503 with Retry-After when PostgreSQL ends the connection under a request, and the retry succeeds', async () => {
    const { version } = (await svc.call('GET', `/startups/${startup.id}`, startup.key)).body as { version: number };
    // Hold the startup's row so the update waits inside PostgreSQL, then end that backend as a restart would.
    const holder = svc.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT id FROM applications.startups WHERE id = $1 FOR UPDATE', [startup.id]);
      const [{ pid }] = (await holder.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
      const pending = svc.call('PATCH', `/startups/${startup.id}`, startup.key, { description: 'after a restart', version });
      const blocked = await waitFor(
        async () => {
          const rows = (await svc.dataSource.query('SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid])) as Array<{ pid: number }>;
          return rows.length > 0 ? rows : undefined;
        },
        { what: 'the update to wait for the row lock' },
      );
      await svc.dataSource.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [blocked.map((r) => r.pid)]);
      const res = await pending;
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.body).toMatchObject({ status: 503 });
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
    }
    const retry = await svc.call('PATCH', `/startups/${startup.id}`, startup.key, { description: 'after a restart', version });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(version + 1);
  });
});
