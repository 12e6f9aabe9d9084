import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createEvent, envelopeHeaders, topicOf, type EventEnvelope, type EventInput, type EventType } from '@exchange/contracts';
import { createKafka, idempotentProducerConfig } from '@exchange/messaging';
import { testKafkaSettings } from '@exchange/messaging/testing';
import type { RunningService } from '@exchange/platform';
import { waitFor } from '@exchange/platform/testing';
import { startCohorts } from './helpers';

/**
 * The running service consumes application.accepted and pilot.completed from the real topics.
 * Replaying every event (same ids: the inbox skips them; new ids, same content: the effects are
 * idempotent upserts keyed by startup, programme and pilot) leaves the database as it was.
 */
/**
 * Every spec that boots the cohorts service joins the consumer group `cohorts`; each join or leave
 * rebalances the group, so delivery may wait for a rebalance or two (session timeout 30 s).
 */
const DELIVERY_TIMEOUT_MS = 120_000;

describe('cohorts consumer: candidates from events, replay-safe', () => {
  let running: RunningService;
  let ds: DataSource;
  let producer: Producer;

  beforeAll(async () => {
    running = await startCohorts();
    ds = running.app.get(DataSource);
    producer = createKafka(testKafkaSettings('cohorts-replay-test')).producer(idempotentProducerConfig());
    await producer.connect();
  });
  afterAll(async () => {
    await producer?.disconnect();
    await running?.close();
  });

  function event<T extends EventType>(type: T, data: EventInput<T>, id?: string): EventEnvelope<T> {
    return createEvent({ type, data, source: '/test/cohorts-replay', id });
  }

  async function publish(events: EventEnvelope[]): Promise<void> {
    for (const e of events) {
      const data = e.data as { startupId?: string; programme?: { id: string } };
      const key = data.startupId ?? data.programme!.id;
      await producer.send({ topic: topicOf(e.type), acks: -1, messages: [{ key, value: JSON.stringify(e.data), headers: envelopeHeaders(e) }] });
    }
  }

  const inboxed = async (ids: string[]) => {
    const rows: unknown[] = await ds.query(`SELECT event_id FROM cohorts.inbox WHERE consumer = 'cohorts' AND event_id = ANY ($1::uuid[])`, [ids]);
    return rows.length === ids.length;
  };

  const snapshot = (startupIds: string[]) =>
    ds.query(`SELECT * FROM cohorts.candidates WHERE startup_id = ANY ($1::uuid[]) ORDER BY startup_id, programme_id NULLS FIRST`, [startupIds]);

  it('builds candidates from accepted applications and completed pilots, and a replay changes nothing', async () => {
    const organiser = randomUUID();
    const partner = randomUUID();
    const host = randomUUID();
    const accelerator = { id: randomUUID(), kind: 'accelerator' as const, organiserOrgId: organiser, partnerOrgIds: [partner] };
    const pilotProgramme = { id: randomUUID(), kind: 'pilot' as const, organiserOrgId: partner, partnerOrgIds: [] };
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    const startup = (id: string, name: string, country: string) => ({
      id, name, nameLatin: name, country, technologyFields: ['mobility', 'ai'], readinessLevel: 7, languages: ['en'],
    });
    const accepted = (startupId: string, programme: typeof accelerator | typeof pilotProgramme, score: number, name: string, country: string) =>
      event('application.accepted', {
        applicationId: randomUUID(), startupId, programme, reason: 'strong team', score, decidedBy: randomUUID(),
        decidedAt: '2027-01-05T10:00:00.000Z', startup: startup(startupId, name, country),
      });
    const completed = (startupId: string, outcome: 'success' | 'partial', pilotId = randomUUID()) =>
      event('pilot.completed', {
        pilotId, startupId, programmeId: pilotProgramme.id, siteId: randomUUID(), hostOrgId: host, outcome, adoption: 'buy',
        contractValue: 50000, results: [{ criterion: 'latency', target: 10, measured: 8 }], completedAt: '2027-02-01T00:00:00.000Z',
      });
    const events: EventEnvelope[] = [
      accepted(a, accelerator, 82.5, '모빌리티랩', 'KR'), // accelerator candidate with a score
      completed(a, 'success'), // recorded on a's candidate
      completed(a, 'partial'),
      accepted(b, pilotProgramme, 70, 'Городские датчики', 'RU'), // profile for a pilot-derived candidate
      completed(b, 'success'), // makes b selectable
      completed(c, 'success'), // no profile known: a pilot-derived candidate all the same
    ];
    // Acceptances come before pilots in life; the two topics are not ordered with each other, so the
    // test publishes the pilots once the acceptances are in.
    const acceptances = events.filter((e) => e.type === 'application.accepted');
    await publish(acceptances);
    await waitFor(() => inboxed(acceptances.map((e) => e.id)), { timeoutMs: DELIVERY_TIMEOUT_MS, what: 'the acceptances' });
    await publish(events.filter((e) => e.type !== 'application.accepted'));
    await waitFor(() => inboxed(events.map((e) => e.id)), { timeoutMs: DELIVERY_TIMEOUT_MS, what: 'the first delivery of every event' });

    const before = await snapshot([a, b, c]);
    const row = (startupId: string) => before.find((r: { startup_id: string }) => r.startup_id === startupId);
    expect(before).toHaveLength(3);
    expect(row(a)).toMatchObject({
      programme_id: accelerator.id, source: 'application', score: 82.5, startup_name: '모빌리티랩', country: 'KR',
      has_successful_pilot: true, programme_organisation_ids: [organiser, partner].sort(),
    });
    expect(row(a).pilot_outcomes.map((o: { outcome: string }) => o.outcome)).toEqual(['success', 'partial']);
    expect(row(b)).toMatchObject({ programme_id: null, source: 'pilot', startup_name: 'Городские датчики', has_successful_pilot: true });
    expect([...row(b).programme_organisation_ids].sort()).toEqual([partner, host].sort());
    expect(row(c)).toMatchObject({ programme_id: null, source: 'pilot', has_successful_pilot: true, programme_organisation_ids: [host] });

    // Replay: every event again with its own id (the inbox skips it), then with a new id and the same
    // content (the effect is idempotent). Each copy follows the original on its startup's partition,
    // so once the new-id copies are in the inbox, the same-id copies have been handled too.
    const copies = events.map((e) => ({ ...e, id: randomUUID() }));
    await publish(events.flatMap((e, i) => [e, copies[i]]));
    await waitFor(() => inboxed(copies.map((e) => e.id)), { timeoutMs: DELIVERY_TIMEOUT_MS, what: 'the replayed events' });

    expect(await snapshot([a, b, c])).toEqual(before);
    const [inbox] = await ds.query(`SELECT count(*)::int AS n FROM cohorts.inbox WHERE event_id = ANY ($1::uuid[])`, [events.map((e) => e.id)]);
    expect(inbox.n).toBe(events.length);
  }, 3 * DELIVERY_TIMEOUT_MS + 30_000);

  it('learns programmes from programme.published, programme.closed and accepted applications; an older event never overwrites a newer one', async () => {
    const programme = { id: randomUUID(), kind: 'accelerator' as const, organiserOrgId: randomUUID(), partnerOrgIds: [randomUUID()] };
    const fromAcceptance = { id: randomUUID(), kind: 'pilot' as const, organiserOrgId: randomUUID(), partnerOrgIds: [] };
    const published = (publishedAt: string) =>
      event('programme.published', {
        programme, name: 'Seoul Accelerator', nameLatin: null, hostCountry: 'KR', hostCity: 'Seoul',
        opensAt: '2027-01-01T00:00:00.000Z', closesAt: '2027-03-01T00:00:00.000Z', publishedAt,
      });
    const startupId = randomUUID();
    const first = [
      published('2027-01-01T00:00:00.000Z'),
      event('programme.closed', { programme, closedAt: '2027-03-01T00:00:00.000Z' }),
      event('application.accepted', {
        applicationId: randomUUID(), startupId, programme: fromAcceptance, reason: 'fit', score: 70, decidedBy: randomUUID(), decidedAt: '2027-01-05T10:00:00.000Z',
        startup: { id: startupId, name: 'Sensors', nameLatin: 'Sensors', country: 'KR', technologyFields: ['ai'], readinessLevel: 6, languages: ['en'] },
      }),
    ];
    // One after the other: the programme events have no startup key, so they may land on different partitions.
    for (const e of first) {
      await publish([e]);
      await waitFor(() => inboxed([e.id]), { timeoutMs: DELIVERY_TIMEOUT_MS, what: e.type });
    }
    const stale = published('2027-01-01T00:00:00.000Z');
    await publish([stale]);
    await waitFor(() => inboxed([stale.id]), { timeoutMs: DELIVERY_TIMEOUT_MS, what: 'the stale programme.published' });

    const rows = await ds.query(`SELECT id, kind, organiser_org_id, partner_org_ids, state FROM cohorts.programmes WHERE id = ANY ($1::uuid[]) ORDER BY kind`, [
      [programme.id, fromAcceptance.id],
    ]);
    expect(rows).toEqual([
      { id: programme.id, kind: 'accelerator', organiser_org_id: programme.organiserOrgId, partner_org_ids: programme.partnerOrgIds, state: 'closed' },
      { id: fromAcceptance.id, kind: 'pilot', organiser_org_id: fromAcceptance.organiserOrgId, partner_org_ids: [], state: 'published' },
    ]);
  }, 4 * DELIVERY_TIMEOUT_MS + 30_000);
});
