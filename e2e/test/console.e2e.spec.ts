import { dirname, join } from 'node:path';
import { Pool } from 'pg';
import { type APIRequestContext, type Browser, request } from 'playwright-core';
import type { ExchangeSdk } from '@exchange/sdk';
import { waitFor } from '@exchange/platform/testing';
import { offerCohortPlace, openHospitalSite, publishAcceleratorProgramme, startupApplies } from '../src/console/api-steps';
import { launchBrowser } from '../src/console/browser';
import { type ConsoleLanguage, ConsolePerson, type PersonProfile, type ScreensChecked } from '../src/console/console-person';
import { type ConsoleServerProcess, ensureConsoleBuilt, startConsoleServer } from '../src/console/console-process';
import { placesHoldingSecret } from '../src/console/key-exposure';
import { runPilot } from '../src/console/roles/host-coordinator';
import { createEndpoint, deliveryLogEvents, openDelivery, openEndpoint, replayEvent, rotateSecret } from '../src/console/roles/partner-liaison';
import { acceptFromRanking, approveProposal, assignReviewers, createProgramme, publishProgramme, rankingSection } from '../src/console/roles/programme-manager';
import { scoreApplication } from '../src/console/roles/reviewer';
import { acceptOffer, followApplication } from '../src/console/roles/startup';
import { saveScreenshot, withFailurePictures } from '../src/console/screenshots';
import * as body from '../src/journey/bodies';
import { bootstrapAdmin } from '../src/journey/bootstrap-admin';
import { assembleCast, type Admin, type Cast, type Member } from '../src/journey/cast';
import { exchangeSdk } from '../src/journey/exchange-api';
import { RecordingNarrator } from '../src/journey/narrator';
import { type PartnerEvent, PartnerReceiver } from '../src/receiver/partner-receiver';
import { ExchangeSystem } from '../src/system/exchange-system';
import { tally } from './journey-checks';

const SESSION_COOKIE = 'exchange_console';

/**
 * The console (apps/console) in Debian's chromium, headless, served by the console server in front
 * of the real services (their own Kafka broker, database and Redis database), each person in their
 * own browser context, language and time zone.
 */
