import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunningService } from '@exchange/platform';
import { bearer, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema, SERVICE_NAME } from '../src/config';
import { approveBody, insertCandidate, knownProgramme, siteBody } from './helpers';

/** Creating calls of the pilots service take an Idempotency-Key: a repeat creates nothing new. */
describe('pilots: idempotent creates', () => {
  let running: RunningService;
  let db: DataSource;
  let host: TestApiKey;
  let manager: TestApiKey;

  beforeAll(async () => {
    running = await startServiceInProcess({ name: SERVICE_NAME, module: AppModule, schema: pilotsConfigSchema });
    db = running.app.get(DataSource);
    host = await issueTestApiKey(db, { role: 'host' });
    manager = await issueTestApiKey(db, { role: 'programme_manager' });
  });
  afterAll(async () => {
    await running?.close();
  });

  async function post(path: string, key: TestApiKey, body: unknown, idempotencyKey: string) {
    const res = await fetch(`${running.url}/v1${path}`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    return { status: res.status, replayed: res.headers.get('idempotency-replayed'), body: (await res.json()) as Record<string, unknown> };
  }

  it('POST /v1/pilot-sites repeated 10 times at once with one key creates one site and answers each with it', async () => {
    const key = randomUUID();
    const body = siteBody(await knownProgramme(db));
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/pilot-sites', host, body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.replayed === 'true')).toHaveLength(9);
    const rows = await db.query(`SELECT id FROM pilots.pilot_sites WHERE host_organisation_id = $1 AND name = $2`, [host.organisationId, body.name]);
    expect(rows).toEqual([{ id: [...ids][0] }]);

    // The same key with another body is refused and creates nothing; a new key creates a new site.
    const other = await post('/pilot-sites', host, { ...body, city: 'Kazan' }, key);
    expect(other.status).toBe(422);
    const fresh = await post('/pilot-sites', host, body, randomUUID());
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe([...ids][0]);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pilots.pilot_sites WHERE host_organisation_id = $1`, [host.organisationId]);
    expect(n).toBe(2);
  });

  it('a repeated approval with the same key replays the one pilot it created', async () => {
    const programmeId = randomUUID();
    await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!] });
    const site = await post('/pilot-sites', host, siteBody(programmeId), randomUUID());
    const [proposal] = (await db.query(`SELECT id FROM pilots.match_proposals WHERE site_id = $1`, [site.body.id])) as Array<{ id: string }>;

    const key = randomUUID();
    const first = await post(`/match-proposals/${proposal.id}/approve`, manager, approveBody, key);
    expect(first.status).toBe(200);
    const again = await post(`/match-proposals/${proposal.id}/approve`, manager, approveBody, key);
    expect(again).toMatchObject({ status: 200, replayed: 'true', body: { id: first.body.id, state: 'approved' } });
    // Without the key the proposal is simply already decided.
    const withoutKey = await post(`/match-proposals/${proposal.id}/approve`, manager, approveBody, randomUUID());
    expect(withoutKey).toMatchObject({ status: 409, body: { code: 'MATCH_PROPOSAL.ALREADY_DECIDED', currentState: 'approved' } });
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pilots.pilots WHERE proposal_id = $1`, [proposal.id]);
    expect(n).toBe(1);
  });
});
