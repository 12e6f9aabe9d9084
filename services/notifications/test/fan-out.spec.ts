import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { waitFor } from '@exchange/messaging/testing';
import { FanOutService } from '../src/fan-out/fan-out.service';
import { applicationSubmitted, cohortOpened, event, NotificationsHarness, pilotStarted, programme, startupUpdated, type TestProgramme } from './support/harness';
import { Receiver } from './support/receiver';

/** An accelerator programme announced by the applications service when it is published. */
function programmePublished(p: TestProgramme) {
  const day = 86_400_000;
  return event('programme.published', {
    programme: p,
    name: '서울 가속기',
    nameLatin: 'Seoul Accelerator',
    hostCountry: 'KR',
    hostCity: 'Seoul',
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
    publishedAt: new Date().toISOString(),
  });
}

function cohortOfferMade(programmeId: string) {
  return event('cohort.offer_made', {
    cohortId: randomUUID(),
    programmeId,
    startupId: randomUUID(),
    group: 'A',
    offerId: randomUUID(),
    rank: 1,
    deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
}

/** Who receives what: tenant isolation, the programme projection, idempotent fan-out. */
describe('fan-out of consumed events to partner agencies', () => {
  const harness = new NotificationsHarness();
  const receiver = new Receiver();
  let redis: Redis;

  beforeAll(async () => {
    await receiver.start();
    await harness.start();
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  });
  afterAll(async () => {
    redis?.disconnect();
    await harness.stop();
    await receiver.stop();
  });

  const consumed = (id: string) =>
    waitFor(async () => (await harness.db.query(`SELECT 1 FROM notifications.events WHERE id = $1`, [id])).length === 1, { what: `event ${id} consumed` });
  const typesAt = (path: string) => receiver.forPath(path).map((r) => (JSON.parse(r.body) as { type: string }).type);
  const idsAt = (path: string) => receiver.forPath(path).map((r) => r.headers['webhook-id']);

  it('delivers an event only to agencies of its programme, and pilot/cohort events through the projection', async () => {
    const [organiser, partner, outsider] = [await harness.agency(), await harness.agency(), await harness.agency()];
    await harness.endpoint(organiser.key, receiver.url('/organiser'), ['*']);
    await harness.endpoint(partner.key, receiver.url('/partner'), ['pilot.*', 'application.submitted']);
    await harness.endpoint(outsider.key, receiver.url('/outsider'), ['*']);
    const p = programme(organiser.organisationId, [partner.organisationId]);

    const published = programmePublished(p);
    const submitted = applicationSubmitted(p);
    await harness.publish(published, submitted);
    await consumed(published.id);
    await consumed(submitted.id);
    // A pilot event of the earlier shape carries only the programme id: the projection filled by
    // programme.published says who may see it.
    const started = pilotStarted(p.id);
    await harness.publish(started);
    await waitFor(() => receiver.forPath('/organiser').length === 3 && receiver.forPath('/partner').length === 2, { what: 'the events at both agencies' });

    expect(idsAt('/organiser').sort()).toEqual([published.id, submitted.id, started.id].sort());
    expect(idsAt('/partner').sort()).toEqual([submitted.id, started.id].sort());
    const [stored] = await harness.db.query(`SELECT organisation_ids, programme_id FROM notifications.events WHERE id = $1`, [started.id]);
    expect(stored.programme_id).toBe(p.id);
    expect([...stored.organisation_ids].sort()).toEqual([organiser.organisationId, partner.organisationId].sort());

    // An event of another programme (the outsider's) reaches only the outsider.
    const other = applicationSubmitted(programme(outsider.organisationId));
    await harness.publish(other);
    await waitFor(() => receiver.forPath('/outsider').length === 1, { what: 'the outsider’s own event' });
    expect(idsAt('/outsider')).toEqual([other.id]);
    expect(receiver.forPath('/organiser')).toHaveLength(3);
    expect(receiver.forPath('/partner')).toHaveLength(2);
  });

  it('delivers a pilot event that names its programme to the programme’s agencies at once, its earlier fields unchanged', async () => {
    const [organiser, partner, outsider] = [await harness.agency(), await harness.agency(), await harness.agency()];
    await harness.endpoint(partner.key, receiver.url('/named-partner'), ['pilot.*']);
    await harness.endpoint(outsider.key, receiver.url('/named-outsider'), ['*']);
    const p = programme(organiser.organisationId, [partner.organisationId]);
    // No event of this programme came before: the event's own programme says who may see it.
    const earlier = pilotStarted(p.id);
    const started = event('pilot.started', { ...earlier.data, programme: p });
    await harness.publish(started);
    await waitFor(() => receiver.forPath('/named-partner').length === 1, { what: 'the pilot event at the partner' });
    const body = JSON.parse(receiver.forPath('/named-partner')[0].body) as { type: string; data: Record<string, unknown> };
    expect(body).toMatchObject({ type: 'pilot.started', data: { ...earlier.data, programme: p } });
    expect(receiver.forPath('/named-outsider')).toHaveLength(0);
  });

  it('delivers a cohort event of a programme never seen before at once, because it names its programme', async () => {
    const [organiser, partner, outsider] = [await harness.agency(), await harness.agency(), await harness.agency()];
    await harness.endpoint(partner.key, receiver.url('/first-of-programme'), ['cohort.*']);
    await harness.endpoint(outsider.key, receiver.url('/first-of-programme-outsider'), ['*']);
    const p: TestProgramme = { ...programme(organiser.organisationId, [partner.organisationId]), kind: 'accelerator' };
    // The programme's first event anywhere: no application, no programme.published before it.
    const opened = event('cohort.opened', { ...cohortOpened(p.id).data, programme: p });
    await harness.publish(opened);
    await waitFor(() => receiver.forPath('/first-of-programme').length === 1, { what: 'the cohort event at the partner' });
    expect(idsAt('/first-of-programme')).toEqual([opened.id]);
    const [stored] = await harness.db.query(`SELECT organisation_ids FROM notifications.events WHERE id = $1`, [opened.id]);
    expect([...stored.organisation_ids].sort()).toEqual([organiser.organisationId, partner.organisationId].sort());
    expect(receiver.forPath('/first-of-programme-outsider')).toHaveLength(0);
  });

  it('gives an event of the earlier shape (programme id alone) of a programme never seen no audience, and holds nothing', async () => {
    const agency = await harness.agency();
    await harness.endpoint(agency.key, receiver.url('/earlier-shape'), ['cohort.*', 'application.*']);
    const p = programme(agency.organisationId);
    const opened = cohortOpened(p.id);
    await harness.publish(opened);
    await consumed(opened.id);
    const submitted = applicationSubmitted(p);
    await harness.publish(submitted);
    await waitFor(() => receiver.forPath('/earlier-shape').length === 1, { what: 'the application event' });
    // The programme became known after the cohort event was recorded: the cohort event stays undelivered.
    const [stored] = await harness.db.query(`SELECT organisation_ids FROM notifications.events WHERE id = $1`, [opened.id]);
    expect(stored.organisation_ids).toEqual([]);
    await consumed(submitted.id);
    expect(typesAt('/earlier-shape')).toEqual(['application.submitted']);
  });

  it('learns a programme nobody applied to from programme.published: its cohort events reach the partner agency', async () => {
    const [organiser, partner, outsider] = [await harness.agency(), await harness.agency(), await harness.agency()];
    await harness.endpoint(partner.key, receiver.url('/published-partner'), ['cohort.*', 'programme.*']);
    await harness.endpoint(outsider.key, receiver.url('/published-outsider'), ['*']);
    const p: TestProgramme = { ...programme(organiser.organisationId, [partner.organisationId]), kind: 'accelerator' };

    const published = programmePublished(p);
    await harness.publish(published);
    await consumed(published.id);
    // Startups reached the cohort through pilots: no application event of this programme ever exists.
    const opened = cohortOpened(p.id);
    const offer = cohortOfferMade(p.id);
    await harness.publish(opened, offer);
    const closed = event('programme.closed', { programme: p, closedAt: new Date().toISOString() });
    await harness.publish(closed);
    await waitFor(() => receiver.forPath('/published-partner').length === 4, { what: 'the programme and cohort events at the partner' });

    expect(idsAt('/published-partner').sort()).toEqual([published.id, opened.id, offer.id, closed.id].sort());
    const [stored] = await harness.db.query(`SELECT organisation_ids FROM notifications.events WHERE id = $1`, [offer.id]);
    expect([...stored.organisation_ids].sort()).toEqual([organiser.organisationId, partner.organisationId].sort());
    expect(receiver.forPath('/published-outsider')).toHaveLength(0);
  });

  it('sends events without a programme (startup.*) to no agency, and webhook.endpoint_disabled to its own organisation only', async () => {
    const [owner, other] = [await harness.agency(), await harness.agency()];
    const ownEndpoint = await harness.endpoint(owner.key, receiver.url('/owner-ops'), ['webhook.*', 'startup.*']);
    await harness.endpoint(other.key, receiver.url('/other-ops'), ['*']);
    const updated = startupUpdated();
    await harness.publish(updated);
    await consumed(updated.id);

    const disabled = event('webhook.endpoint_disabled', {
      endpointId: randomUUID(),
      organisationId: owner.organisationId,
      url: 'https://old.partner.example/hook',
      reason: 'no_success',
      lastSuccessAt: null,
    });
    await harness.publish(disabled);
    await waitFor(() => receiver.forPath('/owner-ops').length === 1, { what: 'the owner told' });
    expect(typesAt('/owner-ops')).toEqual(['webhook.endpoint_disabled']);
    expect(receiver.forPath('/other-ops')).toHaveLength(0);
    expect(await harness.deliveries(ownEndpoint.id)).toHaveLength(1);
  });

  it('fans out the same event consumed twice into one delivery per endpoint and one attempt', async () => {
    const agency = await harness.agency();
    const a = await harness.endpoint(agency.key, receiver.url('/twice-a'), ['*']);
    const b = await harness.endpoint(agency.key, receiver.url('/twice-b'), ['application.*']);
    const submitted = applicationSubmitted(programme(agency.organisationId));

    // Consumed twice by the fan-out itself (as a second consumer group, or a replayed topic, would).
    const fanOut = harness.get(FanOutService);
    // On the service's own DataSource, whose commit hook starts the first attempts (the harness's
    // DataSource has no such hook: its deliveries would wait for a sweeper, maybe another test's instance).
    const serviceDb = harness.get(DataSource);
    const first = await serviceDb.transaction((tx) => fanOut.fanOut(submitted, tx));
    const second = await serviceDb.transaction((tx) => fanOut.fanOut(submitted, tx));
    expect(first).toHaveLength(2);
    expect(second).toEqual([]);
    // And published twice to Kafka: the inbox skips it.
    await harness.publish(submitted, submitted);

    await waitFor(() => receiver.forPath('/twice-a').length === 1 && receiver.forPath('/twice-b').length === 1, { what: 'one request each' });
    const rows = [...(await harness.deliveries(a.id)), ...(await harness.deliveries(b.id))];
    expect(rows).toHaveLength(2);
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set([submitted.id]));
    // One attempt per delivery, made straight after the first commit: the queue never had a job for either.
    const stream = (await redis.xrange(`bull:${harness.queue}:events`, '-', '+')) as Array<[string, string[]]>;
    for (const row of rows) {
      // Recorded once the answer is in, batched with other successes: the partner may have it first.
      await waitFor(async () => (await harness.attempts(row.id)).length > 0, { what: 'the attempt recorded' });
      expect((await harness.attempts(row.id)).map((attempt) => attempt.attempt_number)).toEqual([1]);
      expect(stream.filter(([, f]) => f[3] === row.id)).toEqual([]);
    }
    await waitFor(async () => (await harness.db.query(`SELECT 1 FROM notifications.inbox WHERE consumer = $1 AND event_id = $2`, [harness.name, submitted.id])).length === 1);
    // The duplicate message has been processed once an event with the same key (same partition), published after it, is.
    const marker = applicationSubmitted(programme(randomUUID()), submitted.data.startupId);
    await harness.publish(marker);
    await consumed(marker.id);
    expect(receiver.forPath('/twice-a')).toHaveLength(1);
    expect(receiver.forPath('/twice-b')).toHaveLength(1);
  });
});