describe('the console in a browser', () => {
  let system: ExchangeSystem;
  let db: Pool;
  let consoleServer: ConsoleServerProcess;
  let browser: Browser;
  let api: ExchangeSdk;
  let admin: Admin;
  let cast: Cast;
  const narrate = new RecordingNarrator();
  /** Everyone who sat at the console in this run, with the key they signed in with. */
  const people: ConsolePerson[] = [];
  const screensChecked: ScreensChecked = [];

  beforeAll(async () => {
    const [started] = await Promise.all([ExchangeSystem.start({ instances: 1 }), ensureConsoleBuilt()]);
    system = started;
    db = new Pool({ connectionString: system.databaseUrl, max: 2 });
    consoleServer = await startConsoleServer(system, {
      logFile: join(dirname(system.instances[0].logFile), 'console-server.log'),
      // Every person of the suite signs in from this machine's one address.
      env: { CONSOLE_SIGN_IN_PER_IP: '10000' },
    });
    browser = await launchBrowser();
    api = exchangeSdk(system.allUrls());
    admin = await bootstrapAdmin(api, system.databaseUrl);
    cast = await assembleCast(api, admin, narrate);
  }, 240_000);

  /** Runs a test's body; on failure, its message tells what each person's page showed then. */
  const showingPagesOnFailure = (body: () => Promise<void>) => withFailurePictures(people, join(dirname(consoleServer.logFile), 'failure'), `console server log: ${consoleServer.logFile}`, body);

  afterAll(async () => {
    await Promise.all(people.map((person) => person.close().catch(() => undefined)));
    await browser?.close();
    await consoleServer?.stop();
    await db?.end();
    await system?.stop();
  }, 120_000);

  async function seat(profile: PersonProfile): Promise<ConsolePerson> {
    const person = await ConsolePerson.open(browser, consoleServer.url, profile, screensChecked);
    people.push(person);
    return person;
  }

  /** A person of the cast at their own browser, signed in. */
  async function signedIn(member: Pick<Member, 'name' | 'key'>, language: ConsoleLanguage, timezoneId: string): Promise<ConsolePerson> {
    const person = await seat({ name: member.name, key: member.key, language, timezoneId });
    await person.signIn();
    return person;
  }

  /** A client holding nothing but a copy of a session cookie, as a thief of the cookie would. */
  async function withCookie(value: string): Promise<APIRequestContext> {
    return request.newContext({ baseURL: consoleServer.url, extraHTTPHeaders: { cookie: `${SESSION_COOKIE}=${value}` } });
  }

  async function sessionCookie(person: ConsolePerson) {
    return (await person.browser.context.cookies()).find((c) => c.name === SESSION_COOKIE);
  }

  /** A person of the city agency with a key of their own (for the tests that end a key). */
  async function newAgencyPerson(displayName: string, expiresAt?: string) {
    const asAdmin = api.as(admin.key).applications;
    const person = await asAdmin.post('/v1/organisations/{organisationId}/people', {
      params: { path: { organisationId: admin.organisationId } },
      body: { displayName, role: 'reviewer', preferredLanguage: 'en', email: `${displayName.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.org` },
    });
    const issued = await asAdmin.post('/v1/people/{personId}/api-keys', { params: { path: { personId: person.id } }, body: { label: 'console test', expiresAt } });
    return { key: issued.key, apiKeyId: issued.id };
  }

  describe('sign-in and security', () => {
    it('signs in with a key to the role’s screens and out again, after which the old cookie opens nothing', async () => {
      const manager = await seat({ name: cast.cityAgency.manager.name, key: cast.cityAgency.manager.key, language: 'ru', timezoneId: 'Europe/Moscow' });
      await manager.page.goto('/');
      await manager.signInHeading().waitFor();
      await manager.checkScreen('sign-in (ru)');

      await manager.signIn();
      await manager.page.getByText('Вы вошли как: менеджер программы').waitFor();
      await manager.checkScreen('programme manager’s first screen');
      const cookie = await sessionCookie(manager);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

      const thief = await withCookie(cookie?.value ?? '');
      try {
        const before = await thief.get('/api/applications/v1/me');
        expect(before.status()).toBe(200);
        expect(await before.json()).toMatchObject({ principalId: cast.cityAgency.manager.principalId, role: 'programme_manager' });

        await manager.signOut();
        await manager.signInHeading().waitFor();
        expect(await sessionCookie(manager)).toBeUndefined();
        const after = await thief.get('/api/applications/v1/me');
        expect(after.status()).toBe(401);
        expect(await after.json()).toMatchObject({ code: 'CONSOLE.SESSION_MISSING' });
      } finally {
        await thief.dispose();
      }
      expect(await placesHoldingSecret(manager.browser, cast.cityAgency.manager.key)).toEqual([]);
    });

    it('refuses a wrong key with a message in the person’s language and signs nobody in', async () => {
      const liaison = await seat({ name: cast.partnerAssociation.liaison.name, key: cast.partnerAssociation.liaison.key, language: 'ko', timezoneId: 'Asia/Seoul' });
      const wrongKey = `sx_live_${'0'.repeat(40)}`;
      await liaison.submitKey(wrongKey);
      await liaison.page.getByRole('alert').filter({ hasText: '이 API 키는 사용할 수 없습니다' }).waitFor();
      await liaison.signInHeading().waitFor();
      expect(await liaison.mainNavigation().count()).toBe(0);
      expect(await sessionCookie(liaison)).toBeUndefined();
      await liaison.checkScreen('sign-in with a refused key (ko)');
      expect(await placesHoldingSecret(liaison.browser, wrongKey)).toEqual([]);
    });

    it('returns a person whose key was revoked, or has expired, to sign-in with a message at their next action', async () => {
      // The expiring key first, so its few seconds run out while the revocation is tried.
      const expiring = await newAgencyPerson('Expiring Reviewer', new Date(Date.now() + 10_000).toISOString());
      const expired = await seat({ name: 'Expiring Reviewer', key: expiring.key, language: 'en', timezoneId: 'Europe/London' });
      await expired.signIn();
      // Its first screen's calls finish while the key still works: the next call is the test's own.
      // (Not the page's 'networkidle': signing in navigates inside the page, so that state was reached
      // before, with the sign-in form, and the first screen's call could still be on its way.)
      await expired.settled();

      const revocable = await newAgencyPerson('Revoked Reviewer');
      const revoked = await seat({ name: 'Revoked Reviewer', key: revocable.key, language: 'en', timezoneId: 'Europe/Moscow' });
      await revoked.page.goto('/');
      await revoked.signInHeading().waitFor();
      await saveScreenshot(revoked.page, 'sign-in');
      await revoked.signIn();
      // The first screen's calls finish before the revocation: a call still in flight would end the
      // session on its own, and the reload below would then find no session and say nothing.
      await revoked.settled();
      const cookie = await sessionCookie(revoked);
      await api.as(admin.key).applications.post('/v1/api-keys/{apiKeyId}/revoke', { params: { path: { apiKeyId: revocable.apiKeyId } } });

      const message = 'Your API key is no longer accepted (revoked or expired): sign in again';
      // The next action: the person comes back to the console, whose first screen asks a service.
      await revoked.page.reload();
      await revoked.page.getByRole('alert').filter({ hasText: message }).waitFor();
      await revoked.signInHeading().waitFor();
      await revoked.checkScreen('sign-in after the key was revoked');
      // The session ended with the key: its cookie is cleared and opens nothing any more.
      expect(await sessionCookie(revoked)).toBeUndefined();
      const thief = await withCookie(cookie?.value ?? '');
      try {
        expect((await thief.get('/api/applications/v1/me')).status()).toBe(401);
      } finally {
        await thief.dispose();
      }

      await waitFor(async () => (await fetch(`${system.urls('applications')[0]}/v1/me`, { headers: { authorization: `Bearer ${expiring.key}` } })).status === 401, {
        timeoutMs: 30_000,
        intervalMs: 250,
        what: 'the expiring key to expire',
      });
      await expired.page.reload();
      await expired.page.getByRole('alert').filter({ hasText: message }).waitFor();
      await expired.signInHeading().waitFor();
    });

    it('refuses a state-changing call without the session’s CSRF token, and changes nothing', async () => {
      const manager = await seat({ name: cast.cityAgency.manager.name, key: cast.cityAgency.manager.key, language: 'ru', timezoneId: 'Europe/Moscow' });
      await manager.signIn();
      const other = await seat({ name: cast.accelerator.manager.name, key: cast.accelerator.manager.key, language: 'en', timezoneId: 'Asia/Seoul' });
      await other.signIn();
      const otherToken = ((await (await other.browser.context.request.get('/session')).json()) as { csrfToken: string }).csrfToken;

      // The person's own browser: its cookie goes with every call, as a forged cross-site call's would.
      const browserRequest = manager.browser.context.request;
      const session = (await (await browserRequest.get('/session')).json()) as { csrfToken: string };
      const probe = { ...body.pilotProgramme(cast.partnerAssociation.id), name: `CSRF probe ${Date.now()}` };
      const programmesNamed = async () => Number((await db.query(`SELECT count(*) AS n FROM applications.programmes WHERE name = $1`, [probe.name])).rows[0].n);
      const post = (headers: Record<string, string>) => browserRequest.post('/api/applications/v1/programmes', { data: probe, headers });

      for (const [what, headers] of [
        ['no token', {}],
        ['a wrong token', { 'x-csrf-token': 'A'.repeat(43) }],
        ['another session’s token', { 'x-csrf-token': otherToken }],
      ] as const) {
        const refused = await post(headers);
        expect({ what, status: refused.status(), code: ((await refused.json()) as { code: string }).code }).toEqual({ what, status: 403, code: 'CONSOLE.CSRF_TOKEN_INVALID' });
      }
      expect(await programmesNamed()).toBe(0);
      // Signing out needs the token too; a refused sign-out leaves the session as it was.
      expect((await browserRequest.delete('/session')).status()).toBe(403);
      expect((await browserRequest.get('/session')).status()).toBe(200);

      // The same call with the session's token goes through: the refusals above were the token's.
      const accepted = await post({ 'x-csrf-token': session.csrfToken });
      expect(accepted.status()).toBe(201);
      expect(await programmesNamed()).toBe(1);
    });
  });

  describe('the journey through the console', () => {
    let receiver: PartnerReceiver;
    beforeAll(async () => {
      receiver = await new PartnerReceiver().start();
    });
    afterAll(async () => {
      await receiver?.stop();
    });

    /** The partner's webhook of `type` that matches, once verified by its receiver. */
    const webhook = (type: string, match: (event: PartnerEvent) => boolean) => receiver.waitFor((e) => e.type === type && match(e), type, 60_000);
    /** An event as the delivery log names it: its type and the first block of its id. */
    const logLabel = (event: Pick<PartnerEvent, 'type' | 'id'>) => `${event.type} ${event.id.slice(0, 8)}`;

    it('runs the programme, each step in the browser of the person who takes it, in their language', () => showingPagesOnFailure(async () => {
      const { cityAgency, partnerAssociation, hospital } = cast;

      // The association's liaison registers its receiver; the signing secret is shown once.
      const liaison = await signedIn(partnerAssociation.liaison, 'ko', 'Asia/Seoul');
      receiver.useSecret(await createEndpoint(liaison, receiver.url, 'Korea Startup Association CRM'));

      // The Moscow manager writes the programme's rules and publishes it, in Russian.
      const manager = await signedIn(cityAgency.manager, 'ru', 'Europe/Moscow');
      const programme = body.pilotProgramme(partnerAssociation.id);
      const programmeId = await createProgramme(manager, {
        name: programme.name,
        nameLatin: programme.nameLatin ?? '',
        partnerOrganisationId: partnerAssociation.id,
        hostCountry: 'RU',
        hostCity: 'Москва',
        countries: 'KR, RU',
        technologyFields: 'medtech, ai',
        minTrl: 5,
        maxTrl: 8,
      });
      await publishProgramme(manager, { screenshot: 'programme' });
      await webhook('programme.published', (e) => (e.data.programme as { id: string }).id === programmeId);

      // Not the console's: the accelerator's programme, the hospital's site, the startup's application.
      const acceleratorProgrammeId = await publishAcceleratorProgramme(api, cast);
      const site = await openHospitalSite(api, cast, programmeId);
      const startup = await startupApplies(api, programmeId);
      await webhook('application.submitted', (e) => e.data.applicationId === startup.applicationId);

      // Three reviewers, each in their own browser and language, score against the rubric.
      await assignReviewers(manager, programmeId, cityAgency.reviewers.map((r) => r.name));
      const rubricLabels: Record<string, string> = { innovation: 'Инновационность', clinical_fit: 'Соответствие программе', team: 'Команда' };
      const reviewerSeats = [
        { language: 'ru', timezoneId: 'Europe/Moscow' },
        { language: 'en', timezoneId: 'Europe/Berlin' },
        { language: 'ko', timezoneId: 'Asia/Seoul' },
      ] as const;
      for (const [i, reviewer] of cityAgency.reviewers.entries()) {
        const person = await signedIn(reviewer, reviewerSeats[i].language, reviewerSeats[i].timezoneId);
        const given = body.reviewScores[i];
        await scoreApplication(
          person,
          startup.applicationId,
          { scores: given.scores.map((s) => ({ criterion: rubricLabels[s.criterion], score: s.score })), comment: given.comment ?? '' },
          { screenshot: i === 2 ? 'review-scoring' : undefined },
        );
      }

      // The manager reads the ranking (every review in) and accepts.
      await manager.page.goto(`/programmes/${programmeId}`);
      const ranking = rankingSection(manager);
      await ranking.getByRole('row').filter({ hasText: startup.name }).filter({ hasText: '3 из 3' }).waitFor();
      await manager.checkScreen('programme with its ranking');
      await saveScreenshot(manager.page, 'ranking', ranking);
      // While her page is open, the application is put on the waiting list (over the API): her first
      // acceptance is refused as stale, the page says what changed, and she accepts again.
      const application = { params: { path: { id: startup.applicationId } } };
      const asManager = api.as(cityAgency.manager.key).applications;
      const waitlistedMeanwhile = async () => {
        const current = await asManager.get('/v1/applications/{id}', application);
        await asManager.post('/v1/applications/{id}/decision', { ...application, body: { outcome: 'waitlist', reason: 'Capacity review.', version: current.version } });
      };
      await acceptFromRanking(manager, startup.name, 'Лучшая оценка; сильное клиническое соответствие.', { screenshot: 'application-decision', waitlistedMeanwhile });
      await webhook('application.accepted', (e) => e.data.applicationId === startup.applicationId);

      // The pilots service proposes the hospital's site; the manager approves it with criteria and an owner.
      await webhook('pilot.match_proposed', (e) => e.data.siteId === site.id);
      const approval = body.pilotApproval;
      const pilotId = await approveProposal(manager, startup.name, site.name, {
        criteria: approval.successCriteria.map((c) => ({ name: c.name, unit: c.unit, target: c.target })),
        owner: { name: approval.hostOwner.name, email: approval.hostOwner.email ?? '' },
      });
      await webhook('pilot.approved', (e) => e.data.pilotId === pilotId);

      // The hospital's coordinator runs the pilot and files the final report, in Russian.
      const host = await signedIn(hospital.coordinator, 'ru', 'Europe/Moscow');
      const report = body.pilotReport;
      await runPilot(
        host,
        { startup: startup.name, site: site.name },
        {
          results: report.results.map((r) => ({ criterion: r.criterion, value: r.value })),
          outcome: 'Успех',
          adoption: 'Купить',
          contract: { value: report.contractValue ?? 0, currency: report.contractCurrency ?? '' },
          feedback: report.feedback ?? '',
        },
        { screenshot: 'pilot-report' },
      );
      const completed = await webhook('pilot.completed', (e) => e.data.pilotId === pilotId);

      // The liaison's delivery log holds exactly what the receiver verified.
      await openEndpoint(liaison, receiver.url);
      const verified = () => receiver.all().map(logLabel).sort();
      await waitFor(async () => JSON.stringify((await deliveryLogEvents(liaison)).sort()) === JSON.stringify(verified()), {
        timeoutMs: 30_000,
        intervalMs: 500,
        what: `the delivery log to list every event the receiver verified (${verified().join(', ')})`,
      });
      await liaison.checkScreen('endpoint with its delivery log');
      // Times are shown in the viewer's zone: Seoul for the liaison, Moscow for the manager.
      expect(await liaison.page.getByRole('main').innerText()).toContain('GMT+9');
      expect(await manager.page.getByRole('main').innerText()).toContain('GMT+3');
      await saveScreenshot(liaison.page, 'webhook-deliveries');

      // It rotates the secret: the receiver verifies what follows with the new one only.
      receiver.useSecret(await rotateSecret(liaison));
      // It replays one event: the receiver gets it again (acknowledged, kept once).
      await replayEvent(liaison, logLabel(completed));
      await waitFor(() => (receiver.all().find((e) => e.id === completed.id)?.copies ?? 0) >= 2, { timeoutMs: 30_000, what: 'the replayed pilot.completed at the receiver' });
      const attempts = await openDelivery(liaison, logLabel(completed));
      expect(attempts.some((row) => /\b200\b/.test(row))).toBe(true);

      // The Seoul cohort offers the startup a place (not the console's); the startup answers in Korean.
      const { cohortId, offerId } = await offerCohortPlace(api, cast, acceleratorProgrammeId, startup.startupId);
      await webhook('cohort.offer_made', (e) => e.data.offerId === offerId);
      const founder = await signedIn({ name: startup.name, key: startup.startupKey }, 'ko', 'Asia/Seoul');
      const history = await followApplication(founder, startup.applicationId, { screenshot: 'startup-status' });
      expect(history[0]).toContain('(accepted)');
      // The status is told in the startup's own words: Korean.
      expect(history[0]).toMatch(/[\uAC00-\uD7A3]/);
      await acceptOffer(founder, cohortId, { screenshot: 'startup-offers' });
      await webhook('cohort.offer_accepted', (e) => e.data.offerId === offerId);

      // Every other screen of each role, as its people see it after the journey: axe on each.
      const accelerator = await signedIn(cast.accelerator.manager, 'en', 'Asia/Seoul');
      const otherScreens: Array<[ConsolePerson, string, string]> = [
        [manager, `/applications?q=${encodeURIComponent(startup.name.slice(0, 3))}`, 'applications, searched by the startup’s name'],
        [manager, `/programmes/${programmeId}/edit`, 'programme editor (published: not editable)'],
        [manager, '/proposals', 'match proposals'],
        [manager, '/pilots', 'pilots with their flags'],
        [host, '/sites', 'host’s sites'],
        [host, '/proposals', 'host’s proposals'],
        [accelerator, '/cohorts', 'cohorts'],
        [accelerator, `/cohorts/${cohortId}`, 'cohort with its offers and waitlist'],
        [founder, '/my-startup', 'startup profile'],
        [founder, '/my-applications', 'startup’s applications'],
      ];
      for (const [person, path, screen] of otherScreens) {
        await person.page.goto(path);
        await person.page.getByRole('heading', { level: 1 }).first().waitFor();
        await person.checkScreen(screen);
      }
      // The search in the startup's own script found its application.
      await manager.page.goto(`/applications?q=${encodeURIComponent(startup.name.slice(0, 3))}`);
      await manager.page.getByRole('row').filter({ hasText: startup.name }).first().waitFor();

      // Every webhook verified, after the rotation too, each kept once.
      expect(receiver.rejected).toEqual([]);
      expect(tally(receiver.forStartup(startup.startupId).map((e) => e.type))).toEqual(
        tally([
          'application.submitted',
          ...Array<string>(3).fill('review.assigned'),
          ...Array<string>(3).fill('application.review_submitted'),
          'application.waitlisted',
          'application.accepted',
          'pilot.match_proposed',
          'pilot.approved',
          'pilot.scheduled',
          'pilot.started',
          'pilot.completed',
          'cohort.offer_made',
          'cohort.offer_accepted',
        ]),
      );
      // axe checked each main screen on the way (a check fails at once, naming its screen, when it finds a violation).
      expect(screensChecked.map((c) => c.screen)).toEqual(
        expect.arrayContaining([
          'programme (published)',
          'review scoring',
          'application, before the decision',
          'match proposal, approval filled in',
          'pilot report form',
          'endpoint with its delivery log',
          'application status and history',
          'cohort offers',
          'applications, searched by the startup’s name',
          'cohort with its offers and waitlist',
          'startup profile',
        ]),
      );
    }), 240_000);
  });

  it('never lets a key reach the page, its storage, a URL or an answer the browser received', async () => {
    expect(people.length).toBeGreaterThan(0);
    for (const person of people) {
      expect({ person: person.profile.name, places: await placesHoldingSecret(person.browser, person.profile.key) }).toEqual({ person: person.profile.name, places: [] });
    }
  });
});
