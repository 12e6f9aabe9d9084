import { randomUUID } from 'node:crypto';
import { type RunningService, unboundedDtoFields } from '@exchange/platform';
import { bearer, expectRefusedAsProblem, forgedCursor, type HostileInputCase, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema, SERVICE_NAME } from '../src/config';
import { knownProgramme, siteBody } from './helpers';

/**
 * Finding 6 of issue 12 against the pilots service: malformed input answers 4xx problem+json naming
 * the field and writes nothing (the rows of this test's organisations, counted before and after).
 */
describe('hostile input to the pilots service', () => {
  let running: RunningService;
  let db: DataSource;
  let host: TestApiKey;
  let manager: TestApiKey;
  let programmeId: string;

  const counts = async () => {
    const [row] = (await db.query(
      `SELECT (SELECT count(*) FROM pilots.pilot_sites WHERE host_organisation_id = $1)::int AS sites,
              (SELECT count(*) FROM pilots.outbox WHERE payload::text LIKE '%' || $1 || '%')::int AS events`,
      [host.organisationId],
    )) as Array<Record<string, number>>;
    return row;
  };

  beforeAll(async () => {
    running = await startServiceInProcess({ name: SERVICE_NAME, module: AppModule, schema: pilotsConfigSchema });
    db = running.app.get(DataSource);
    host = await issueTestApiKey(db, { role: 'host' });
    manager = await issueTestApiKey(db, { role: 'programme_manager' });
    programmeId = await knownProgramme(db, manager.organisationId as string);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('bounds every field of every DTO of the service', () => {
    expect(AppModule).toBeDefined();
    expect(unboundedDtoFields()).toEqual([]);
  });

  const id = randomUUID();
  const site = (over: Record<string, unknown>) => siteBody(programmeId, over);
  const approve = (over: Record<string, unknown>) => ({
    successCriteria: [{ name: 'triage_time_reduction', unit: 'percent', target: 20 }],
    durationDays: 60,
    hostOwner: { name: 'Anna Petrova' },
    ...over,
  });
  const report = (over: Record<string, unknown>) => ({ outcome: 'successful', results: [], adoption: 'adopt', ...over });
  const cases: Array<[string, Omit<HostileInputCase, 'name'>, 'host' | 'manager']> = [
    ['NUL in a site name', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ name: 'Больница\u0000' }), field: 'name' }, 'host'],
    ['a lone surrogate in the problem statement', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ problemStatement: 'x\udc00' }), field: 'problemStatement' }, 'host'],
    ['a name of only spaces', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ name: '    ' }), field: 'name' }, 'host'],
    ['capacity 2147483648', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ capacity: 2147483648 }), field: 'capacity' }, 'host'],
    ['country XX', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ country: 'XX' }), field: 'country' }, 'host'],
    ['eleven languages', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ languages: ['ko', 'en', 'ru', 'de', 'fr', 'es', 'it', 'ja', 'zh', 'pt', 'nl'] }), field: 'languages' }, 'host'],
    ['10,001 technology fields', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ technologyFields: Array.from({ length: 10_001 }, (_, i) => `f${i}`) }), field: 'technologyFields' }, 'host'],
    ['a date in year 0', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ availableFrom: '0000-01-01T00:00:00Z' }), field: 'availableFrom' }, 'host'],
    ['an unknown time zone', { method: 'POST', path: '/v1/pilot-sites', body: () => site({ timeZone: 'Mars/Olympus_Mons' }), field: 'timeZone' }, 'host'],
    ['version "2"', { method: 'PATCH', path: `/v1/pilot-sites/${id}`, body: () => ({ version: '2', capacity: 3 }), field: 'version' }, 'host'],
    ['version 9007199254740993', { method: 'PATCH', path: `/v1/pilot-sites/${id}`, body: () => '{"version":9007199254740993,"capacity":3}', field: 'version' }, 'host'],
    ['a null city on an update', { method: 'PATCH', path: `/v1/pilot-sites/${id}`, body: () => ({ version: 1, city: null }), field: 'city' }, 'host'],
    ['a host owner that is an array', { method: 'POST', path: `/v1/match-proposals/${id}/approve`, body: () => approve({ hostOwner: [] }), field: 'hostOwner' }, 'manager'],
    ['no host owner', { method: 'POST', path: `/v1/match-proposals/${id}/approve`, body: () => approve({ hostOwner: undefined }), field: 'hostOwner' }, 'manager'],
    ['a target of 1e308', { method: 'POST', path: `/v1/match-proposals/${id}/approve`, body: () => JSON.stringify(approve({})).replace('"target":20', '"target":1e308'), field: 'successCriteria.0.target' }, 'manager'],
    ['a contract value of 1e308', { method: 'POST', path: `/v1/pilots/${id}/complete`, body: () => JSON.stringify(report({ contractValue: 1 })).replace('"contractValue":1', '"contractValue":1e308'), field: 'contractValue' }, 'host'],
    ['a result that is an array', { method: 'POST', path: `/v1/pilots/${id}/complete`, body: () => report({ results: [[]] }), field: 'results' }, 'host'],
    ['a forged site cursor', { method: 'GET', path: `/v1/pilot-sites?cursor=${forgedCursor({ createdAt: '99999-01-01', id: 'x' })}`, field: 'cursor' }, 'host'],
    ['a forged proposal cursor', { method: 'GET', path: `/v1/match-proposals?cursor=${forgedCursor({ createdAt: '99999-01-01', id: 'x' })}`, field: 'cursor' }, 'host'],
    ['a forged pilot cursor', { method: 'GET', path: `/v1/pilots?cursor=${forgedCursor({ createdAt: '99999-01-01', id: 'x' })}`, field: 'cursor' }, 'host'],
    ['NUL in a query value', { method: 'GET', path: '/v1/pilot-sites?city=Mos%00cow', field: 'city' }, 'host'],
    ['a badly encoded path', { method: 'GET', path: '/v1/pilot-sites/%E0%A4%A', field: null }, 'host'],
    ['a path parameter too long', { method: 'GET', path: `/v1/pilots/${'a'.repeat(500)}`, field: null, status: 414 }, 'host'],
  ];

  it.each(cases)('%s answers 4xx problem+json naming the field, writing nothing', async (name, c, who) => {
    const before = await counts();
    const body = typeof c.body === 'function' ? (c.body as () => unknown)() : c.body;
    await expectRefusedAsProblem(running.url, bearer(who === 'host' ? host : manager), { ...c, name, body });
    expect(await counts()).toEqual(before);
  });
});
