import type { TestApiKey } from '@exchange/platform/testing';
import { apply, createPublishedProgramme, programmeBody, registerStartup, startApplications, type Service } from './helpers';

/**
 * What the route-access table cannot show: lists hold only the caller's own (or its programmes')
 * objects, and another tenant's object named in a body (not in the path) is 404 too.
 */
describe('applications: tenant isolation in lists and bodies', () => {
  let svc: Service;
  let managerA: TestApiKey;
  let managerB: TestApiKey;
  let partnerManager: TestApiKey;
  let draftA: { id: string };
  let programmeA: { id: string };
  let programmeB: { id: string };
  let startup1: Awaited<ReturnType<typeof registerStartup>>;
  let startup2: Awaited<ReturnType<typeof registerStartup>>;
  let applicationA: { id: string };
  let reviewerA: TestApiKey;
  let assignmentA: { id: string };
  const dueAt = () => new Date(Date.now() + 7 * 86_400_000).toISOString();

  beforeAll(async () => {
    svc = await startApplications();
    const [orgA, orgB, partner] = await Promise.all([svc.organisation(), svc.organisation(), svc.organisation('partner_agency', 'KR')]);
    managerA = await svc.key('programme_manager', { organisationId: orgA.id });
    managerB = await svc.key('programme_manager', { organisationId: orgB.id });
    partnerManager = await svc.key('programme_manager', { organisationId: partner.id });
    reviewerA = await svc.key('reviewer', { organisationId: orgA.id });
    const draft = await svc.call('POST', '/programmes', managerA, programmeBody());
    expect(draft.status).toBe(201);
    draftA = draft.body;
    programmeA = await createPublishedProgramme(svc, managerA, { partnerOrganisationIds: [partner.id] });
    programmeB = await createPublishedProgramme(svc, managerB);
    [startup1, startup2] = await Promise.all([registerStartup(svc), registerStartup(svc)]);
    applicationA = await apply(svc, startup1, programmeA.id);
    await apply(svc, startup2, programmeB.id);
    const assigned = await svc.call('POST', `/programmes/${programmeA.id}/review-assignments`, managerA, {
      applicationId: applicationA.id,
      reviewerPrincipalId: reviewerA.principalId,
      dueAt: dueAt(),
    });
    expect(assigned.status).toBe(201);
    assignmentA = assigned.body;
  });
  afterAll(async () => {
    await svc?.close();
  });

  const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

  it("lists another organisation's drafts to nobody outside it", async () => {
    const own = await svc.call('GET', '/programmes?state=draft&limit=200', managerA);
    expect(ids(own.body)).toContain(draftA.id);
    for (const caller of [managerB, startup1.key, await svc.key('reviewer')]) {
      const res = await svc.call('GET', '/programmes?state=draft&limit=200', caller);
      expect(res.status).toBe(200);
      expect(ids(res.body)).not.toContain(draftA.id);
    }
  });

  it("lists applications only to their startup and the programme's organiser and partners", async () => {
    expect(ids((await svc.call('GET', '/applications', startup1.key)).body)).toEqual([applicationA.id]);
    expect(ids((await svc.call('GET', '/applications', startup2.key)).body)).not.toContain(applicationA.id);
    expect(ids((await svc.call('GET', `/applications?programmeId=${programmeA.id}`, managerA)).body)).toEqual([applicationA.id]);
    expect(ids((await svc.call('GET', `/applications?programmeId=${programmeA.id}`, partnerManager)).body)).toEqual([applicationA.id]);
    const other = await svc.call('GET', `/applications?programmeId=${programmeA.id}`, managerB);
    expect([other.status, other.body.items]).toEqual([200, []]);
  });

  it("lists a reviewer's own assignments only", async () => {
    expect((await svc.call('GET', `/review-assignments?programmeId=${programmeA.id}`, reviewerA)).body.items).toHaveLength(1);
    const stranger = await svc.call('GET', `/review-assignments?programmeId=${programmeA.id}`, await svc.key('reviewer'));
    expect([stranger.status, stranger.body.items]).toEqual([200, []]);
  });

  it("answers 404 for another organisation's draft programme named in an application", async () => {
    const res = await svc.call('POST', '/applications', startup2.key, { programmeId: draftA.id });
    expect(res.status).toBe(404);
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.applications WHERE programme_id = $1`, [draftA.id]);
    expect(n).toBe(0);
  });

  it("answers 404 for another programme's application named in a review assignment", async () => {
    const reviewerB = await svc.key('reviewer', { organisationId: managerB.organisationId ?? undefined });
    const res = await svc.call('POST', `/programmes/${programmeB.id}/review-assignments`, managerB, {
      applicationId: applicationA.id,
      reviewerPrincipalId: reviewerB.principalId,
      dueAt: dueAt(),
    });
    expect(res.status).toBe(404);
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.review_assignments WHERE application_id = $1`, [applicationA.id]);
    expect(n).toBe(1);
  });

  it('answers 404 for a conflict naming an application that is not of the named startup, and records nothing', async () => {
    const reviewer = await svc.key('reviewer');
    for (const applicationId of [applicationA.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await svc.call('POST', '/conflicts-of-interest', reviewer, { startupId: startup2.id, applicationId });
      expect([applicationId, res.status]).toEqual([applicationId, 404]);
    }
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.conflicts_of_interest WHERE reviewer_principal_id = $1`, [reviewer.principalId]);
    expect(n).toBe(0);
  });

  it("answers another organisation's application of the named startup exactly like an unknown id (no oracle), and records nothing", async () => {
    const stranger = await svc.key('reviewer');
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const answers = [];
    for (const applicationId of [applicationA.id, unknownId, applicationA.id.toUpperCase()]) {
      const res = await svc.call('POST', '/conflicts-of-interest', stranger, { startupId: startup1.id, applicationId });
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      answers.push({ status: res.status, ...res.body, detail: String(res.body.detail).toLowerCase().replace(applicationId.toLowerCase(), '<id>'), requestId: undefined });
    }
    expect(answers[0]).toMatchObject({ status: 404, code: 'REVIEW.APPLICATION_NOT_FOUND' });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    const [{ n }] = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.conflicts_of_interest WHERE reviewer_principal_id = $1`, [stranger.principalId]);
    expect(n).toBe(0);
    // The reviewer assigned to it may name it (and a startup on its own is always nameable).
    expect((await svc.call('POST', '/conflicts-of-interest', reviewerA, { startupId: startup1.id.toUpperCase(), applicationId: applicationA.id })).status).toBe(201);
    expect((await svc.call('POST', '/conflicts-of-interest', stranger, { startupId: startup1.id })).status).toBe(201);
  });

  it("lets a partner's manager read the programme's application, reviews and ranking", async () => {
    expect((await svc.call('GET', `/applications/${applicationA.id}`, partnerManager)).status).toBe(200);
    expect((await svc.call('GET', `/applications/${applicationA.id}/reviews`, partnerManager)).status).toBe(200);
    const ranking = await svc.call('GET', `/programmes/${programmeA.id}/ranking`, partnerManager);
    expect(ranking.status).toBe(200);
    expect(ranking.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual([applicationA.id]);
    // Another organisation's manager cannot read it: the ranking does not exist for them.
    expect((await svc.call('GET', `/programmes/${programmeA.id}/ranking`, managerB)).status).toBe(404);
  });

  describe('organiser-only actions: 403 with a code to a partner, the 404 of an unknown id to an outsider, nothing written', () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const actions = () => [
      { code: 'DECISION', method: 'POST', path: (id: string) => `/applications/${id}/decision`, own: applicationA.id, body: { outcome: 'accept', reason: 'x' } },
      { code: 'PROGRAMME', method: 'PATCH', path: (id: string) => `/programmes/${id}`, own: programmeA.id, body: { version: 1, hostCity: 'Kazan' } },
      { code: 'PROGRAMME', method: 'POST', path: (id: string) => `/programmes/${id}/close`, own: programmeA.id },
      { code: 'REVIEW', method: 'POST', path: (id: string) => `/programmes/${id}/review-assignments`, own: programmeA.id, body: { applicationId: applicationA.id, reviewerPrincipalId: reviewerA.principalId, dueAt: dueAt() } },
      { code: 'REVIEW', method: 'POST', path: (id: string) => `/programmes/${id}/review-assignments/auto`, own: programmeA.id, body: { reviewerPrincipalIds: [reviewerA.principalId], quotaPerReviewer: 5, dueAt: dueAt() } },
      { code: 'REVIEW', method: 'GET', path: (id: string) => `/programmes/${id}/review-progress`, own: programmeA.id },
      { code: 'REVIEW', method: 'POST', path: (id: string) => `/review-assignments/${id}/recuse`, own: assignmentA.id, body: { reason: 'Partner says so' } },
    ] as const;
    const snapshot = async () => [
      await svc.dataSource.query('SELECT state, version, host_city FROM applications.programmes WHERE id = $1', [programmeA.id]),
      await svc.dataSource.query('SELECT state, version FROM applications.applications WHERE id = $1', [applicationA.id]),
      await svc.dataSource.query('SELECT id, state, version FROM applications.review_assignments WHERE programme_id = $1 ORDER BY id', [programmeA.id]),
    ];
    const sameBody = (body: Record<string, unknown>, id: string) => ({ ...body, detail: String(body.detail).toLowerCase().replace(id, '<id>'), requestId: undefined, instance: undefined });

    it('refuses every one of them to the partner with <CAPABILITY>.NOT_ORGANISER', async () => {
      const before = await snapshot();
      for (const a of actions()) {
        const res = await svc.call(a.method, a.path(a.own), partnerManager, 'body' in a ? a.body : undefined);
        expect({ route: `${a.method} ${a.path(':id')}`, status: res.status, code: res.body.code }).toEqual({ route: `${a.method} ${a.path(':id')}`, status: 403, code: `${a.code}.NOT_ORGANISER` });
        expect(res.headers.get('content-type')).toContain('application/problem+json');
      }
      expect(await snapshot()).toEqual(before);
    });

    it("answers another organisation's manager exactly like an unknown id", async () => {
      const before = await snapshot();
      for (const a of actions()) {
        const body = 'body' in a ? a.body : undefined;
        const foreign = await svc.call(a.method, a.path(a.own), managerB, body);
        const unknown = await svc.call(a.method, a.path(unknownId), managerB, body);
        expect({ route: `${a.method} ${a.path(':id')}`, status: foreign.status }).toEqual({ route: `${a.method} ${a.path(':id')}`, status: 404 });
        expect(sameBody(foreign.body, a.own)).toEqual(sameBody(unknown.body, unknownId));
      }
      expect(await snapshot()).toEqual(before);
      const app = await svc.call('GET', `/applications/${applicationA.id}`, managerA);
      expect(app.body.state).toBe('under_review');
    });
  });
});
