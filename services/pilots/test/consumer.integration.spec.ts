import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, envelopeHeaders, type EventEnvelope } from '@exchange/contracts';
import { createKafka, deleteTopics, ensureTopics, idempotentProducerConfig } from '@exchange/messaging';
import { testKafkaSettings, uniqueName } from '@exchange/messaging/testing';
import type { RunningService } from '@exchange/platform';
import { issueTestApiKey, startServiceInProcess, waitFor, type TestApiKey } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema } from '../src/config';
import { PilotsEventHandlers } from '../src/consumers/applications.consumer';
import { call, siteBody } from './helpers';

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
      { name: uniqueName('pilots'), module: AppModule, schema: pilotsConfigSchema },
      { PILOTS_APPLICATIONS_TOPIC: topic, PILOTS_OVERDUE_SWEEP_INTERVAL_MS: '3600000' },
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
    const programmeId = randomUUID();
    const startupId = startup.startupId!;
    const handlers = running.app.get(PilotsEventHandlers).handlers;
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
    const programmeId = randomUUID();
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

    // Tenants: another manager sees nothing of this programme; another host cannot open the proposal.
    expect((await api(otherManager, 'GET', `/match-proposals?programmeId=${programmeId}`)).body.items).toEqual([]);
    expect((await api(otherHost, 'GET', `/match-proposals/${best.id}`)).status).toBe(404);
    expect((await api(host, 'GET', `/match-proposals/${best.id}`)).status).toBe(200);
  });

});
