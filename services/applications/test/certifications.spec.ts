import { randomUUID } from 'node:crypto';
import { bearer, createTestOrganisation, requestFrom, uniqueLoopbackAddress, type TestApiKey } from '@exchange/platform/testing';
import { VERIFICATIONS_PER_ADDRESS, VERIFICATIONS_WINDOW_SECONDS } from '../src/certifications/certifications.controller';
import { CertificationsRepository } from '../src/certifications/certifications.repository';
import { CertificationExpirySweeper } from '../src/certifications/expiry-sweeper';
import { createPublishedProgramme, outboxEvents, registerStartup, startApplications, type Api, type Service } from './helpers';

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const KIND = 'innovation_certificate';
const HANGUL = /[\uAC00-\uD7A3]/;
const CYRILLIC = /[\u0400-\u04FF]/;

/**
 * Certification bodies (issue 17, part 1) over HTTP against the real database: scales, issuing,
 * the verified-certificate rule, revocation and expiry flagging open applications exactly once,
 * public verification and its rate limit, tenant rules and hostile input.
 */
describe('certification bodies', () => {
  let svc: Service;
  /** A second instance of the service on the same database: revocations and sweeps through both still flag once. */
  let second: Service;
  let body: { id: string; manager: TestApiKey; admin: TestApiKey };
  let otherBody: { id: string; manager: TestApiKey };
  let organiser: { id: string; manager: TestApiKey };
  let verifiedProgramme: { id: string };

  /** A JSON call with extra headers (the helper's `call` sends none). */
  async function callWith(method: string, path: string, key: TestApiKey | { key: string } | null, body?: unknown, headers: Record<string, string> = {}): Promise<Api> {
    const res = await fetch(`${svc.running.url}/v1${path}`, {
      method,
      headers: { ...(key ? bearer(key) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, text, headers: res.headers };
  }

  async function certificationBody(name: string, nameLatin: string) {
    const org = await createTestOrganisation(svc.dataSource, { kind: 'certification_body', name, nameLatin, country: 'KR', preferredLanguage: 'ko' });
    const manager = await svc.key('programme_manager', { organisationId: org.id });
    const scale = await svc.call('PUT', `/certification-bodies/${org.id}/grade-scales`, manager, { kind: KIND, grades: ['A', 'AA', 'AAA'] });
    if (scale.status !== 200) throw new Error(`scale: ${scale.status} ${scale.text}`);
    return { id: org.id, manager };
  }

  async function issue(to: { id: string }, over: Record<string, unknown> = {}, by: TestApiKey = body.manager) {
    const res = await svc.call('POST', '/certifications', by, { startupId: to.id, kind: KIND, grade: 'AA', validFrom: inDays(-30), validUntil: inDays(365), ...over });
    if (res.status !== 201) throw new Error(`issue: ${res.status} ${res.text}`);
    return res.body as { id: string; verificationCode: string; verified: boolean; state: string };
  }

  /** Draft and submit; answers the submit response (200 or the 422 problem). */
  async function submit(startup: { key: { key: string } }, programmeId: string, headers: Record<string, string> = {}) {
    const draft = await svc.call('POST', '/applications', startup.key, { programmeId, answers: { pitch: 'Triage in seconds' } });
    if (draft.status !== 201) throw new Error(`draft: ${draft.status} ${draft.text}`);
    return callWith('POST', `/applications/${draft.body.id}/submit`, startup.key, undefined, headers);
  }

  const flagsOf = async (applicationId: string) =>
    (await svc.dataSource.query(`SELECT reason, failed_rule FROM applications.application_flags WHERE application_id = $1`, [applicationId])) as Array<{ reason: string; failed_rule: string }>;
  const eventTypes = async (startupId: string) => (await outboxEvents(svc.dataSource, startupId)).map((e) => e.type);
  const count = (types: string[], type: string) => types.filter((t) => t === type).length;

  beforeAll(async () => {
    // The sweepers' timers are off: each test runs its passes itself.
    [svc, second] = await Promise.all([startApplications({ CERTIFICATION_EXPIRY_SWEEP_MS: '0' }), startApplications({ CERTIFICATION_EXPIRY_SWEEP_MS: '0' })]);
    const main = await certificationBody('한국혁신협회', 'Korea Innovation Association');
    body = { ...main, admin: await svc.key('admin', { organisationId: main.id }) };
    otherBody = await certificationBody('서울기술위원회', 'Seoul Tech Council');
    const org = await svc.organisation('organising_agency', 'RU');
    organiser = { id: org.id, manager: await svc.key('programme_manager', { organisationId: org.id }) };
    verifiedProgramme = await createPublishedProgramme(svc, organiser.manager, {
      eligibility: { countries: ['KR'], requiredCertification: { kind: KIND, minGrade: 'AA', issuerOrganisationIds: [body.id] } },
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await Promise.all([svc?.close(), second?.close()]);
  });

  it('an admin creates an organisation of kind certification_body', async () => {
    const admin = await svc.key('admin');
    const created = await svc.call('POST', '/organisations', admin, { name: `인증원 ${randomUUID().slice(0, 6)}`, kind: 'certification_body', country: 'KR', preferredLanguage: 'ko' });
    expect([created.status, created.body.kind]).toEqual([201, 'certification_body']);
  });

  describe('grade scales', () => {
    it('are set by the body for itself, read by anyone, and keep the grades valid certificates carry', async () => {
      const startup = await registerStartup(svc);
      const read = await svc.call('GET', `/certification-bodies/${body.id}/grade-scales`, startup.key);
      expect(read.status).toBe(200);
      expect(read.body.items).toEqual([expect.objectContaining({ organisationId: body.id, kind: KIND, grades: ['A', 'AA', 'AAA'] })]);

      await issue(startup, { kind: 'green_certificate', grade: 'B' }, await scaleFor('green_certificate', ['C', 'B', 'A']));
      // Dropping B while a valid certificate carries it is refused; reordering keeps it.
      const dropping = await svc.call('PUT', `/certification-bodies/${body.id}/grade-scales`, body.admin, { kind: 'green_certificate', grades: ['C', 'A'] });
      expect([dropping.status, dropping.body.code, dropping.body.gradesInUse]).toEqual([409, 'CERTIFICATION.SCALE_IN_USE', ['B']]);
      const extended = await svc.call('PUT', `/certification-bodies/${body.id}/grade-scales`, body.admin, { kind: 'green_certificate', grades: ['C', 'B', 'A', 'S'] });
      expect([extended.status, extended.body.grades, extended.body.version]).toEqual([200, ['C', 'B', 'A', 'S'], 2]);
    });

    async function scaleFor(kind: string, grades: string[]) {
      const res = await svc.call('PUT', `/certification-bodies/${body.id}/grade-scales`, body.admin, { kind, grades });
      expect(res.status).toBe(200);
      return body.admin;
    }

    it('refuse duplicates, bad grades and another body or organisation', async () => {
      const put = (path: string, key: TestApiKey, grades: unknown) => svc.call('PUT', path, key, { kind: KIND, grades });
      const own = `/certification-bodies/${body.id}/grade-scales`;
      expect((await put(own, body.manager, ['A', 'A'])).body).toMatchObject({ status: 422, code: 'CERTIFICATION.DUPLICATE_GRADES' });
      for (const grades of [[], ['A b'], ['x'.repeat(17)], Array.from({ length: 21 }, (_, i) => `G${i}`), [1, 2], 'A']) {
        const res = await put(own, body.manager, grades);
        expect([JSON.stringify(grades).slice(0, 40), res.status, res.body.errors?.map((e: { field: string }) => e.field.split('[')[0].split('.')[0])]).toEqual([
          JSON.stringify(grades).slice(0, 40),
          400,
          expect.arrayContaining(['grades']),
        ]);
      }
      // Another body's scale: not found to the caller, and left as it was.
      const foreign = await put(`/certification-bodies/${otherBody.id}/grade-scales`, body.manager, ['X']);
      expect(foreign.status).toBe(404);
      expect((await svc.call('GET', `/certification-bodies/${otherBody.id}/grade-scales`, body.manager)).body.items[0].grades).toEqual(['A', 'AA', 'AAA']);
      // An organisation of another kind has no scale to set, and is no certification body to read.
      const agency = await put(`/certification-bodies/${organiser.id}/grade-scales`, organiser.manager, ['A']);
      expect([agency.status, agency.body.code]).toEqual([403, 'CERTIFICATION.NOT_A_CERTIFICATION_BODY']);
      expect((await svc.call('GET', `/certification-bodies/${organiser.id}/grade-scales`, organiser.manager)).status).toBe(404);
    });
  });

  describe('issuing and the verified-certificate rule', () => {
    it('an issued certificate passes the rule; it is verified on the profile and announced keyed by the startup', async () => {
      const startup = await registerStartup(svc);
      const issued = await issue(startup, { certificateNumber: 'INNO-2026-0042' });
      expect(issued).toMatchObject({ verified: true, state: 'valid', grade: 'AA', issuer: '한국혁신협회', issuerOrganisationId: body.id });
      expect(issued.verificationCode).toMatch(/^[A-Z2-7]{20}$/);

      const profile = await svc.call('GET', `/startups/${startup.id}`, startup.key);
      expect(profile.body.certifications).toEqual([
        expect.objectContaining({ id: issued.id, verified: true, verificationCode: issued.verificationCode, certificateNumber: 'INNO-2026-0042', revokedAt: null }),
      ]);
      // Another organisation's staff see the public profile: no number, no code, but whether it is verified.
      const publicView = await svc.call('GET', `/startups/${startup.id}`, organiser.manager);
      expect(publicView.body.certifications[0]).toMatchObject({ verified: true, verificationCode: null, certificateNumber: null });

      const submitted = await submit(startup, verifiedProgramme.id);
      expect([submitted.status, submitted.body.state]).toEqual([200, 'submitted']);
      const events = await outboxEvents(svc.dataSource, startup.id);
      const announced = events.find((e) => e.type === 'certification.issued')!;
      expect(announced.payload).toMatchObject({ certificationId: issued.id, startupId: startup.id, issuerOrganisationId: body.id, kind: KIND, grade: 'AA' });
      expect(JSON.stringify(announced.payload)).not.toContain(issued.verificationCode);
    });

    it('a self-declared certificate of the same grade does not pass, in the reader’s language', async () => {
      const startup = await registerStartup(svc, {
        certifications: [{ kind: KIND, issuer: 'Korea Innovation Association', issuerOrganisationId: body.id, grade: 'AA', validFrom: inDays(-30), validUntil: inDays(365) }],
      });
      const profile = await svc.call('GET', `/startups/${startup.id}`, startup.key);
      expect(profile.body.certifications[0]).toMatchObject({ verified: false, verificationCode: null });

      const english = await submit(startup, verifiedProgramme.id);
      expect([english.status, english.body.code]).toEqual([422, 'APPLICATION.NOT_ELIGIBLE']);
      expect(english.body.failures).toEqual([{ rule: 'CERTIFICATION_NOT_VERIFIED', message: expect.stringContaining('Korea Innovation Association') }]);
      const draftId = (await svc.call('GET', '/applications', startup.key)).body.items[0].id as string;
      for (const [language, script] of [['ko-KR,ko;q=0.9', /[\uAC00-\uD7A3]/], ['ru', /[\u0400-\u04FF]/]] as const) {
        const res = await callWith('POST', `/applications/${draftId}/submit`, startup.key, undefined, { 'accept-language': language });
        expect(res.body.failures.map((f: { rule: string }) => f.rule)).toEqual(['CERTIFICATION_NOT_VERIFIED']);
        expect(res.body.failures[0].message).toMatch(script);
      }
    });

    it('grades on the body’s own scale, and the programme rule names only certification bodies and their grades', async () => {
      const startup = await registerStartup(svc);
      await issue(startup, { grade: 'A' });
      const low = await submit(startup, verifiedProgramme.id);
      expect(low.body.failures.map((f: { rule: string }) => f.rule)).toEqual(['CERTIFICATION_GRADE_TOO_LOW']);
      // From the other body, AA is not enough for a programme that names only the first.
      const fromOther = await registerStartup(svc);
      await issue(fromOther, { grade: 'AAA' }, otherBody.manager);
      expect((await submit(fromOther, verifiedProgramme.id)).body.failures.map((f: { rule: string }) => f.rule)).toEqual(['CERTIFICATION_NOT_VERIFIED']);

      const create = (requiredCertification: Record<string, unknown>) =>
        svc.call('POST', '/programmes', organiser.manager, { ...programmeFields(), eligibility: { requiredCertification: { kind: KIND, ...requiredCertification } } });
      const notABody = await create({ issuerOrganisationIds: [organiser.id] });
      expect([notABody.status, notABody.body.errors?.[0]?.field]).toEqual([422, 'eligibility.requiredCertification.issuerOrganisationIds']);
      const offScale = await create({ issuerOrganisationIds: [body.id], minGrade: 'S' });
      expect([offScale.status, offScale.body.errors?.[0]?.field]).toEqual([422, 'eligibility.requiredCertification.minGrade']);
      const customUnverified = await create({ minGrade: 'S' });
      expect([customUnverified.status, customUnverified.body.errors?.[0]?.field]).toEqual([422, 'eligibility.requiredCertification.minGrade']);
      const anyBody = await create({ verified: true, minGrade: 'AA' });
      expect([anyBody.status, anyBody.body.eligibility.requiredCertification]).toEqual([201, { kind: KIND, minGrade: 'AA', verified: true, issuerOrganisationIds: [] }]);
    });
  });

  describe('revocation and expiry', () => {
    /** A startup whose only certificate the body issued, with an open application that relies on it. */
    async function relyingApplication(programmeId = verifiedProgramme.id) {
      const startup = await registerStartup(svc);
      const certificate = await issue(startup);
      const submitted = await submit(startup, programmeId);
      expect(submitted.status).toBe(200);
      return { startup, certificate, applicationId: submitted.body.id as string };
    }

    /**
     * As time really passes: the application was submitted to a programme of its own, which has closed
     * since (two days ago), and then the certificate's validity ended (a minute ago). It was valid when
     * the programme closed, so both a revocation and the expiry sweep find that the application relied
     * on it: whichever comes first raises the flag, and the other must not raise a second.
     */
    async function endedAfterClosing() {
      const programme = await createPublishedProgramme(svc, organiser.manager, {
        eligibility: { countries: ['KR'], requiredCertification: { kind: KIND, minGrade: 'AA', issuerOrganisationIds: [body.id] } },
      });
      const relying = await relyingApplication(programme.id);
      await svc.dataSource.query(
        `UPDATE applications.programmes SET window_opens_at = now() - interval '10 days', window_closes_at = now() - interval '2 days' WHERE id = $1`,
        [programme.id],
      );
      await svc.dataSource.query(`UPDATE applications.certifications SET valid_until = now() - interval '1 minute' WHERE id = $1`, [relying.certificate.id]);
      return relying;
    }

    /** The certificates each pass of `instance`'s sweeper claims, as they are claimed. */
    function claimsOf(instance: Service): string[] {
      const repository = instance.running.app.get(CertificationsRepository);
      const claimEnded = repository.claimEnded.bind(repository);
      const claimed: string[] = [];
      jest.spyOn(repository, 'claimEnded').mockImplementation(async (...args) => {
        const rows = await claimEnded(...args);
        claimed.push(...rows.map((c) => c.id));
        return rows;
      });
      return claimed;
    }

    const sweeperOf = (instance: Service) => instance.running.app.get(CertificationExpirySweeper);
    const revoke = (instance: Service, certificateId: string, key: TestApiKey, reason: string) =>
      instance.call('POST', `/certifications/${certificateId}/revoke`, key, { reason });

    it('flags the open application that relied on a revoked certificate, to its managers, with the reason', async () => {
      const { startup, certificate, applicationId } = await relyingApplication();
      const revoked = await svc.call('POST', `/certifications/${certificate.id}/revoke`, body.manager, { reason: 'Audit found overstated R&D spending' });
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ state: 'revoked', verified: false, revocationReason: 'Audit found overstated R&D spending' });

      expect(await flagsOf(applicationId)).toEqual([{ reason: 'certification_revoked', failed_rule: 'CERTIFICATION_MISSING' }]);
      const types = await eventTypes(startup.id);
      expect([count(types, 'certification.revoked'), count(types, 'application.flagged')]).toEqual([1, 1]);
      const flagged = (await outboxEvents(svc.dataSource, applicationId)).find((e) => e.type === 'application.flagged')!;
      expect(flagged.payload).toMatchObject({ applicationId, certificationId: certificate.id, reason: 'certification_revoked', programme: { id: verifiedProgramme.id, organiserOrgId: organiser.id } });

      // The application is not rejected; its managers see the flag in its view and in the programme's list, in their language.
      const view = await callWith('GET', `/applications/${applicationId}`, organiser.manager, undefined, { 'accept-language': 'ru' });
      expect(view.body.state).toBe('submitted');
      // The plain-language status is in the reader's language too, beside the machine state.
      expect(view.body.status).toMatch(CYRILLIC);
      expect(view.body.flags).toEqual([
        expect.objectContaining({
          reason: 'certification_revoked',
          revocationReason: 'Audit found overstated R&D spending',
          message: expect.stringMatching(/отозван.*Audit found overstated R&D spending/),
          failedRule: { rule: 'CERTIFICATION_MISSING', message: expect.stringMatching(/[\u0400-\u04FF]/) },
          certification: expect.objectContaining({ id: certificate.id, grade: 'AA', issuerOrganisationId: body.id }),
        }),
      ]);
      const history = await callWith('GET', `/applications/${applicationId}/history`, organiser.manager, undefined, { 'accept-language': 'ru' });
      expect([history.status, history.body.state]).toEqual([200, 'submitted']);
      expect(history.body.transitions.length).toBeGreaterThan(0);
      for (const status of [history.body.status, ...history.body.transitions.map((t: { status: string }) => t.status)]) expect(status).toMatch(CYRILLIC);
      // And in Korean for a manager who asks for it: status, history and the flag in Hangul, the codes unchanged.
      const korean = await callWith('GET', `/applications/${applicationId}`, organiser.manager, undefined, { 'accept-language': 'ko' });
      expect([korean.body.state, korean.body.status]).toEqual(['submitted', expect.stringMatching(HANGUL)]);
      expect(korean.body.flags).toEqual([
        expect.objectContaining({
          reason: 'certification_revoked',
          message: expect.stringMatching(HANGUL),
          failedRule: { rule: 'CERTIFICATION_MISSING', message: expect.stringMatching(HANGUL) },
        }),
      ]);
      const koreanHistory = await callWith('GET', `/applications/${applicationId}/history`, organiser.manager, undefined, { 'accept-language': 'ko' });
      for (const status of [koreanHistory.body.status, ...koreanHistory.body.transitions.map((t: { status: string }) => t.status)]) expect(status).toMatch(HANGUL);
      const list = await svc.call('GET', `/programmes/${verifiedProgramme.id}/application-flags`, organiser.manager);
      expect(list.body.items.map((f: { applicationId: string }) => f.applicationId)).toContain(applicationId);
      // The startup reads its application without the managers' flags.
      expect((await svc.call('GET', `/applications/${applicationId}`, startup.key)).body.flags).toBeUndefined();
      // Public verification now says revoked, without the body's reason.
      const verified = await svc.call('GET', `/certificate-verifications/${certificate.verificationCode}`, null);
      expect(verified.body).toMatchObject({ state: 'revoked', grade: 'AA' });
      expect(verified.text).not.toContain('Audit');
    });

    it('flags once when two revocations race through two instances: one wins, the other answers 409', async () => {
      const { startup, certificate, applicationId } = await relyingApplication();
      const results = await Promise.all([
        revoke(svc, certificate.id, body.manager, 'Revoked twice at once'),
        revoke(second, certificate.id, body.admin, 'Revoked twice at once'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('CERTIFICATION.REVOKED');
      expect(await flagsOf(applicationId)).toEqual([{ reason: 'certification_revoked', failed_rule: 'CERTIFICATION_MISSING' }]);
      const types = await eventTypes(startup.id);
      expect([count(types, 'certification.revoked'), count(types, 'application.flagged')]).toEqual([1, 1]);
    });

    it('does not flag an application another valid certificate still carries', async () => {
      const { startup, certificate, applicationId } = await relyingApplication();
      await issue(startup, { grade: 'AAA' });
      expect((await svc.call('POST', `/certifications/${certificate.id}/revoke`, body.manager, { reason: 'Superseded' })).status).toBe(200);
      expect(await flagsOf(applicationId)).toEqual([]);
    });

    it('the expiry sweeps of two instances and a revocation through the second race: the application is flagged once', async () => {
      const { startup, certificate, applicationId } = await endedAfterClosing();
      const claims = [claimsOf(svc), claimsOf(second)];
      const [, , revocation] = await Promise.all([
        sweeperOf(svc).sweepOnce(),
        sweeperOf(second).sweepOnce(),
        revoke(second, certificate.id, body.manager, 'Lapsed and withdrawn'),
      ]);
      jest.restoreAllMocks();
      // Whichever commits first, the revocation stands (an ended certificate can still be revoked), the
      // sweeps claim the certificate at most once between them (none when the revocation came first),
      // and the application carries one flag, for the revocation or the expiry.
      expect(revocation.status).toBe(200);
      expect(claims.flat().filter((id) => id === certificate.id).length).toBeLessThanOrEqual(1);
      expect(await flagsOf(applicationId)).toEqual([{ reason: expect.stringMatching(/^certification_(revoked|expired)$/), failed_rule: 'CERTIFICATION_MISSING' }]);
      const types = await eventTypes(startup.id);
      expect([count(types, 'certification.revoked'), count(types, 'application.flagged')]).toEqual([1, 1]);
      // Swept once: later passes of either instance find nothing of it.
      await Promise.all([sweeperOf(svc).sweepOnce(), sweeperOf(second).sweepOnce()]);
      expect(await flagsOf(applicationId)).toHaveLength(1);
      expect(count(await eventTypes(startup.id), 'application.flagged')).toBe(1);
    });

    it('one flag per application and certificate: a revocation after the expiry sweep flagged the application raises no second', async () => {
      const { startup, certificate, applicationId } = await endedAfterClosing();
      await sweeperOf(svc).sweepOnce();
      expect(await flagsOf(applicationId)).toEqual([{ reason: 'certification_expired', failed_rule: 'CERTIFICATION_MISSING' }]);

      // The revocation re-checks the application and finds it relied on the certificate (valid when the
      // programme closed): it does try to flag it, and the guard (unique per application and certificate,
      // ON CONFLICT DO NOTHING) answers that it is flagged already.
      const insertFlag = jest.spyOn(second.running.app.get(CertificationsRepository), 'insertFlag');
      const revocation = await revoke(second, certificate.id, body.manager, 'Withdrawn after the audit');
      const attempts = insertFlag.mock.calls.map(([, flag]) => [flag.applicationId, flag.certificationId, flag.reason]);
      const raised = await Promise.all(insertFlag.mock.results.map((r) => r.value as Promise<unknown>));
      jest.restoreAllMocks();
      expect(revocation.status).toBe(200);
      expect(attempts).toEqual([[applicationId, certificate.id, 'certification_revoked']]);
      expect(raised).toEqual([null]);

      expect(await flagsOf(applicationId)).toEqual([{ reason: 'certification_expired', failed_rule: 'CERTIFICATION_MISSING' }]);
      const types = await eventTypes(startup.id);
      expect([count(types, 'certification.revoked'), count(types, 'application.flagged')]).toEqual([1, 1]);
      const flagged = (await outboxEvents(svc.dataSource, applicationId)).filter((e) => e.type === 'application.flagged');
      expect(flagged.map((e) => e.payload.reason)).toEqual(['certification_expired']);
    });

    it('the expiry sweep alone flags with the expiry as the reason', async () => {
      const { certificate, applicationId } = await relyingApplication();
      await svc.dataSource.query(`UPDATE applications.certifications SET valid_until = now() - interval '1 minute' WHERE id = $1`, [certificate.id]);
      await Promise.all([sweeperOf(svc).sweepOnce(), sweeperOf(second).sweepOnce()]);
      expect(await flagsOf(applicationId)).toEqual([{ reason: 'certification_expired', failed_rule: 'CERTIFICATION_MISSING' }]);
      const view = await callWith('GET', `/applications/${applicationId}`, organiser.manager, undefined, { 'accept-language': 'ko' });
      expect(view.body.flags[0].message).toMatch(/유효 기간/);
    });

    it('renews a certificate with a new validity, and refuses to renew or revoke a revoked one', async () => {
      const startup = await registerStartup(svc);
      const certificate = await issue(startup);
      const renewed = await svc.call('POST', `/certifications/${certificate.id}/renew`, body.manager, { validUntil: inDays(1000) });
      expect([renewed.status, renewed.body.state, renewed.body.renewedAt !== null]).toEqual([200, 'valid', true]);
      expect(count(await eventTypes(startup.id), 'certification.renewed')).toBe(1);
      await svc.call('POST', `/certifications/${certificate.id}/revoke`, body.manager, { reason: 'Closed down' });
      const again = await svc.call('POST', `/certifications/${certificate.id}/renew`, body.manager, { validUntil: inDays(2000) });
      expect([again.status, again.body.code]).toEqual([409, 'CERTIFICATION.REVOKED']);
      // The startup cannot delete what a body issued either.
      const deleted = await svc.call('DELETE', `/startups/${startup.id}/certifications/${certificate.id}`, startup.key);
      expect([deleted.status, deleted.body.code]).toEqual([409, 'CERTIFICATION.ISSUED_NOT_REMOVABLE']);
      expect(await svc.dataSource.query('SELECT id FROM applications.certifications WHERE id = $1', [certificate.id])).toHaveLength(1);
    });
  });

  describe('public verification', () => {
    it('answers a valid code with the certificate, in any case and grouping, without a key', async () => {
      const startup = await registerStartup(svc, { name: '메디브릿지', nameLatin: 'MediBridge' });
      const certificate = await issue(startup);
      const grouped = certificate.verificationCode.match(/.{5}/g)!.join('-').toLowerCase();
      for (const code of [certificate.verificationCode, grouped]) {
        const res = await requestFrom(uniqueLoopbackAddress(), `${svc.running.url}/v1/certificate-verifications/${code}`);
        expect(res.status).toBe(200);
        expect(JSON.parse(res.text)).toMatchObject({
          verificationCode: certificate.verificationCode,
          kind: KIND,
          grade: 'AA',
          issuer: { name: '한국혁신협회', nameLatin: 'Korea Innovation Association' },
          startup: { name: '메디브릿지', nameLatin: 'MediBridge' },
          state: 'valid',
          revokedAt: null,
        });
      }
    });

    it('says the same and nothing more for any code that names no certificate', async () => {
      const from = uniqueLoopbackAddress();
      const bodies = [];
      for (const code of ['AAAAAAAAAAAAAAAAAAAA', 'ZZZZ-ZZZZZ-ZZZZZ-ZZZZZ', 'not-a-code', "'%20OR%201=1--", '0'.repeat(20)]) {
        const res = await requestFrom(from, `${svc.running.url}/v1/certificate-verifications/${code}`);
        expect([code, res.status, res.headers['content-type']]).toEqual([code, 404, expect.stringContaining('application/problem+json')]);
        const { requestId: _requestId, ...rest } = JSON.parse(res.text) as Record<string, unknown>;
        expect(JSON.stringify(rest)).not.toContain(code.slice(0, 8));
        bodies.push(rest);
      }
      for (const other of bodies) expect(other).toEqual(bodies[0]);
    });

    it(`is rate-limited per client address: ${VERIFICATIONS_PER_ADDRESS} per ${VERIFICATIONS_WINDOW_SECONDS} s, then 429 with Retry-After`, async () => {
      await outsideWindowEdge(VERIFICATIONS_WINDOW_SECONDS);
      const guesser = uniqueLoopbackAddress();
      const guess = (from: string) => requestFrom(from, `${svc.running.url}/v1/certificate-verifications/${randomUUID().replace(/-/g, '').slice(0, 20).toUpperCase()}`);
      const statuses: number[] = [];
      for (let i = 0; i < VERIFICATIONS_PER_ADDRESS; i++) statuses.push((await guess(guesser)).status);
      expect(statuses).toEqual(Array(VERIFICATIONS_PER_ADDRESS).fill(404));
      const limited = await guess(guesser);
      expect(limited.status).toBe(429);
      expect(JSON.parse(limited.text)).toMatchObject({ type: 'urn:exchange:problem:rate-limited', status: 429 });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is counted apart.
      expect((await guess(uniqueLoopbackAddress())).status).toBe(404);
    });
  });

  describe('tenant rules and hostile input', () => {
    it('a body revokes, renews and reads only its own certificates (404 otherwise), and nothing changes', async () => {
      const startup = await registerStartup(svc);
      const certificate = await issue(startup);
      for (const [method, path, payload] of [
        ['POST', `/certifications/${certificate.id}/revoke`, { reason: 'Not mine to revoke' }],
        ['POST', `/certifications/${certificate.id}/renew`, { validUntil: inDays(3000) }],
        ['GET', `/certifications/${certificate.id}`, undefined],
      ] as const) {
        const res = await svc.call(method, path, otherBody.manager, payload);
        expect([path, res.status, res.body.code]).toEqual([path, 404, 'CERTIFICATION.NOT_FOUND']);
      }
      const row = await svc.dataSource.query('SELECT revoked_at, valid_until FROM applications.certifications WHERE id = $1', [certificate.id]);
      expect(row[0].revoked_at).toBeNull();
      expect(new Date(row[0].valid_until).getTime()).toBeLessThan(Date.now() + 400 * DAY);
      expect((await svc.call('GET', `/certifications?startupId=${startup.id}`, otherBody.manager)).body.items).toEqual([]);
      expect((await svc.call('GET', `/certifications?startupId=${startup.id}`, body.manager)).body.items.map((c: { id: string }) => c.id)).toEqual([certificate.id]);
    });

    it('a startup, a body’s reviewer and an organisation of another kind cannot issue', async () => {
      const startup = await registerStartup(svc);
      const payload = { startupId: startup.id, kind: KIND, grade: 'AAA', validFrom: inDays(-1), validUntil: inDays(365) };
      const reviewer = await svc.key('reviewer', { organisationId: body.id });
      // The role guard refuses the startup and the reviewer; the service refuses a manager of an organising agency.
      for (const key of [startup.key, reviewer]) expect((await svc.call('POST', '/certifications', key, payload)).status).toBe(403);
      const agency = await svc.call('POST', '/certifications', organiser.manager, payload);
      expect([agency.status, agency.body.code]).toEqual([403, 'CERTIFICATION.NOT_A_CERTIFICATION_BODY']);
      expect(await svc.dataSource.query('SELECT id FROM applications.certifications WHERE startup_id = $1', [startup.id])).toEqual([]);
    });

    it('refuses bad ids, overlong fields, bad dates and grades off the scale, naming the field and writing nothing', async () => {
      const startup = await registerStartup(svc);
      const valid = { startupId: startup.id, kind: KIND, grade: 'AA', validFrom: inDays(-1), validUntil: inDays(365) };
      const cases: Array<[string, Record<string, unknown>, number, string]> = [
        ['an unknown startup', { startupId: randomUUID() }, 422, 'startupId'],
        ['a startup id that is no UUID', { startupId: 'startup-1' }, 400, 'startupId'],
        ['a grade off the scale', { grade: 'AAAA' }, 422, 'grade'],
        ['a grade that is no grade', { grade: 'A A' }, 400, 'grade'],
        ['a kind the body has no scale for', { kind: 'unknown_certificate' }, 422, 'kind'],
        ['a kind that is no key', { kind: 'Innovation Certificate' }, 400, 'kind'],
        ['an overlong certificate number', { certificateNumber: 'N'.repeat(101) }, 400, 'certificateNumber'],
        ['a blank certificate number', { certificateNumber: '   ' }, 400, 'certificateNumber'],
        ['an impossible date', { validFrom: '2026-13-45T00:00:00Z' }, 400, 'validFrom'],
        ['a date out of range', { validUntil: '1800-01-01T00:00:00Z' }, 400, 'validUntil'],
        ['an end before the start', { validFrom: inDays(10), validUntil: inDays(5) }, 422, 'validUntil'],
        ['an unknown field', { verified: true }, 400, 'verified'],
      ];
      for (const [what, over, status, field] of cases) {
        const res = await svc.call('POST', '/certifications', body.manager, { ...valid, ...over });
        expect([what, res.status, (res.body.errors ?? []).map((e: { field: string }) => e.field)]).toEqual([what, status, expect.arrayContaining([field])]);
      }
      const certificate = await issue(startup);
      for (const reason of ['', '   ', 'r'.repeat(2001)]) {
        const res = await svc.call('POST', `/certifications/${certificate.id}/revoke`, body.manager, { reason });
        expect([reason.length, res.status, res.body.errors?.[0]?.field]).toEqual([reason.length, 400, 'reason']);
      }
      expect((await svc.call('POST', `/certifications/${certificate.id}/renew`, body.manager, { validUntil: inDays(-400) })).status).toBe(422);
      expect((await svc.call('POST', `/certifications/not-a-uuid/revoke`, body.manager, { reason: 'x' })).status).toBe(400);
      const rows = await svc.dataSource.query('SELECT id, revoked_at FROM applications.certifications WHERE startup_id = $1', [startup.id]);
      expect(rows).toEqual([{ id: certificate.id, revoked_at: null }]);
    });
  });
});

/** A programme body like the helpers' (window open now), for creating programmes directly. */
function programmeFields() {
  return {
    name: `Verified pilots ${randomUUID().slice(0, 6)}`,
    kind: 'pilot',
    hostCountry: 'KR',
    hostCity: 'Seoul',
    timeZone: 'Asia/Seoul',
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    rubric: { criteria: [{ key: 'fit', label: 'Fit', weight: 1 }], scaleMin: 1, scaleMax: 10 },
    reviewsRequired: 1,
  };
}

/** Waits, if need be, until the rate limiter's fixed window has at least 10 s left, so one burst is counted in one window. */
async function outsideWindowEdge(windowSeconds: number): Promise<void> {
  const left = windowSeconds - (Math.floor(Date.now() / 1000) % windowSeconds);
  if (left < 10) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 50));
}
