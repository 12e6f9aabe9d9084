import { randomUUID } from 'node:crypto';
import { type RunningService, unboundedDtoFields } from '@exchange/platform';
import { bearer, expectRefusedAsProblem, forgedCursor, type HostileInputCase, issueTestApiKey, type TestApiKey } from '@exchange/platform/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { apiOf, cohortBody, knownProgramme, startCohorts } from './helpers';

/**
 * Finding 6 of issue 12 against the cohorts service: malformed input answers 4xx problem+json naming
 * the field and writes nothing (this test's organiser's cohorts and their events, before and after).
 */
describe('hostile input to the cohorts service', () => {
  let running: RunningService;
  let ds: DataSource;
  let manager: TestApiKey;
  let startup: TestApiKey;
  let programmeId: string;
  let cohort: { id: string; version: number };

  const counts = async () => {
    const [row] = (await ds.query(
      `SELECT (SELECT count(*) FROM cohorts.cohorts WHERE organiser_organisation_id = $1)::int AS cohorts,
              (SELECT version FROM cohorts.cohorts WHERE id = $2) AS "cohortVersion",
              (SELECT count(*) FROM cohorts.outbox WHERE payload::text LIKE '%' || $1 || '%')::int AS events`,
      [manager.organisationId, cohort.id],
    )) as Array<Record<string, number>>;
    return row;
  };

  beforeAll(async () => {
    running = await startCohorts();
    ds = running.app.get(DataSource);
    manager = await issueTestApiKey(ds, { role: 'programme_manager' });
    startup = await issueTestApiKey(ds, { role: 'startup' });
    programmeId = await knownProgramme(ds, manager.organisationId as string);
    const created = await apiOf(running)<{ id: string; version: number }>('POST', '/cohorts', manager, cohortBody(programmeId));
    if (created.status !== 201) throw new Error(`cohort: ${created.status} ${JSON.stringify(created.body)}`);
    cohort = created.body;
  });
  afterAll(async () => {
    await running?.close();
  });

  it('bounds every field of every DTO of the service', () => {
    expect(AppModule).toBeDefined();
    expect(unboundedDtoFields()).toEqual([]);
  });

  const body = (over: Record<string, unknown>) => () => cohortBody(programmeId, over);
  const cases: Array<[string, Omit<HostileInputCase, 'name'>, 'manager' | 'startup']> = [
    ['no selection rule', { method: 'POST', path: '/v1/cohorts', body: body({ selectionRule: undefined }), field: 'selectionRule' }, 'manager'],
    ['selectionRule: []', { method: 'POST', path: '/v1/cohorts', body: body({ selectionRule: [] }), field: 'selectionRule' }, 'manager'],
    ['NUL in a name', { method: 'POST', path: '/v1/cohorts', body: body({ name: 'Seoul\u0000' }), field: 'name' }, 'manager'],
    ['a name of only spaces', { method: 'POST', path: '/v1/cohorts', body: body({ name: '   ' }), field: 'name' }, 'manager'],
    ['capacity 2147483648', { method: 'POST', path: '/v1/cohorts', body: body({ capacity: 2147483648 }), field: 'capacity' }, 'manager'],
    ['host country XX', { method: 'POST', path: '/v1/cohorts', body: body({ hostCountry: 'XX' }), field: 'hostCountry' }, 'manager'],
    ['a language that is not ISO 639-1', { method: 'POST', path: '/v1/cohorts', body: body({ language: 'qq' }), field: 'language' }, 'manager'],
    ['a start in year 0', { method: 'POST', path: '/v1/cohorts', body: body({ startsAt: '0000-01-01T00:00:00Z' }), field: 'startsAt' }, 'manager'],
    ['a minimum score of 1e308', { method: 'POST', path: '/v1/cohorts', body: () => JSON.stringify(cohortBody(programmeId)).replace('"minScore":50', '"minScore":1e308'), field: 'selectionRule.minScore' }, 'manager'],
    ['version "2"', { method: 'POST', path: '/v1/cohorts/:cohort/start', body: () => ({ version: '2' }), field: 'version' }, 'manager'],
    ['version true', { method: 'POST', path: '/v1/cohorts/:cohort/start', body: () => ({ version: true }), field: 'version' }, 'manager'],
    ['version beyond integer', { method: 'POST', path: '/v1/cohorts/:cohort/start', body: () => '{"version":9007199254740993}', field: 'version' }, 'manager'],
    ['an outcome that is an array', { method: 'POST', path: '/v1/cohorts/:cohort/graduate', body: () => ({ version: 1, outcomes: [[]] }), field: 'outcomes' }, 'manager'],
    ['NUL in a pitch group', { method: 'PUT', path: '/v1/cohorts/:cohort/pitch-groups', body: () => ({ version: 1, assignments: [{ startupId: randomUUID(), pitchGroup: 'A\u0000' }] }), field: 'assignments.0.pitchGroup' }, 'manager'],
    ['a forged member cursor', { method: 'GET', path: `/v1/cohorts/:cohort/members?cursor=${forgedCursor([1, 2, 3])}`, field: 'cursor' }, 'manager'],
    ['a forged cohort cursor', { method: 'GET', path: `/v1/cohorts?cursor=${forgedCursor({ createdAt: '99999-01-01', id: 'x' })}`, field: 'cursor' }, 'manager'],
    ['a forged candidate cursor', { method: 'GET', path: `/v1/cohorts/:cohort/candidates?cursor=${forgedCursor(['not a uuid'])}`, field: 'cursor' }, 'manager'],
    ['a forged offer cursor', { method: 'GET', path: `/v1/offers?cursor=${forgedCursor([1, 2, 3])}`, field: 'cursor' }, 'startup'],
    ['a badly encoded path', { method: 'GET', path: '/v1/cohorts/%E0%A4%A', field: null }, 'manager'],
    ['a path parameter too long', { method: 'GET', path: `/v1/cohorts/${'a'.repeat(500)}`, field: null, status: 414 }, 'manager'],
  ];

  it.each(cases)('%s answers 4xx problem+json naming the field, writing nothing', async (name, c, who) => {
    const before = await counts();
    const raw = typeof c.body === 'function' ? (c.body as () => unknown)() : c.body;
    await expectRefusedAsProblem(running.url, bearer(who === 'manager' ? manager : startup), { ...c, name, path: c.path.replace(':cohort', cohort.id), body: raw });
    expect(await counts()).toEqual(before);
  });

  it('reads a cohort by its id in upper case', async () => {
    const res = await apiOf(running)<{ id: string }>('GET', `/cohorts/${cohort.id.toUpperCase()}`, manager);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(cohort.id);
  });
});
