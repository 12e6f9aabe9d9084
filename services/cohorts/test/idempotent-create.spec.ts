import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RunningService } from '@exchange/platform';
import { bearer, issueTestApiKey, type TestApiKey } from '@exchange/platform/testing';
import { cohortBody, knownProgramme, outboxEvents, startCohorts } from './helpers';

/** POST /v1/cohorts takes an Idempotency-Key: a repeat creates no second cohort (nor a second cohort.opened). */
describe('cohorts: idempotent create', () => {
  let running: RunningService;
  let ds: DataSource;
  let manager: TestApiKey;

  beforeAll(async () => {
    running = await startCohorts();
    ds = running.app.get(DataSource);
    manager = await issueTestApiKey(ds, { role: 'programme_manager' });
  });
  afterAll(async () => {
    await running?.close();
  });

  async function create(body: unknown, idempotencyKey: string) {
    const res = await fetch(`${running.url}/v1/cohorts`, {
      method: 'POST',
      headers: { ...bearer(manager), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    return { status: res.status, replayed: res.headers.get('idempotency-replayed'), body: (await res.json()) as Record<string, unknown> };
  }

  it('repeated 10 times at once with one key creates one cohort and answers each with it', async () => {
    const key = randomUUID();
    const programmeId = await knownProgramme(ds, manager.organisationId!);
    const body = cohortBody(programmeId);
    const results = await Promise.all(Array.from({ length: 10 }, () => create(body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.replayed === 'true')).toHaveLength(9);
    const [id] = [...ids] as string[];
    expect(await ds.query(`SELECT id FROM cohorts.cohorts WHERE programme_id = $1`, [programmeId])).toEqual([{ id }]);
    expect(await outboxEvents(ds, id, 'cohort.opened')).toHaveLength(1);

    // The same key with another body is refused and creates nothing; a new key creates a new cohort.
    expect((await create({ ...body, capacity: 20 }, key)).status).toBe(422);
    const fresh = await create(body, randomUUID());
    expect(fresh.status).toBe(201);
    expect(fresh.body.id).not.toBe(id);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM cohorts.cohorts WHERE programme_id = $1`, [programmeId]);
    expect(n).toBe(2);
  });
});
