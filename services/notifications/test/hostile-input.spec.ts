import { randomUUID } from 'node:crypto';
import { type RunningService, unboundedDtoFields } from '@exchange/platform';
import { bearer, expectRefusedAsProblem, forgedCursor, type HostileInputCase, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { notificationsConfigSchema, SERVICE_NAME } from '../src/config';
import { testEnv } from './support/harness';
import { withScratchNames } from './support/scratch-names';

/**
 * Finding 6 of issue 12 against the notifications service: malformed input answers 4xx problem+json
 * naming the field and writes nothing (this test's organisation's endpoints, before and after).
 */
describe('hostile input to the notifications service', () => {
  let running: RunningService;
  let ds: DataSource;
  let liaison: TestApiKey;
  let endpoint: { id: string; version: number };

  const counts = async () => {
    const [row] = (await ds.query(
      `SELECT (SELECT count(*) FROM notifications.webhook_endpoints WHERE organisation_id = $1)::int AS endpoints,
              (SELECT version FROM notifications.webhook_endpoints WHERE id = $2) AS "endpointVersion",
              (SELECT count(*) FROM notifications.deliveries WHERE endpoint_id = $2)::int AS deliveries`,
      [liaison.organisationId, endpoint.id],
    )) as Array<Record<string, number>>;
    return row;
  };

  beforeAll(async () => {
    const suffix = randomUUID().slice(0, 8);
    running = await startServiceInProcess({ name: SERVICE_NAME, module: withScratchNames(`hostile-input-${suffix}`, `hostile-input-${suffix}`), schema: notificationsConfigSchema }, testEnv());
    ds = running.app.get(DataSource);
    liaison = await issueTestApiKey(ds, { role: 'partner_agency' });
    const res = await fetch(`${running.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { ...bearer(liaison), 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hooks', eventTypes: ['*'] }),
    });
    if (res.status !== 201) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
    endpoint = (await res.json()) as { id: string; version: number };
  });
  afterAll(async () => {
    await running?.close();
  });

  it('bounds every field of every DTO of the service', () => {
    expect(AppModule).toBeDefined();
    expect(unboundedDtoFields()).toEqual([]);
  });

  const cases: Array<[string, Omit<HostileInputCase, 'name'>]> = [
    ['a webhook URL on port 0', { method: 'POST', path: '/v1/webhook-endpoints', body: { url: 'http://hooks.partner.example:0/x', eventTypes: ['*'] }, field: 'url' }],
    ['a javascript: URL', { method: 'POST', path: '/v1/webhook-endpoints', body: { url: 'javascript:alert(1)', eventTypes: ['*'] }, field: 'url' }],
    ['NUL in a description', { method: 'POST', path: '/v1/webhook-endpoints', body: { url: 'https://hooks.partner.example/x', eventTypes: ['*'], description: 'CRM\u0000' }, field: 'description' }],
    ['a lone surrogate in an event type', { method: 'POST', path: '/v1/webhook-endpoints', body: { url: 'https://hooks.partner.example/x', eventTypes: ['pilot.\ud800'] }, field: 'eventTypes.0' }],
    ['eventTypes: null on an update', { method: 'PATCH', path: '/v1/webhook-endpoints/:endpoint', body: { version: 1, eventTypes: null }, field: 'eventTypes' }],
    ['url: null on an update', { method: 'PATCH', path: '/v1/webhook-endpoints/:endpoint', body: { version: 1, url: null }, field: 'url' }],
    ['version "2"', { method: 'PATCH', path: '/v1/webhook-endpoints/:endpoint', body: { version: '2', description: 'x' }, field: 'version' }],
    ['version 1e308', { method: 'PATCH', path: '/v1/webhook-endpoints/:endpoint', body: '{"version":1e308,"description":"x"}', field: 'version' }],
    ['a replay from year 0', { method: 'POST', path: '/v1/webhook-endpoints/:endpoint/replay', body: { from: '0000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, field: 'from' }],
    ['a forged endpoint cursor', { method: 'GET', path: `/v1/webhook-endpoints?cursor=${forgedCursor({ t: '2026-13-45 99:99:99+00', id: randomUUID() })}`, field: 'cursor' }],
    ['a forged delivery cursor', { method: 'GET', path: `/v1/webhook-deliveries?cursor=${forgedCursor([1, 2, 3])}`, field: 'cursor' }],
    ['NUL in a query value', { method: 'GET', path: '/v1/webhook-deliveries?eventType=pilot.%00', field: 'eventType' }],
    ['a badly encoded path', { method: 'GET', path: '/v1/webhook-endpoints/%E0%A4%A', field: null }],
    ['a path parameter too long', { method: 'GET', path: `/v1/webhook-endpoints/${'a'.repeat(500)}`, field: null, status: 414 }],
  ];

  it.each(cases)('%s answers 4xx problem+json naming the field, writing nothing', async (name, c) => {
    const before = await counts();
    await expectRefusedAsProblem(running.url, bearer(liaison), { ...c, name, path: c.path.replace(':endpoint', endpoint.id) });
    expect(await counts()).toEqual(before);
  });

  it('reads an endpoint by its id in upper case', async () => {
    const res = await fetch(`${running.url}/v1/webhook-endpoints/${endpoint.id.toUpperCase()}`, { headers: bearer(liaison) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe(endpoint.id);
  });
});
