import { decodeEvent, Topics } from '@exchange/contracts';
import { collectMessages, testKafkaSettings } from '@exchange/messaging/testing';
import { waitFor, type TestApiKey } from '@exchange/platform/testing';
import { statusWords } from '../src/applications/application-state';
import { OverdueSweeper } from '../src/reviews/overdue-sweeper';
import { apply, createPublishedProgramme, outboxEvents, registerStartup, startApplications, type Service } from './helpers';

const day = 86_400_000;

/**
 * A full round on a constructed case (hand-computed in src/reviews/scoring.spec.ts too):
 * rubric innovation ×2, market ×1, team ×1 on 1–10; three applications A, B, C; a lenient (R1),
 * a harsh (R2) and a middle (R3) reviewer whose weighted scores are
 *        A   B   C
 *   R1   9   8  10      (A: innovation 10, market 8, team 8 → (20+8+8)/4 = 9)
 *   R2   3   5   4      (B: innovation 4, market 6, team 6 → 5)
 *   R3   6   7   5      (C: innovation 4, market 6, team 6 → 5)
 * Raw means A 6, B 6.667, C 6.333. Each reviewer has σ = √(2/3), so a one-point deviation is
 * z = 1.2247449; mean z: A −0.4082483, B +0.4082483, C 0. R4 is kept off A and B by declared
 * conflicts and off C because its organisation certified C.
 */
