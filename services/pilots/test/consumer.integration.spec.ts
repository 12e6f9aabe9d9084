import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, envelopeHeaders, type EventEnvelope } from '@exchange/contracts';
import { CONSUMED_TOPICS, createKafka, deleteTopics, ensureTopics, idempotentProducerConfig } from '@exchange/messaging';
import { testKafkaSettings, uniqueName } from '@exchange/messaging/testing';
import type { RunningService } from '@exchange/platform';
import { issueTestApiKey, startServiceInProcess, waitFor, withProviders, type TestApiKey } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema } from '../src/config';
import { ApplicationsConsumer } from '../src/consumers/applications.consumer';
import { call, knownProgramme, siteBody } from './helpers';

/**
 * The pilots service running in-process against the real PostgreSQL, Redis and Kafka. It consumes
 * from a topic of its own (and a consumer group of its own), so parallel runs cannot steal its events.
 */
describe('pilots service consuming exchange.applications.v1', () => {
  const topic = uniqueName('test.applications');
  const kafka = testKafkaSettings('pilots-test');
  let running: RunningService;
  let db: DataSource;
  let host: TestApiKey;
  let otherHost: TestApiKey;
  let manager: TestApiKey;
  let otherManager: TestApiKey;
  let startup: TestApiKey;
  let producer: ReturnType<ReturnType<typeof createKafka>['producer']>;

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
    otherManager = await issueTestApiKey(db, { role: 'programme_manager' });
    startup = await issueTestApiKey(db, { role: 'startup' });
    producer = createKafka(kafka).producer(idempotentProducerConfig());
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await running?.close();
    await deleteTopics(kafka, [topic]).catch(() => undefined);
  });

  async function publish(envelope: EventEnvelope, key: string) {
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(envelope.data), headers: envelopeHeaders(envelope) }] });
  }

  async function inboxHas(eventId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM pilots.inbox WHERE event_id = $1`, [eventId]);
    return rows.length > 0;
  }

  async function outboxOf(type: string, key: string): Promise<Array<{ payload: any }>> {
    return db.query(`SELECT payload FROM pilots.outbox WHERE type = $1 AND key = $2 ORDER BY seq`, [type, key]);
  }

  function accepted(programmeId: string, startupId: string, kind: 'pilot' | 'accelerator' = 'pilot') {
    return createEvent({
      type: 'application.accepted',
      source: '/services/applications',
      data: {
        applicationId: randomUUID(),
        startupId,
        programme: { id: programmeId, kind, organiserOrgId: manager.organisationId!, partnerOrgIds: [randomUUID()] },
        reason: 'Strong team',
        score: 8.5,
        decidedBy: randomUUID(),
        decidedAt: new Date().toISOString(),
        startup: {
          id: startupId,
          name: '메디AI',
          nameLatin: 'MediAI',
          country: 'KR',
          technologyFields: ['medtech', 'ai', 'emergency_care'],
          readinessLevel: 7,
          languages: ['ko', 'en'],
        },
      },
    });
  }

  it('proposes a site created while an acceptance of its programme is being consumed (neither committed yet)', async () => {
    // Published before anyone applied, as in life.
    const programmeId = await knownProgramme(db, manager.organisationId!);
    const startupId = startup.startupId!;
    const handlers = running.app.get(ApplicationsConsumer).handlers;
    let recorded!: () => void;
    let commit!: () => void;
    const recordedNow = new Promise<void>((resolve) => (recorded = resolve));
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    // The consumer has written the candidate and matched it against the sites it can see (none)…
    const consuming = db.transaction(async (tx) => {
      await handlers['application.accepted']!(accepted(programmeId, startupId) as never, tx);
      recorded();
      await mayCommit;
    });
    await recordedNow;
    // …when the host publishes a site of that programme: it must wait and then see the candidate.
    let siteAnswered = false;
    const created = api(host, 'POST', '/pilot-sites', siteBody(programmeId)).then((res) => ((siteAnswered = true), res));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answeredFirst = siteAnswered;
    commit();
    await consuming;
    const site = await created;

    expect(answeredFirst).toBe(false);
    expect(site.status).toBe(201);
    const proposals = await api(manager, 'GET', `/match-proposals?programmeId=${programmeId}`);
    expect(proposals.body.items.map((p: any) => [p.siteId, p.startupId])).toEqual([[site.body.id, startupId]]);
  });

  it('turns an application.accepted from the broker into proposals with reasons; the same event twice gives one set', async () => {
    const programmeId = await knownProgramme(db, manager.organisationId!);
    const good = await api(host, 'POST', '/pilot-sites', siteBody(programmeId));
    const weaker = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { technologyFields: ['medtech', 'robotics'], needs: [] }));
    const unrelated = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { technologyFields: ['fintech'] }));
    expect([good.status, weaker.status, unrelated.status]).toEqual([201, 201, 201]);

    const startupId = startup.startupId!;
    const event = accepted(programmeId, startupId);
    await publish(event, startupId);
    await publish(event, startupId); // redelivery of the same event
    // An accelerator programme's acceptance is none of this service's business; on the same key it
    // is consumed after the duplicates, so once it is in the inbox both copies were seen.
    const marker = accepted(randomUUID(), startupId, 'accelerator');
    await publish(marker, startupId);
    await waitFor(() => inboxHas(marker.id), { timeoutMs: 45_000, what: 'the marker event consumed' });

    const mine = await api(startup, 'GET', `/match-proposals?programmeId=${programmeId}`);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((p: any) => p.siteId).sort()).toEqual([good.body.id, weaker.body.id].sort());
    const best = mine.body.items.find((p: any) => p.siteId === good.body.id);
    expect(best).toMatchObject({ state: 'proposed', startupId, programmeId, hostOrganisationId: host.organisationId, score: 1 });
    expect(best.components.map((c: any) => c.key)).toEqual(['field_overlap', 'readiness_fit', 'language_overlap', 'capacity_dates', 'city_needs']);
    expect(best.reasons).toContain("Shares 2 of the site's 2 technology fields (ai, medtech).");
    expect(best.reasons).toContain('The team speaks en, spoken on site.');
    expect((await outboxOf('pilot.match_proposed', startupId)).filter((e) => e.payload.programmeId === programmeId)).toHaveLength(2);

    // The same acceptance re-published under a new event id (e.g. an upstream outbox replay) changes nothing either.
    const replay = createEvent({ type: 'application.accepted', source: event.source, data: event.data });
    await publish(replay, startupId);
    await waitFor(() => inboxHas(replay.id), { timeoutMs: 45_000, what: 'the replayed event consumed' });
    const after = await api(manager, 'GET', `/match-proposals?programmeId=${programmeId}`);
    expect(after.body.items).toHaveLength(2);
    expect((await outboxOf('pilot.match_proposed', startupId)).filter((e) => e.payload.programmeId === programmeId)).toHaveLength(2);

    // Tenants: another manager may not even name this programme; another host cannot open the proposal.
    expect(await api(otherManager, 'GET', `/match-proposals?programmeId=${programmeId}`)).toMatchObject({
      status: 422,
      body: { code: 'MATCH_PROPOSAL.UNKNOWN_FILTER_ID', errors: [expect.objectContaining({ field: 'programmeId' })] },
    });
    expect((await api(otherHost, 'GET', `/match-proposals/${best.id}`)).status).toBe(404);
    expect((await api(host, 'GET', `/match-proposals/${best.id}`)).status).toBe(200);
  });

  it('lets a host attach a site to a pilot programme once it is published, and to no new site once it is closed', async () => {
    const programme = { id: randomUUID(), kind: 'pilot' as const, organiserOrgId: manager.organisationId!, partnerOrgIds: [otherManager.organisationId!] };
    const refusedField = async (res: { status: number; body: any }) => {
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'PILOT_SITE.PROGRAMME_NOT_OPEN_TO_SITES' });
      return res.body.errors.map((e: { field: string }) => e.field);
    };
    // Not announced yet (a draft, as far as this service knows): refused, nothing written.
    expect(await refusedField(await api(host, 'POST', '/pilot-sites', siteBody(programme.id)))).toEqual(['programmeIds.0']);

    const published = createEvent({
      type: 'programme.published',
      source: '/services/applications',
      data: {
        programme, name: 'Пилоты в больницах', nameLatin: 'Hospital pilots', hostCountry: 'RU', hostCity: 'Moscow',
        opensAt: '2026-01-01T00:00:00.000Z', closesAt: '2026-12-31T00:00:00.000Z', publishedAt: new Date().toISOString(),
      },
    });
    await publish(published, programme.id);
    await waitFor(() => inboxHas(published.id), { timeoutMs: 45_000, what: 'programme.published consumed' });
    const site = await api(host, 'POST', '/pilot-sites', siteBody(programme.id));
    expect(site.status).toBe(201);
    expect((await api(host, 'GET', `/pilot-sites?programmeId=${programme.id}`)).body.items.map((s: any) => s.id)).toEqual([site.body.id]);

    const closed = createEvent({ type: 'programme.closed', source: '/services/applications', data: { programme, closedAt: new Date().toISOString() } });
    await publish(closed, programme.id);
    await waitFor(() => inboxHas(closed.id), { timeoutMs: 45_000, what: 'programme.closed consumed' });
    expect(await refusedField(await api(otherHost, 'POST', '/pilot-sites', siteBody(programme.id)))).toEqual(['programmeIds.0']);
    // The site already in it keeps it through an update; adding it to another site is refused.
    const other = await api(host, 'POST', '/pilot-sites', siteBody(await knownProgramme(db)));
    expect((await api(host, 'PATCH', `/pilot-sites/${site.body.id}`, { version: site.body.version, capacity: 5, programmeIds: [programme.id] })).status).toBe(200);
    expect(await refusedField(await api(host, 'PATCH', `/pilot-sites/${other.body.id}`, { version: other.body.version, programmeIds: [programme.id] }))).toEqual([
      'programmeIds.0',
    ]);
    const [row] = await db.query(`SELECT kind, organiser_org_id, partner_org_ids, state FROM pilots.programmes WHERE id = $1`, [programme.id]);
    expect(row).toEqual({ kind: 'pilot', organiser_org_id: programme.organiserOrgId, partner_org_ids: programme.partnerOrgIds, state: 'closed' });
  });

});
