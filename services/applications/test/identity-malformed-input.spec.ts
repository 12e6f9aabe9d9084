import { type RunningService } from '@exchange/platform';
import { bearer, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { applicationsConfigSchema, SERVICE_NAME } from '../src/config';

/**
 * Hostile and broken input against the identity API: every case answers 4xx with a problem
 * document, and nothing it could have written exists afterwards (counted before and after, scoped
 * to this test's organisation, caller and name marker, since other suites share the database).
 */
describe('malformed input changes nothing', () => {
  let service: RunningService;
  let dataSource: DataSource;
  let admin: TestApiKey;
  let orgId: string;
  const marker = `malformed-${randomUUID()}`;

  const counts = async () => {
    const [row] = (await dataSource.query(
      `SELECT (SELECT count(*) FROM identity.organisations WHERE name LIKE $1 || '%')::int AS organisations,
              (SELECT count(*) FROM identity.principals WHERE organisation_id = $2)::int AS people,
              (SELECT count(*) FROM identity.api_keys WHERE organisation_id = $2)::int AS keys,
              (SELECT count(*) FROM identity.audit_log WHERE actor_principal_id = $3)::int AS audit,
              (SELECT count(*) FROM identity.idempotency_keys WHERE scope LIKE '%' || $3 || '%')::int AS idempotency`,
      [marker, orgId, admin.principalId],
    )) as Array<Record<string, number>>;
    return row;
  };

  const send = (method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, { method, headers: { 'content-type': 'application/json', ...bearer(admin), ...headers }, body });

  beforeAll(async () => {
    // A small body cap so "huge" stays cheap; everything else as in production.
    service = await startServiceInProcess({ name: SERVICE_NAME, module: AppModule, schema: applicationsConfigSchema }, { BODY_LIMIT_BYTES: '65536' });
    dataSource = service.app.get(DataSource);
    admin = await issueTestApiKey(dataSource, { role: 'admin' });
    orgId = admin.organisationId as string;
  });
  afterAll(async () => {
    await service?.close();
  });

  const org = (over: Record<string, unknown> = {}) => JSON.stringify({ name: `${marker} org`, kind: 'host', country: 'KR', preferredLanguage: 'ko', ...over });
  const person = (over: Record<string, unknown> = {}) => JSON.stringify({ displayName: `${marker} person`, role: 'reviewer', ...over });
  const deep = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  // Every row has all five values: Jest would pass a `done` callback in place of a missing last one.
  const cases: Array<[string, string, string, () => string | Buffer, number | null]> = [
    ['wrong types', 'POST', '/v1/organisations', () => org({ name: 42, country: ['KR'], preferredLanguage: true }), null],
    ['an enum value outside the set', 'POST', '/v1/organisations', () => org({ kind: 'government', preferredLanguage: 'fr' }), null],
    ['unknown fields', 'POST', '/v1/organisations', () => org({ id: randomUUID(), version: 7, isAdmin: true }), null],
    ['unknown fields on a person', 'POST', '/v1/organisations/:org/people', () => person({ organisationId: randomUUID(), state: 'active' }), null],
    ['an admin role smuggled in as an array', 'POST', '/v1/organisations/:org/people', () => person({ role: ['reviewer', 'admin'] }), null],
    ['a huge body', 'POST', '/v1/organisations', () => org({ name: `${marker} ${'x'.repeat(100_000)}` }), 413],
    ['a body that is not UTF-8', 'POST', '/v1/organisations', () => Buffer.concat([Buffer.from(`{"name":"${marker} `), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('","kind":"host","country":"KR","preferredLanguage":"ko"}')]), null],
    ['SQL in a checked field', 'POST', '/v1/organisations', () => org({ country: "KR'; DROP TABLE identity.organisations; --" }), null],
    ['SQL in the role', 'POST', '/v1/organisations/:org/people', () => person({ role: "reviewer' OR '1'='1" }), null],
    ['deeply nested JSON', 'POST', '/v1/organisations', () => org({ city: JSON.parse(deep(20)) as unknown }).replace(/"city":.*\}/, `"city":${deep(5_000)}}`), null],
    ['truncated JSON', 'POST', '/v1/organisations', () => org().slice(0, 20), null],
    ['JSON that is not an object', 'POST', '/v1/organisations', () => '[1,2,3]', null],
    ['prototype pollution', 'POST', '/v1/organisations', () => org().replace('{', '{"__proto__":{"role":"admin"},'), null],
    ['a malformed email', 'POST', '/v1/organisations/:org/people', () => person({ email: "x@y'; --" }), null],
  ];

  it.each(cases)('%s answers 4xx with a problem document', async (_name, method, template, body, status) => {
    const before = await counts();
    const res = await send(method, template.replace(':org', orgId), body());
    if (status) expect(res.status).toBe(status);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: res.status, title: expect.any(String) });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['SQL in a path id', "/v1/organisations/1'%20OR%20'1'='1"],
    ['SQL in a query filter', "/v1/organisations?country=KR'%20OR%201=1--"],
    ['SQL in a cursor', "/v1/organisations?cursor=')%3BDELETE%20FROM%20identity.organisations--"],
    ['an unknown query parameter', '/v1/organisations?role=admin'],
    ['a limit over the maximum', '/v1/organisations?limit=100000'],
  ])('%s answers 400 with a problem document', async (_name, path) => {
    const before = await counts();
    const res = await fetch(`${service.url}${path}`, { headers: bearer(admin) });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await counts()).toEqual(before);
  });

  it('stores SQL metacharacters in free text as text, never as SQL', async () => {
    const name = `${marker} Robert'); DROP TABLE identity.organisations; -- 서울 Москва`;
    const res = await send('POST', '/v1/organisations', org({ name }));
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; name: string };
    expect(created.name).toBe(name);
    const [row] = (await dataSource.query(`SELECT name FROM identity.organisations WHERE id = $1`, [created.id])) as Array<{ name: string }>;
    expect(row.name).toBe(name);
  });
});