describe('a full review round', () => {
  let svc: Service;
  let manager: TestApiKey;
  let otherManager: TestApiKey;
  let organiserId: string;

  beforeAll(async () => {
    svc = await startApplications();
    organiserId = (await svc.organisation('organising_agency', 'RU')).id;
    manager = await svc.key('programme_manager', { organisationId: organiserId });
    otherManager = await svc.key('programme_manager', { organisationId: organiserId });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('assigns automatically within conflicts and quotas, scores, normalises, ranks, decides and publishes application.accepted', async () => {
    const partner = await svc.organisation('partner_agency', 'KR');
    const certifier = await svc.organisation('partner_agency', 'KR');
    // The certifier is a partner too: its reviewer may name the programme's applications in a conflict.
    const programme = await createPublishedProgramme(svc, manager, { partnerOrganisationIds: [partner.id, certifier.id], normalisation: 'z_score', blindReview: true, reviewsRequired: 3 });
    const tag = Date.now().toString(36);
    const a = await registerStartup(svc, { name: `알파 ${tag}`, nameLatin: `Alpha ${tag}` });
    const b = await registerStartup(svc, { name: `Бета ${tag}`, nameLatin: `Beta ${tag}`, country: 'RU' });
    const c = await registerStartup(svc, {
      name: `Gamma ${tag}`,
      nameLatin: `Gamma ${tag}`,
      certifications: [{ kind: 'innovation_certificate', issuer: 'Certifier', issuerOrganisationId: certifier.id, grade: 'AAA', validFrom: '2025-01-01T00:00:00Z' }],
    });
    const appA = await apply(svc, a, programme.id);
    const appB = await apply(svc, b, programme.id);
    const appC = await apply(svc, c, programme.id);

    const externalOrg = (await svc.organisation('partner_agency', 'KR')).id;
    const r1 = await svc.key('reviewer', { organisationId: externalOrg });
    const r2 = await svc.key('reviewer', { organisationId: organiserId });
    const r3 = await svc.key('reviewer', { organisationId: externalOrg });
    const r4 = await svc.key('reviewer', { organisationId: certifier.id });
    expect((await svc.call('POST', '/conflicts-of-interest', r4, { startupId: a.id, reason: 'Advisor to the founders' })).status).toBe(201);
    expect((await svc.call('POST', '/conflicts-of-interest', r4, { startupId: b.id, applicationId: appB.id })).status).toBe(201);

    const reviewers = [r1, r2, r3, r4].map((r) => r.principalId);
    const dueAt = new Date(Date.now() + 7 * day).toISOString();
    const auto = await svc.call('POST', `/programmes/${programme.id}/review-assignments/auto`, manager, { reviewerPrincipalIds: reviewers, quotaPerReviewer: 3, dueAt });
    expect(auto.status).toBe(200);
    expect(auto.body.unfilled).toEqual([]);
    const pairs = (auto.body.assigned as { applicationId: string; reviewerPrincipalId: string; id: string }[]).map((x) => [x.applicationId, x.reviewerPrincipalId]);
    expect(pairs).toHaveLength(9);
    for (const app of [appA, appB, appC]) {
      expect(pairs.filter(([id]) => id === app.id).map(([, r]) => r).sort()).toEqual([r1, r2, r3].map((r) => r.principalId).sort());
    }
    expect((await outboxEvents(svc.dataSource, appA.id)).map((e) => e.type)).toEqual(['application.submitted', 'review.assigned', 'review.assigned', 'review.assigned']);
    expect((await svc.call('GET', `/applications/${appA.id}`, a.key)).body.state).toBe('under_review');

    // Quota: a fourth application finds R1–R3 full (3 each); only R4 may take it.
    const d = await registerStartup(svc);
    const appD = await apply(svc, d, programme.id);
    const more = await svc.call('POST', `/programmes/${programme.id}/review-assignments/auto`, manager, { reviewerPrincipalIds: reviewers, quotaPerReviewer: 3, dueAt });
    expect(more.body.assigned.map((x: { reviewerPrincipalId: string }) => x.reviewerPrincipalId)).toEqual([r4.principalId]);
    expect(more.body.unfilled).toEqual([{ applicationId: appD.id, missing: 2 }]);

    const assignmentOf = async (reviewer: TestApiKey, applicationId: string) => {
      const list = await svc.call('GET', `/review-assignments?programmeId=${programme.id}`, reviewer);
      return (list.body.items as { id: string; applicationId: string }[]).find((x) => x.applicationId === applicationId)!.id;
    };
    const score = (innovation: number, market: number, team: number) => ({
      scores: [
        { criterion: 'innovation', score: innovation, comment: 'innovation' },
        { criterion: 'market', score: market },
        { criterion: 'team', score: team },
      ],
    });
    const plan: [TestApiKey, string, ReturnType<typeof score>][] = [
      [r1, appA.id, score(10, 8, 8)],
      [r1, appB.id, score(8, 8, 8)],
      [r1, appC.id, score(10, 10, 10)],
      [r2, appA.id, score(3, 3, 3)],
      [r2, appB.id, score(4, 6, 6)],
      [r2, appC.id, score(4, 4, 4)],
      [r3, appA.id, score(6, 6, 6)],
      [r3, appB.id, score(7, 7, 7)],
      [r3, appC.id, score(4, 6, 6)],
    ];

    // Blind review: R1 is external, so A's identity is hidden from it; R2 (organiser) sees it.
    const r1ViewA = await svc.call('GET', `/review-assignments/${await assignmentOf(r1, appA.id)}`, r1);
    expect(r1ViewA.status).toBe(200);
    expect(r1ViewA.body.blind).toBe(true);
    for (const secret of [a.startup.name, a.startup.nameLatin, a.startup.registrationNumber, a.startup.contact.email, a.startup.contact.phone, a.startup.team[0].name]) {
      expect(r1ViewA.text).not.toContain(secret);
    }
    expect(r1ViewA.body.startup).toMatchObject({ country: 'KR', trl: 6, technologyFields: ['medtech', 'ai'] });
    const r2ViewA = await svc.call('GET', `/review-assignments/${await assignmentOf(r2, appA.id)}`, r2);
    expect(r2ViewA.body).toMatchObject({ blind: false, startup: { name: a.startup.name, registrationNumber: a.startup.registrationNumber } });
    // Another reviewer's assignment does not exist for R1.
    expect((await svc.call('GET', `/review-assignments/${await assignmentOf(r2, appA.id)}`, r1)).status).toBe(404);

    for (const [reviewer, applicationId, body] of plan) {
      const id = await assignmentOf(reviewer, applicationId);
      if (reviewer === r2 && applicationId === appA.id) {
        // Before scoring, R2 cannot see R1's review of A; right after, it can.
        expect((await svc.call('GET', `/review-assignments/${id}`, r2)).body.otherReviews).toEqual([]);
      }
      const res = await svc.call('POST', `/review-assignments/${id}/review`, reviewer, body);
      expect(res.status).toBe(201);
      if (reviewer === r2 && applicationId === appA.id) {
        const after = await svc.call('GET', `/review-assignments/${id}`, r2);
        expect(after.body.otherReviews.map((x: { weightedScore: number }) => x.weightedScore)).toEqual([9]);
      }
    }
    const again = await svc.call('POST', `/review-assignments/${await assignmentOf(r1, appA.id)}/review`, r1, score(1, 1, 1));
    expect(again.status).toBe(409);
    expect(again.body.currentState).toBe('submitted');

    // Progress: 3 done per application; R4 has D due.
    const progress = await svc.call('GET', `/programmes/${programme.id}/review-progress`, manager);
    expect(progress.body.applications.find((x: { applicationId: string }) => x.applicationId === appA.id)).toMatchObject({ done: 3, due: 0, overdue: 0, required: 3, scored: 3 });
    expect(progress.body.reviewers.find((x: { reviewerPrincipalId: string }) => x.reviewerPrincipalId === r4.principalId)).toMatchObject({ done: 0, due: 1, overdue: 0 });

    // Ranking: B, C, A by normalised score; D unscored last.
    const ranking = await svc.call('GET', `/programmes/${programme.id}/ranking`, manager);
    expect(ranking.status).toBe(200);
    const items = ranking.body.items as { applicationId: string; score: number | null; rawScore: number | null; rank: number }[];
    expect(items.map((x) => x.applicationId)).toEqual([appB.id, appC.id, appA.id, appD.id]);
    expect(items[0].score).toBeCloseTo(0.4082483, 6);
    expect(items[1].score).toBeCloseTo(0, 6);
    expect(items[2].score).toBeCloseTo(-0.4082483, 6);
    expect(items[3].score).toBeNull();
    const [{ details }] = await svc.dataSource.query(`SELECT score_details AS details FROM applications.applications WHERE id = $1`, [appB.id]);
    expect(details.rawMean).toBeCloseTo(20 / 3, 10);
    expect(items[0].rawScore).toBeCloseTo(20 / 3, 10);
    expect(items[3].rawScore).toBeNull();

    const csv = await svc.call('GET', `/programmes/${programme.id}/ranking.csv`, manager);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('rank,application_id,startup_id,startup_name,startup_name_latin,country,state,score,raw_score,reviews_completed,reviews_required,fast_track');
    expect(lines[1]).toContain(`1,${appB.id},${b.id},Бета ${tag},Beta ${tag},RU,under_review,0.408248`);
    expect(lines[1]).toContain(',6.666666');
    expect(lines).toHaveLength(5);

    // Two managers decide on C at once: exactly one wins.
    const cVersion = (await svc.call('GET', `/applications/${appC.id}`, manager)).body.version;
    const race = await Promise.all([
      svc.call('POST', `/applications/${appC.id}/decision`, manager, { outcome: 'accept', reason: 'Top score', version: cVersion }),
      svc.call('POST', `/applications/${appC.id}/decision`, otherManager, { outcome: 'reject', reason: 'Out of scope', version: cVersion }),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    const decidedEvents = (await outboxEvents(svc.dataSource, appC.id)).filter((e) => /accepted|rejected/.test(e.type));
    expect(decidedEvents).toHaveLength(1);

    // Accept B; the event reaches Kafka with the startup summary, programme ref and score.
    const collector = await collectMessages(testKafkaSettings('applications-review-round'), Topics.applications);
    try {
      const accepted = await svc.call('POST', `/applications/${appB.id}/decision`, manager, { outcome: 'accept', reason: 'Best normalised score' });
      expect(accepted.status).toBe(200);
      const message = await waitFor(
        () => collector.messages.find((m) => m.headers?.ce_type?.toString() === 'application.accepted' && m.value?.toString().includes(appB.id)),
        { timeoutMs: 30_000, what: 'application.accepted on Kafka' },
      );
      const event = decodeEvent({ headers: message.headers as never, value: message.value });
      expect(event.type).toBe('application.accepted');
      expect(message.key?.toString()).toBe(b.id);
      expect(event.data).toMatchObject({
        applicationId: appB.id,
        startupId: b.id,
        programme: { id: programme.id, kind: 'pilot', organiserOrgId: organiserId, partnerOrgIds: [partner.id, certifier.id] },
        reason: 'Best normalised score',
        decidedBy: manager.principalId,
        startup: { id: b.id, name: `Бета ${tag}`, nameLatin: `Beta ${tag}`, country: 'RU', readinessLevel: 6 },
        fastTrack: false,
      });
      expect((event.data as { score: number }).score).toBeCloseTo(0.4082483, 6);
    } finally {
      await collector.stop();
    }
    const status = await svc.call('GET', `/applications/${appB.id}`, b.key);
    // The startup registered with Korean first: its status comes in its own language.
    expect(status.body).toMatchObject({ state: 'accepted', status: statusWords('accepted', 'ko'), decision: { outcome: 'accepted', reason: 'Best normalised score' } });
    expect(status.body.score).toBeUndefined();
  });

  it('recusing a reviewer removes their review from the score; abstaining counts as done but not scored', async () => {
    const programme = await createPublishedProgramme(svc, manager, { reviewsRequired: 2 });
    const s = await registerStartup(svc);
    const app = await apply(svc, s, programme.id);
    const [x, y, z] = await Promise.all([0, 1, 2].map(() => svc.key('reviewer', { organisationId: organiserId })));
    const assign = (r: TestApiKey) =>
      svc.call('POST', `/programmes/${programme.id}/review-assignments`, manager, { applicationId: app.id, reviewerPrincipalId: r.principalId, dueAt: new Date(Date.now() + day).toISOString() });
    const [ax, ay, az] = await Promise.all([assign(x), assign(y), assign(z)]);
    expect((await assign(x)).status).toBe(409);
    const full = { scores: [{ criterion: 'innovation', score: 8 }, { criterion: 'market', score: 4 }, { criterion: 'team', score: 4 }] };
    await svc.call('POST', `/review-assignments/${ax.body.id}/review`, x, full);
    await svc.call('POST', `/review-assignments/${ay.body.id}/review`, y, { scores: [{ criterion: 'innovation', score: 4 }, { criterion: 'market', score: 4 }, { criterion: 'team', score: 4 }] });
    const abstained = await svc.call('POST', `/review-assignments/${az.body.id}/abstain`, z, { reason: 'Outside my field' });
    expect([abstained.status, abstained.text]).toEqual([201, expect.any(String)]);
    const scoreOf = async () => (await svc.call('GET', `/applications/${app.id}`, manager)).body.score;
    expect(await scoreOf()).toBe(5);
    const bad = await svc.call('POST', `/review-assignments/${ax.body.id}/review`, x, { scores: [{ criterion: 'innovation', score: 11 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.problems).toEqual(expect.arrayContaining(['missing a score for market', 'innovation: 11 is outside the scale 1–10']));
    expect((await svc.call('POST', `/review-assignments/${ay.body.id}/recuse`, manager, { reason: 'Conflict found later' })).status).toBe(200);
    expect(await scoreOf()).toBeNull();

    // A reviewer steps back from their own assignment; they cannot recuse somebody else.
    expect((await svc.call('POST', `/review-assignments/${ax.body.id}/recuse`, z, { reason: 'Not mine' })).status).toBe(404);
    const own = await svc.call('POST', `/review-assignments/${ax.body.id}/recuse`, x, { reason: 'I advised this startup last year' });
    expect([own.status, own.body.state]).toEqual([200, 'recused']);
  });

  it('withdrawing an application recuses its open assignments and leaves finished ones and other applications alone', async () => {
    const programme = await createPublishedProgramme(svc, manager, { reviewsRequired: 2 });
    const [s, other] = await Promise.all([registerStartup(svc), registerStartup(svc)]);
    const [app, otherApp] = [await apply(svc, s, programme.id), await apply(svc, other, programme.id)];
    const [done, open] = await Promise.all([0, 1].map(() => svc.key('reviewer', { organisationId: organiserId })));
    const assign = async (applicationId: string, r: TestApiKey) =>
      (await svc.call('POST', `/programmes/${programme.id}/review-assignments`, manager, { applicationId, reviewerPrincipalId: r.principalId, dueAt: new Date(Date.now() + day).toISOString() })).body.id as string;
    const [finished, pending, elsewhere] = [await assign(app.id, done), await assign(app.id, open), await assign(otherApp.id, open)];
    await svc.call('POST', `/review-assignments/${finished}/review`, done, { scores: [{ criterion: 'innovation', score: 6 }, { criterion: 'market', score: 6 }, { criterion: 'team', score: 6 }] });
    // Another startup cannot withdraw it (and so cannot end its reviews).
    expect((await svc.call('POST', `/applications/${app.id}/withdraw`, other.key, {})).status).toBe(404);
    const states = async () =>
      Object.fromEntries(
        ((await svc.dataSource.query('SELECT id, state, recusal_reason FROM applications.review_assignments WHERE id = ANY($1::uuid[])', [[finished, pending, elsewhere]])) as Array<{ id: string; state: string; recusal_reason: string | null }>).map((r) => [r.id, [r.state, r.recusal_reason]]),
      );
    expect(await states()).toEqual({ [finished]: ['submitted', null], [pending]: ['assigned', null], [elsewhere]: ['assigned', null] });
    expect((await svc.call('POST', `/applications/${app.id}/withdraw`, s.key, { reason: 'Pivoted' })).status).toBe(200);
    expect(await states()).toEqual({ [finished]: ['submitted', null], [pending]: ['recused', 'application withdrawn'], [elsewhere]: ['assigned', null] });
  });

  it('raises review.overdue once per overdue assignment, also with two sweepers at once', async () => {
    const programme = await createPublishedProgramme(svc, manager, { reviewsRequired: 1 });
    const s = await registerStartup(svc);
    const app = await apply(svc, s, programme.id);
    const reviewer = await svc.key('reviewer', { organisationId: organiserId });
    const assigned = await svc.call('POST', `/programmes/${programme.id}/review-assignments`, manager, {
      applicationId: app.id,
      reviewerPrincipalId: reviewer.principalId,
      dueAt: new Date(Date.now() + day).toISOString(),
    });
    await svc.dataSource.query(`UPDATE applications.review_assignments SET due_at = now() - interval '1 hour' WHERE id = $1`, [assigned.body.id]);
    const sweeper = svc.running.app.get(OverdueSweeper);
    await Promise.all([sweeper.sweepOnce(), sweeper.sweepOnce()]);
    await sweeper.sweepOnce();
    const overdue = (await outboxEvents(svc.dataSource, app.id)).filter((e) => e.type === 'review.overdue');
    expect(overdue).toHaveLength(1);
    expect(overdue[0].payload).toMatchObject({ assignmentId: assigned.body.id, reviewerId: reviewer.principalId });
    const progress = await svc.call('GET', `/programmes/${programme.id}/review-progress`, manager);
    expect(progress.body.reviewers[0]).toMatchObject({ overdue: 1, due: 0, done: 0 });
  });
});
