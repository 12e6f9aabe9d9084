import { randomUUID } from 'node:crypto';
import { bearer, type TestApiKey } from '@exchange/platform/testing';
import { apply, createPublishedProgramme, programmeBody, registerStartup, startApplications, type Service } from './helpers';

/**
 * Every creating POST of the applications service takes an Idempotency-Key: a client that repeats a
 * create (a lost answer, a retry) gets the first object back instead of a second one or a 409.
 * POST /v1/startups is deliberately not idempotent: its answer holds a new secret key.
 */
describe('applications: idempotent creates', () => {
  let svc: Service;
  let organiserId: string;
  let manager: TestApiKey;
  const day = 86_400_000;

  beforeAll(async () => {
    svc = await startApplications();
    organiserId = (await svc.organisation()).id;
    manager = await svc.key('programme_manager', { organisationId: organiserId });
  });
  afterAll(async () => {
    await svc?.close();
  });

  async function post(path: string, key: TestApiKey | { key: string }, body: unknown, idempotencyKey: string) {
    const res = await fetch(`${svc.running.url}/v1${path}`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, replayed: res.headers.get('idempotency-replayed'), body: text ? JSON.parse(text) : null, text };
  }

  /** The same create twice with one key: the second answer is the first one, replayed. */
  async function twice(path: string, key: TestApiKey | { key: string }, body: unknown) {
    const idempotencyKey = randomUUID();
    const first = await post(path, key, body, idempotencyKey);
    const second = await post(path, key, body, idempotencyKey);
    expect([first.status, first.replayed]).toEqual([second.status, null]);
    expect(first.status).toBeLessThan(300);
    expect(second.replayed).toBe('true');
    expect(second.body).toEqual(first.body);
    return { first, idempotencyKey };
  }

  const count = async (sql: string, params: unknown[]) => ((await svc.dataSource.query(sql, params)) as [{ n: number }])[0].n;

  async function submittedApplication() {
    const programme = await createPublishedProgramme(svc, manager);
    const startup = await registerStartup(svc);
    return { programme, startup, application: await apply(svc, startup, programme.id) };
  }

  async function assigned() {
    const a = await submittedApplication();
    const reviewer = await svc.key('reviewer', { organisationId: organiserId });
    const res = await svc.call('POST', `/programmes/${a.programme.id}/review-assignments`, manager, {
      applicationId: a.application.id,
      reviewerPrincipalId: reviewer.principalId,
      dueAt: new Date(Date.now() + 7 * day).toISOString(),
    });
    expect(res.status).toBe(201);
    return { ...a, reviewer, assignmentId: res.body.id as string };
  }

  it('POST /programmes: one programme; the same key with another body answers 422', async () => {
    const body = programmeBody();
    const { first, idempotencyKey } = await twice('/programmes', manager, body);
    expect(first.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM applications.programmes WHERE name = $1`, [body.name])).toBe(1);
    const other = await post('/programmes', manager, { ...body, hostCity: 'Kazan' }, idempotencyKey);
    expect(other.status).toBe(422);
    expect(await count(`SELECT count(*)::int AS n FROM applications.programmes WHERE name = $1`, [body.name])).toBe(1);
  });

  it('POST /programmes repeated 10 times at once creates one programme, and every caller gets it', async () => {
    const body = programmeBody();
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/programmes', manager, body, idempotencyKey)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM applications.programmes WHERE name = $1`, [body.name])).toBe(1);
  });

  it('POST /applications: one draft (without the key, a second would be refused as already applied)', async () => {
    const programme = await createPublishedProgramme(svc, manager);
    const startup = await registerStartup(svc);
    const { first } = await twice('/applications', startup.key, { programmeId: programme.id, answers: { pitch: 'Faster triage' } });
    expect(first.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM applications.applications WHERE startup_id = $1`, [startup.id])).toBe(1);
  });

  it('POST /startups/:id/certifications: one certification', async () => {
    const startup = await registerStartup(svc);
    const body = { kind: 'innovation_certificate', issuer: 'Korea SME Innovation Association', grade: 'AA', validFrom: '2025-01-01T00:00:00Z' };
    const { first } = await twice(`/startups/${startup.id}/certifications`, startup.key, body);
    expect(first.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM applications.certifications WHERE startup_id = $1`, [startup.id])).toBe(1);
  });

  it('POST /programmes/:id/review-assignments: one assignment', async () => {
    const a = await submittedApplication();
    const reviewer = await svc.key('reviewer', { organisationId: organiserId });
    const body = { applicationId: a.application.id, reviewerPrincipalId: reviewer.principalId, dueAt: new Date(Date.now() + 7 * day).toISOString() };
    const { first } = await twice(`/programmes/${a.programme.id}/review-assignments`, manager, body);
    expect(first.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM applications.review_assignments WHERE application_id = $1`, [a.application.id])).toBe(1);
  });

  it('POST /programmes/:id/review-assignments/auto: the retry reports the assignments the first run made', async () => {
    const a = await submittedApplication();
    const reviewer = await svc.key('reviewer', { organisationId: organiserId });
    const body = { reviewerPrincipalIds: [reviewer.principalId], quotaPerReviewer: 5, dueAt: new Date(Date.now() + 7 * day).toISOString() };
    const { first } = await twice(`/programmes/${a.programme.id}/review-assignments/auto`, manager, body);
    expect(first.status).toBe(200);
    expect(first.body.assigned).toHaveLength(1);
    expect(await count(`SELECT count(*)::int AS n FROM applications.review_assignments WHERE application_id = $1`, [a.application.id])).toBe(1);
  });

  it('POST /review-assignments/:id/review: one review', async () => {
    const a = await assigned();
    const body = { scores: ['innovation', 'market', 'team'].map((criterion) => ({ criterion, score: 7 })), comment: 'Clear plan' };
    const { first } = await twice(`/review-assignments/${a.assignmentId}/review`, a.reviewer, body);
    expect(first.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM applications.reviews WHERE assignment_id = $1`, [a.assignmentId])).toBe(1);
  });

  it('POST /review-assignments/:id/abstain: one abstention', async () => {
    const a = await assigned();
    const { first } = await twice(`/review-assignments/${a.assignmentId}/abstain`, a.reviewer, { reason: 'Outside my field' });
    expect(first.status).toBe(201);
    expect(await count(`SELECT count(*)::int AS n FROM applications.reviews WHERE assignment_id = $1`, [a.assignmentId])).toBe(1);
  });

  it('POST /conflicts-of-interest: one declaration', async () => {
    const a = await assigned();
    const { first } = await twice('/conflicts-of-interest', a.reviewer, { startupId: a.startup.id, reason: 'Advisor to the founders' });
    expect(first.status).toBe(201);
    expect(first.body.recusedAssignmentIds).toEqual([a.assignmentId]);
    expect(
      await count(`SELECT count(*)::int AS n FROM applications.conflicts_of_interest WHERE reviewer_principal_id = $1 AND startup_id = $2`, [a.reviewer.principalId, a.startup.id]),
    ).toBe(1);
  });

  it('documents Idempotency-Key on the creating routes, and not on POST /startups (its answer holds a secret key)', async () => {
    const res = await fetch(`${svc.running.url}/docs-json`);
    expect(res.status).toBe(200);
    const docs = (await res.json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    const headersOf = (path: string) => (docs.paths[path]?.post?.parameters ?? []).map((p) => p.name.toLowerCase());
    expect(headersOf('/v1/startups')).not.toContain('idempotency-key');
    for (const path of ['/v1/programmes', '/v1/applications', '/v1/startups/{id}/certifications', '/v1/programmes/{id}/review-assignments', '/v1/conflicts-of-interest']) {
      expect([path, headersOf(path)]).toEqual([path, expect.arrayContaining(['idempotency-key'])]);
    }
  });
});
