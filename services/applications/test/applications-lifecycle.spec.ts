import { randomUUID } from 'node:crypto';
import { OutboxWriter } from '@exchange/messaging';
import { bearer, type TestApiKey } from '@exchange/platform/testing';
import { Application } from '@exchange/data';
import { ApplicationLifecycle } from '../src/applications/application-lifecycle';
import { CohortsConsumer } from '../src/consumers/cohorts.consumer';
import { apply, createPublishedProgramme, outboxEvents, registerStartup, startApplications, type Service } from './helpers';

describe('applications: eligibility, lifecycle, outbox', () => {
  let svc: Service;
  let manager: TestApiKey;
  let organiserId: string;
  let partnerId: string;

  beforeAll(async () => {
    svc = await startApplications();
    organiserId = (await svc.organisation('organising_agency', 'RU')).id;
    partnerId = (await svc.organisation('partner_agency', 'KR')).id;
    manager = await svc.key('programme_manager', { organisationId: organiserId });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const strictProgramme = () =>
    createPublishedProgramme(svc, manager, {
      partnerOrganisationIds: [partnerId],
      eligibility: {
        countries: ['KR'],
        technologyFields: ['medtech'],
        minTrl: 5,
        maxTrl: 7,
        requiredCertification: { kind: 'innovation_certificate', minGrade: 'AA' },
        maxCompanyAgeYears: 5,
      },
    });

  it('answers 422 with every failing rule, in plain words, and changes nothing', async () => {
    const programme = await strictProgramme();
    const startup = await registerStartup(svc, { country: 'DE', technologyFields: ['fintech'], trl: 2, foundedOn: '2001-01-01' });
    const draft = await svc.call('POST', '/applications', startup.key, { programmeId: programme.id });
    const res = await svc.call('POST', `/applications/${draft.body.id}/submit`, startup.key);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('APPLICATION.NOT_ELIGIBLE');
    expect(res.body.failures.map((f: { rule: string }) => f.rule)).toEqual([
      'COUNTRY_NOT_ELIGIBLE',
      'TECHNOLOGY_FIELD_NOT_ELIGIBLE',
      'READINESS_LEVEL_TOO_LOW',
      'CERTIFICATION_MISSING',
      'COMPANY_TOO_OLD',
    ]);
    for (const f of res.body.failures) expect(typeof f.message).toBe('string');
    expect((await svc.call('GET', `/applications/${draft.body.id}`, startup.key)).body.state).toBe('draft');
    expect((await outboxEvents(svc.dataSource, draft.body.id)).map((e) => e.type)).toEqual([]);
  });

  it.each([
    ['grade too low', [{ grade: 'A', validUntil: '2030-01-01T00:00:00Z' }], 'CERTIFICATION_GRADE_TOO_LOW'],
    ['expired before closing', [{ grade: 'AAA', validUntil: new Date(Date.now() + 86_400_000).toISOString() }], 'CERTIFICATION_NOT_VALID_AT_CLOSING'],
  ])('refuses a certification with %s', async (_name, certs, rule) => {
    const programme = await strictProgramme();
    const startup = await registerStartup(svc, {
      certifications: certs.map((c) => ({ kind: 'innovation_certificate', issuer: 'KOSMIA', validFrom: '2024-01-01T00:00:00Z', ...c })),
    });
    const draft = await svc.call('POST', '/applications', startup.key, { programmeId: programme.id });
    const res = await svc.call('POST', `/applications/${draft.body.id}/submit`, startup.key);
    expect(res.status).toBe(422);
    expect(res.body.failures.map((f: { rule: string }) => f.rule)).toEqual([rule]);
  });

  it('refuses before the window opens and after it closes', async () => {
    const hour = 3_600_000;
    const future = await createPublishedProgramme(svc, manager, { opensAt: new Date(Date.now() + hour).toISOString(), closesAt: new Date(Date.now() + 2 * hour).toISOString() });
    const past = await createPublishedProgramme(svc, manager, { opensAt: new Date(Date.now() - 2 * hour).toISOString(), closesAt: new Date(Date.now() - hour).toISOString() });
    for (const [programme, rule] of [[future, 'WINDOW_NOT_OPEN_YET'], [past, 'WINDOW_CLOSED']] as const) {
      const startup = await registerStartup(svc);
      const draft = await svc.call('POST', '/applications', startup.key, { programmeId: programme.id });
      const res = await svc.call('POST', `/applications/${draft.body.id}/submit`, startup.key);
      expect(res.status).toBe(422);
      expect(res.body.failures.map((f: { rule: string }) => f.rule)).toEqual([rule]);
    }
  });

  it('lets a graduate of a partner cohort skip the certification rule (alumni fast track)', async () => {
    const programme = await strictProgramme();
    const startup = await registerStartup(svc, { foundedOn: '2023-01-01' });
    // The consumer's handler, run as the EventConsumer runs it (inside its inbox transaction).
    const consumer = svc.running.app.get(CohortsConsumer);
    await svc.dataSource.transaction((tx) =>
      consumer.handlers['cohort.graduated']!(
        {
          id: randomUUID(),
          type: 'cohort.graduated',
          source: '/services/cohorts',
          specversion: '1.0',
          time: new Date().toISOString(),
          subject: null,
          data: { cohortId: randomUUID(), programmeId: randomUUID(), startupId: startup.id, group: 'A', graduated: true, note: null, hostOrgId: partnerId },
        } as never,
        tx,
      ),
    );
    const submitted = await apply(svc, startup, programme.id);
    expect(submitted).toMatchObject({ state: 'submitted', fastTrack: true });
    const history = await svc.call('GET', `/applications/${submitted.id}/history`, startup.key);
    // The system's reason is worded in the reader's language (the startup's own, Korean, unless it
    // asks for another), its code the same in each.
    expect(history.body.transitions.at(-1)).toMatchObject({ reasonCode: 'alumni_fast_track', reason: expect.stringMatching(/패스트트랙/) });
    const inLanguage = async (language: string) => {
      const res = await fetch(`${svc.running.url}/v1/applications/${submitted.id}/history`, { headers: { ...bearer(startup.key), 'accept-language': language } });
      return ((await res.json()) as { transitions: Array<{ reason: string | null; reasonCode: string | null }> }).transitions.at(-1);
    };
    expect(await inLanguage('en')).toEqual(expect.objectContaining({ reasonCode: 'alumni_fast_track', reason: 'Alumni fast track: the certification rule was waived.' }));
    expect(await inLanguage('ru')).toEqual(expect.objectContaining({ reasonCode: 'alumni_fast_track', reason: expect.stringMatching(/выпускников/) }));
    // A person's own reason stays as they wrote it, without a code.
    expect(history.body.transitions[0]).toMatchObject({ reasonCode: null });
  });

  it('allows one active application per startup and programme; a withdrawn one frees the slot', async () => {
    const programme = await createPublishedProgramme(svc, manager);
    const startup = await registerStartup(svc);
    const first = await apply(svc, startup, programme.id);
    const second = await svc.call('POST', '/applications', startup.key, { programmeId: programme.id });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('APPLICATION.ALREADY_APPLIED');
    expect((await svc.call('POST', `/applications/${first.id}/withdraw`, startup.key, { reason: 'Joined another programme' })).status).toBe(200);
    expect((await svc.call('POST', '/applications', startup.key, { programmeId: programme.id })).status).toBe(201);
  });

  it('shows the startup its history with times, reasons and plain words; writes each event with its change', async () => {
    const programme = await createPublishedProgramme(svc, manager);
    const startup = await registerStartup(svc);
    const app = await apply(svc, startup, programme.id);
    await svc.call('POST', `/applications/${app.id}/withdraw`, startup.key, { reason: 'Pivoted' });
    const history = await svc.call('GET', `/applications/${app.id}/history`, startup.key);
    expect(history.status).toBe(200);
    // Registered with Korean as its team's first language, the startup reads its statuses in Korean.
    expect(history.body).toMatchObject({ state: 'withdrawn', status: '이 신청서를 철회했습니다.' });
    expect(history.body.transitions.map((t: { from: string | null; to: string }) => `${t.from}->${t.to}`)).toEqual(['null->draft', 'draft->submitted', 'submitted->withdrawn']);
    expect(history.body.transitions[2]).toMatchObject({ reason: 'Pivoted', reasonCode: null, status: expect.any(String), at: expect.stringMatching(/Z$/) });
    // The programme's manager reads the same history about the startup, not addressed to it.
    const asManager = await svc.call('GET', `/applications/${app.id}/history`, manager);
    expect(asManager.body).toMatchObject({ state: 'withdrawn', status: 'Withdrawn by the startup.' });
    expect(asManager.body.transitions[2]).toMatchObject({ reason: 'Pivoted', status: 'Withdrawn by the startup.' });
    expect((await svc.call('GET', `/applications/${app.id}`, manager)).body.status).toBe('Withdrawn by the startup.');
    expect((await outboxEvents(svc.dataSource, app.id)).map((e) => e.type)).toEqual(['application.submitted', 'application.withdrawn']);
    const other = await registerStartup(svc);
    expect((await svc.call('GET', `/applications/${app.id}/history`, other.key)).status).toBe(404);
  });

  describe('illegal transitions answer 409 with the current state', () => {
    async function inState(state: 'draft' | 'submitted' | 'under_review' | 'accepted' | 'rejected' | 'waitlisted' | 'withdrawn') {
      const programme = await createPublishedProgramme(svc, manager, { reviewsRequired: 1 });
      const startup = await registerStartup(svc);
      if (state === 'draft') {
        const draft = await svc.call('POST', '/applications', startup.key, { programmeId: programme.id });
        return { id: draft.body.id as string, startup };
      }
      const app = await apply(svc, startup, programme.id);
      if (state === 'withdrawn') await svc.call('POST', `/applications/${app.id}/withdraw`, startup.key, {});
      if (['under_review', 'accepted', 'rejected', 'waitlisted'].includes(state)) {
        const reviewer = await svc.key('reviewer', { organisationId: organiserId });
        const assigned = await svc.call('POST', `/programmes/${programme.id}/review-assignments`, manager, {
          applicationId: app.id,
          reviewerPrincipalId: reviewer.principalId,
          dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        });
        expect(assigned.status).toBe(201);
      }
      const outcome = { accepted: 'accept', rejected: 'reject', waitlisted: 'waitlist' }[state as string];
      if (outcome) expect((await svc.call('POST', `/applications/${app.id}/decision`, manager, { outcome, reason: 'r' })).status).toBe(200);
      return { id: app.id, startup };
    }

    const attempts = {
      submit: (id: string, s: { key: { key: string } }) => svc.call('POST', `/applications/${id}/submit`, s.key),
      withdraw: (id: string, s: { key: { key: string } }) => svc.call('POST', `/applications/${id}/withdraw`, s.key, {}),
      accept: (id: string) => svc.call('POST', `/applications/${id}/decision`, manager, { outcome: 'accept', reason: 'r' }),
      reject: (id: string) => svc.call('POST', `/applications/${id}/decision`, manager, { outcome: 'reject', reason: 'r' }),
      waitlist: (id: string) => svc.call('POST', `/applications/${id}/decision`, manager, { outcome: 'waitlist', reason: 'r' }),
    };
    const LEGAL: Record<string, string[]> = {
      draft: ['submit', 'withdraw'],
      submitted: ['withdraw'],
      under_review: ['accept', 'reject', 'waitlist', 'withdraw'],
      waitlisted: ['accept', 'reject'],
      accepted: [],
      rejected: [],
      withdrawn: [],
    };
    const cases = Object.entries(LEGAL).flatMap(([state, legal]) => Object.keys(attempts).map((action) => [state, action, legal.includes(action)] as const));

    it.each(cases)('%s + %s (legal: %s)', async (state, action, legal) => {
      const { id, startup } = await inState(state as never);
      const res = await attempts[action as keyof typeof attempts](id, startup);
      if (legal) {
        expect(res.status).toBe(200);
      } else {
        expect(res.status).toBe(409);
        expect(res.body.currentState).toBe(state);
        expect(res.body.code).toBe('APPLICATION.ILLEGAL_TRANSITION');
      }
    });
  });

  it('a failed transaction writes neither the state change nor its event', async () => {
    const programme = await createPublishedProgramme(svc, manager);
    const startup = await registerStartup(svc);
    const app = await apply(svc, startup, programme.id);
    const lifecycle = svc.running.app.get(ApplicationLifecycle);
    const outbox = svc.running.app.get(OutboxWriter);
    await expect(
      svc.dataSource.transaction(async (tx) => {
        const current = (await tx.getRepository(Application).findOneBy({ id: app.id }))!;
        await lifecycle.transition(tx, current, 'withdraw', { actorPrincipalId: null, reason: 'x' });
        await outbox.add(tx, {
          type: 'application.withdrawn',
          data: { applicationId: app.id, startupId: startup.id, programme: { id: programme.id, kind: 'pilot', organiserOrgId: organiserId, partnerOrgIds: [] }, reason: 'x' },
        });
        throw new Error('crash after the event was written');
      }),
    ).rejects.toThrow('crash');
    expect((await svc.call('GET', `/applications/${app.id}`, startup.key)).body.state).toBe('submitted');
    expect((await outboxEvents(svc.dataSource, app.id)).map((e) => e.type)).toEqual(['application.submitted']);
  });

  it('partner agencies see the applications of programmes they partner in; others do not', async () => {
    const programme = await createPublishedProgramme(svc, manager, { partnerOrganisationIds: [partnerId] });
    const startup = await registerStartup(svc);
    const app = await apply(svc, startup, programme.id);
    const partner = await svc.key('partner_agency', { organisationId: partnerId });
    const stranger = await svc.key('partner_agency');
    expect((await svc.call('GET', `/applications/${app.id}`, partner)).status).toBe(200);
    expect((await svc.call('GET', `/applications/${app.id}`, stranger)).status).toBe(404);
    const listed = await svc.call('GET', `/applications?programmeId=${programme.id}`, partner);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([app.id]);
    expect((await svc.call('GET', `/applications?programmeId=${programme.id}`, stranger)).body.items).toEqual([]);
  });

  it('searches the list by the startup’s name in any script and case, within the caller’s tenant only', async () => {
    const programme = await createPublishedProgramme(svc, manager);
    const tag = Date.now().toString(36);
    const korean = await registerStartup(svc, { name: `메디스캔 ${tag}`, nameLatin: `Mediscan ${tag}` });
    const russian = await registerStartup(svc, { name: `Кардиосеть ${tag}`, nameLatin: `Cardionet ${tag}`, country: 'RU' });
    const [appK, appR] = [await apply(svc, korean, programme.id), await apply(svc, russian, programme.id)];
    const search = async (q: string, key = manager) => svc.call('GET', `/applications?programmeId=${programme.id}&q=${encodeURIComponent(q)}`, key);
    const ids = async (q: string) => ((await search(q)).body.items as Array<{ id: string }>).map((a) => a.id);
    expect(await ids('메디스캔')).toEqual([appK.id]);
    expect(await ids('КАРДИОСЕТЬ')).toEqual([appR.id]);
    expect(await ids(`mediSCAN ${tag}`)).toEqual([appK.id]);
    // LIKE's wildcards are literal, not patterns.
    expect(await ids('%')).toEqual([]);
    expect(await ids('_')).toEqual([]);
    const named = (await search(tag)).body.items as Array<{ id: string; startup: { name: string; nameLatin: string } }>;
    expect(named.find((a) => a.id === appR.id)?.startup).toEqual({ name: `Кардиосеть ${tag}`, nameLatin: `Cardionet ${tag}` });
    // Another organisation's manager finds nothing of this programme's, even by the exact name.
    const otherManager = await svc.key('programme_manager');
    expect((await svc.call('GET', `/applications?q=${encodeURIComponent(`Кардиосеть ${tag}`)}`, otherManager)).body.items).toEqual([]);
    // A startup searching finds only its own applications.
    expect(((await svc.call('GET', `/applications?q=${encodeURIComponent(`메디스캔 ${tag}`)}`, russian.key)).body.items as unknown[]).length).toBe(0);
    // Hostile values are refused naming the field.
    for (const q of ['a\u0000b', 'x'.repeat(201), '   ']) {
      const refused = await search(q);
      expect([refused.status, refused.headers.get('content-type'), JSON.stringify(refused.body.errors)]).toEqual([400, expect.stringContaining('application/problem+json'), expect.stringContaining('"q')]);
    }
  });
});
