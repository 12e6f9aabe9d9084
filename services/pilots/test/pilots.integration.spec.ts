import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CONSUMED_TOPICS, deleteTopics, ensureTopics } from '@exchange/messaging';
import { testKafkaSettings, uniqueName } from '@exchange/messaging/testing';
import type { RunningService } from '@exchange/platform';
import { createTestOrganisation, issueTestApiKey, startServiceInProcess, withProviders, type TestApiKey } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema } from '../src/config';
import { OverdueSweeper } from '../src/overdue/overdue.sweeper';
import { approveBody, call, insertCandidate, knownProgramme, reportBody, siteBody } from './helpers';

/**
 * The pilots service running in-process against the real PostgreSQL, Redis and Kafka. It consumes
 * from a topic of its own (and a consumer group of its own), so parallel runs cannot steal its events.
 */
describe('pilots service', () => {
  const topic = uniqueName('test.applications');
  const kafka = testKafkaSettings('pilots-test');
  let running: RunningService;
  let db: DataSource;
  let host: TestApiKey;
  let otherHost: TestApiKey;
  let manager: TestApiKey;
  let startup: TestApiKey;

  const api = (key: TestApiKey | null, method: string, path: string, body?: unknown) => call(running.url, key, method, path, body);

  beforeAll(async () => {
    await ensureTopics(kafka, [{ topic, numPartitions: 2 }]);
    running = await startServiceInProcess(
      { name: uniqueName('pilots'), module: withProviders(AppModule, [{ provide: CONSUMED_TOPICS, useValue: [topic] }]), schema: pilotsConfigSchema },
      { PILOTS_OVERDUE_SWEEP_INTERVAL_MS: '3600000' },
    );
    db = running.app.get(DataSource);
    host = await issueTestApiKey(db, { role: 'host' });
    otherHost = await issueTestApiKey(db, { role: 'host' });
    manager = await issueTestApiKey(db, { role: 'programme_manager' });
    startup = await issueTestApiKey(db, { role: 'startup' });
  });

  afterAll(async () => {
    await running?.close();
    await deleteTopics(kafka, [topic]).catch(() => undefined);
  });

  async function outboxOf(type: string, key: string): Promise<Array<{ payload: any }>> {
    return db.query(`SELECT payload FROM pilots.outbox WHERE type = $1 AND key = $2 ORDER BY seq`, [type, key]);
  }

  it('lets exactly one of two approvals racing for the last slot win', async () => {
    const programmeId = randomUUID();
    const a = await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!] });
    const b = await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!] });
    // A new site with one slot gets both candidates proposed at once.
    const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { capacity: 1 }));
    expect(site.status).toBe(201);
    const proposals = (await api(manager, 'GET', `/match-proposals?siteId=${site.body.id}`)).body.items;
    expect(proposals.map((p: any) => p.candidateId).sort()).toEqual([a.id, b.id].sort());

    const results = await Promise.all(proposals.map((p: any) => api(manager, 'POST', `/match-proposals/${p.id}/approve`, approveBody)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ code: 'MATCH_PROPOSAL.SITE_AT_CAPACITY', capacity: 1, activePilots: 1 });
    expect((await api(host, 'GET', `/pilot-sites/${site.body.id}`)).body).toMatchObject({ capacity: 1, activePilots: 1 });
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM pilots.pilots WHERE site_id = $1`, [site.body.id]);
    expect(count).toBe(1);
  });

  /** A pilot in `state`, driven there through the API. */
  async function pilotIn(state: 'approved' | 'scheduled' | 'in_progress' | 'completed' | 'cancelled') {
    const programmeId = randomUUID();
    const candidate = await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!] });
    const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { capacity: 1 }));
    const [proposal] = (await api(manager, 'GET', `/match-proposals?siteId=${site.body.id}`)).body.items;
    const approved = await api(manager, 'POST', `/match-proposals/${proposal.id}/approve`, approveBody);
    expect(approved.status).toBe(200);
    const id = approved.body.id as string;
    const steps: Record<string, Array<[string, unknown]>> = {
      approved: [],
      scheduled: [['schedule', { startsOn: '2026-04-01' }]],
      in_progress: [['schedule', { startsOn: '2026-04-01' }], ['start', {}]],
      completed: [['schedule', { startsOn: '2026-04-01' }], ['start', {}], ['complete', reportBody]],
      cancelled: [['cancel', { reason: 'Ward closed' }]],
    };
    for (const [action, body] of steps[state]) {
      const res = await api(action === 'cancel' ? manager : host, 'POST', `/pilots/${id}/${action}`, body);
      expect(res.status).toBe(200);
    }
    return { id, proposalId: proposal.id as string, siteId: site.body.id as string, startupId: candidate.startupId };
  }

  const ACTIONS: Record<string, unknown> = {
    schedule: { startsOn: '2026-05-01' },
    start: {},
    complete: reportBody,
    cancel: { reason: 'No longer needed' },
  };
  const ALLOWED: Record<string, string[]> = {
    approved: ['schedule', 'cancel'],
    scheduled: ['start', 'cancel'],
    in_progress: ['complete', 'cancel'],
    completed: [],
    cancelled: [],
  };
  const illegal = Object.entries(ALLOWED).flatMap(([state, allowed]) =>
    Object.keys(ACTIONS)
      .filter((action) => !allowed.includes(action))
      .map((action) => ({ state, action })),
  );

  describe('every illegal lifecycle transition answers 409 with the current state', () => {
    const pilots = new Map<string, Awaited<ReturnType<typeof pilotIn>>>();
    beforeAll(async () => {
      for (const state of Object.keys(ALLOWED)) pilots.set(state, await pilotIn(state as never));
    });

    it.each(illegal)('$action from $state', async ({ state, action }) => {
      const pilot = pilots.get(state)!;
      const res = await api(action === 'cancel' ? manager : host, 'POST', `/pilots/${pilot.id}/${action}`, ACTIONS[action]);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'PILOT.ILLEGAL_TRANSITION', currentState: state });
      expect((await api(host, 'GET', `/pilots/${pilot.id}`)).body.state).toBe(state);
    });

    it('a decided proposal cannot be approved or declined again', async () => {
      const { proposalId } = pilots.get('approved')!;
      const again = await api(manager, 'POST', `/match-proposals/${proposalId}/approve`, approveBody);
      expect(again).toMatchObject({ status: 409, body: { code: 'MATCH_PROPOSAL.ALREADY_DECIDED', currentState: 'approved' } });
      const decline = await api(manager, 'POST', `/match-proposals/${proposalId}/decline`, { reason: 'late' });
      expect(decline).toMatchObject({ status: 409, body: { currentState: 'approved' } });
    });

    it('a stale version answers 409', async () => {
      const { id } = pilots.get('approved')!;
      const res = await api(host, 'POST', `/pilots/${id}/schedule`, { startsOn: '2026-05-01', version: 99 });
      expect(res).toMatchObject({ status: 409, body: { code: 'PILOT.STALE_VERSION', currentState: 'approved' } });
    });

    it('the completed pilot carries its final report and freed its slot; events were published in order', async () => {
      const { id, siteId, startupId } = pilots.get('completed')!;
      const pilot = (await api(startup.startupId === startupId ? startup : host, 'GET', `/pilots/${id}`)).body;
      expect(pilot).toMatchObject({ state: 'completed', reportStatus: 'filed', durationDays: 30 });
      expect(pilot.report).toMatchObject({ outcome: 'success', adoption: 'buy', contractValue: 1500000, contractCurrency: 'RUB' });
      expect(pilot.report.results).toEqual([
        { criterion: 'triage_time_reduction', target: 20, value: 24, met: true },
        { criterion: 'staff_satisfaction', target: 4, value: 3.5, met: false, note: 'Night shift only.' },
      ]);
      expect((await api(host, 'GET', `/pilot-sites/${siteId}`)).body.activePilots).toBe(0);
      const types: Array<{ type: string }> = await db.query(`SELECT type FROM pilots.outbox WHERE key = $1 ORDER BY seq`, [startupId]);
      expect(types.map((t) => t.type)).toEqual(['pilot.match_proposed', 'pilot.approved', 'pilot.scheduled', 'pilot.started', 'pilot.completed']);
      const [completed] = await outboxOf('pilot.completed', startupId);
      expect(completed.payload).toMatchObject({ outcome: 'success', adoption: 'buy', contractValue: 1500000 });
      // Each names its programme and who runs it, as the projection knows it.
      const payloads: Array<{ payload: { programmeId: string; programme: { id: string; kind: string } } }> = await db.query(
        `SELECT payload FROM pilots.outbox WHERE key = $1 ORDER BY seq`,
        [startupId],
      );
      for (const { payload } of payloads) expect(payload.programme).toMatchObject({ id: payload.programmeId, kind: 'pilot' });
    });
  });

  it('flags pilots past their end date without a report as overdue, then very late, once per level, with concurrent sweeps', async () => {
    const late = await pilotIn('in_progress');
    const veryLate = await pilotIn('in_progress');
    const day = 86_400_000;
    const now = new Date();
    const setEnd = (id: string, daysAgo: number) =>
      db.query(`UPDATE pilots.pilots SET planned_start_at = $2, planned_end_at = $3 WHERE id = $1`, [
        id,
        new Date(now.getTime() - (daysAgo + 30) * day),
        new Date(now.getTime() - daysAgo * day),
      ]);
    await setEnd(late.id, 2);
    await setEnd(veryLate.id, 20);

    const sweeper = running.app.get(OverdueSweeper);
    // Two instances sweeping at the same moment (each its own transaction) flag each level once.
    await Promise.all([sweeper.sweep(now), sweeper.sweep(now), sweeper.sweep(now)]);
    await sweeper.sweep(now);
    const severities = async (startupId: string) => (await outboxOf('pilot.report_overdue', startupId)).map((e) => e.payload.severity);
    expect(await severities(late.startupId)).toEqual(['overdue']);
    expect(await severities(veryLate.startupId)).toEqual(['very_late']);
    expect((await api(host, 'GET', `/pilots/${late.id}`)).body.reportStatus).toBe('overdue');
    expect((await api(host, 'GET', `/pilots/${veryLate.id}`)).body.reportStatus).toBe('very_late');
    const overdueList = await api(host, 'GET', '/pilots?report=overdue&state=in_progress&limit=100');
    expect(overdueList.body.items.map((p: any) => p.id)).toEqual(expect.arrayContaining([late.id, veryLate.id]));

    // Two weeks on, the overdue one becomes very late: one more event, then nothing.
    const later = new Date(now.getTime() + 14 * day);
    await Promise.all([sweeper.sweep(later), sweeper.sweep(later)]);
    expect(await severities(late.startupId)).toEqual(['overdue', 'very_late']);
    expect(await severities(veryLate.startupId)).toEqual(['very_late']);
    const [event] = await outboxOf('pilot.report_overdue', veryLate.startupId);
    expect(event.payload).toMatchObject({ pilotId: veryLate.id, endedOn: new Date(now.getTime() - 20 * day).toISOString().slice(0, 10) });

    // Filing the report ends it: a completed pilot is never flagged again.
    expect((await api(host, 'POST', `/pilots/${late.id}/complete`, reportBody)).status).toBe(200);
    expect((await api(host, 'GET', `/pilots/${late.id}`)).body.reportStatus).toBe('filed');
  });

  it('lets a partner organisation read a programme’s proposals and pilots, while only the organiser decides and cancels', async () => {
    const partner = await createTestOrganisation(db);
    const partnerManager = await issueTestApiKey(db, { role: 'programme_manager', organisationId: partner.id });
    const liaison = await issueTestApiKey(db, { role: 'partner_agency', organisationId: partner.id });
    const programmeId = randomUUID();
    await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!, partner.id] });
    await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!, partner.id] });
    const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { capacity: 2 }));
    const proposals = (await api(liaison, 'GET', `/match-proposals?programmeId=${programmeId}`)).body.items;
    expect(proposals).toHaveLength(2);
    const [first, second] = proposals;
    expect((await api(partnerManager, 'GET', `/match-proposals/${first.id}`)).status).toBe(200);

    for (const action of ['approve', 'decline']) {
      const refused = await api(partnerManager, 'POST', `/match-proposals/${first.id}/${action}`, action === 'approve' ? approveBody : { reason: 'no' });
      expect(refused).toMatchObject({ status: 403, body: { code: 'MATCH_PROPOSAL.NOT_ORGANISER' } });
    }
    expect((await api(manager, 'GET', `/match-proposals/${first.id}`)).body).toMatchObject({ state: 'proposed', version: first.version });

    const pilot = await api(manager, 'POST', `/match-proposals/${first.id}/approve`, approveBody);
    expect(pilot.status).toBe(200);
    expect((await api(manager, 'POST', `/match-proposals/${second.id}/decline`, { reason: 'One pilot at a time.' })).status).toBe(200);
    expect((await api(liaison, 'GET', `/pilots/${pilot.body.id}`)).body.state).toBe('approved');
    const cancel = await api(partnerManager, 'POST', `/pilots/${pilot.body.id}/cancel`, { reason: 'Not ours.' });
    expect(cancel).toMatchObject({ status: 403, body: { code: 'PILOT.NOT_ORGANISER' } });
    expect((await api(host, 'GET', `/pilot-sites/${site.body.id}`)).body.activePilots).toBe(1);
    expect((await api(host, 'POST', `/pilots/${pilot.body.id}/cancel`, { reason: 'The ward closed.' })).body.state).toBe('cancelled');
  });

  it('never proposes startups of a programme a site was not legitimately attached to', async () => {
    const draft = randomUUID();
    await insertCandidate(db, { programmeId: draft, organisationIds: [randomUUID()] });
    await db.query(`DELETE FROM pilots.programmes WHERE id = $1`, [draft]); // never announced: a draft
    const site = await api(host, 'POST', '/pilot-sites', siteBody(await knownProgramme(db)));
    expect(site.status).toBe(201);
    // A row written before sites were checked carries the draft's id; freeing capacity rematches the site.
    await db.query(`UPDATE pilots.pilot_sites SET programme_ids = programme_ids || $2::uuid WHERE id = $1`, [site.body.id, draft]);
    expect((await api(host, 'PATCH', `/pilot-sites/${site.body.id}`, { version: site.body.version, capacity: 5 })).status).toBe(200);
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pilots.match_proposals WHERE programme_id = $1`, [draft]);
    expect(n).toBe(0);
  });

  it('answers 401 without a key, 403 for a wrong role and 404 for another host’s site', async () => {
    const programmeId = await knownProgramme(db);
    const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId.toUpperCase()));
    expect(site).toMatchObject({ status: 201, body: { programmeIds: [programmeId] } });
    expect((await api(null, 'GET', `/pilot-sites/${site.body.id}`)).status).toBe(401);
    expect((await api(startup, 'POST', '/pilot-sites', siteBody(programmeId))).status).toBe(403);
    expect((await api(otherHost, 'GET', `/pilot-sites/${site.body.id}`)).status).toBe(404);
    expect((await api(otherHost, 'PATCH', `/pilot-sites/${site.body.id}`, { version: 1, capacity: 5 })).status).toBe(404);
    const bad = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { minTrl: 8, maxTrl: 3, timeZone: 'Mars/Olympus' }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: any) => e.field)).toContain('timeZone');
  });
});
