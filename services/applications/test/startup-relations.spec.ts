import { randomUUID } from 'node:crypto';
import { createEvent, envelopeHeaders, type EventEnvelope } from '@exchange/contracts';
import { CONSUMED_TOPICS, createKafka, deleteTopics, ensureTopics, idempotentProducerConfig } from '@exchange/messaging';
import { testKafkaSettings, uniqueName } from '@exchange/messaging/testing';
import { waitFor, type TestApiKey } from '@exchange/platform/testing';
import { createPublishedProgramme, registerStartup, type Service, startApplications } from './helpers';

type Registered = Awaited<ReturnType<typeof registerStartup>>;

/**
 * DESIGN.md §9 (issue 12, finding 4): staff of organisations whose sites a startup pilots at or whose
 * cohorts it joined see its full profile. The applications service learns both from the pilots and
 * cohorts topics. It runs here in-process against the real PostgreSQL and Kafka, consuming topics of
 * its own under a consumer group of its own, so parallel runs cannot steal its events.
 */
describe('startups: relations learned from pilot and cohort events', () => {
  const kafka = testKafkaSettings('applications-relations-test');
  const pilotsTopic = uniqueName('test.pilots');
  const cohortsTopic = uniqueName('test.cohorts');
  let svc: Service;
  let producer: ReturnType<ReturnType<typeof createKafka>['producer']>;
  let host: { id: string; manager: TestApiKey; admin: TestApiKey };
  let otherHost: { id: string; manager: TestApiKey };
  let organiser: { id: string; manager: TestApiKey; admin: TestApiKey };
  let partnerManager: TestApiKey;
  let programmeId: string;
  let pilotStartup: Registered;
  let cohortStartup: Registered;
  const tag = `rel${Date.now().toString(36)}`;

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { topic: pilotsTopic, numPartitions: 2 },
      { topic: cohortsTopic, numPartitions: 2 },
    ]);
    svc = await startApplications({}, uniqueName('applications'), [{ provide: CONSUMED_TOPICS, useValue: [pilotsTopic, cohortsTopic] }]);
    producer = createKafka(kafka).producer(idempotentProducerConfig());
    await producer.connect();

    const [hostOrg, otherHostOrg, organiserOrg, partnerOrg] = await Promise.all([
      svc.organisation('partner_agency', 'RU'),
      svc.organisation('partner_agency', 'RU'),
      svc.organisation('organising_agency', 'KR'),
      svc.organisation('partner_agency', 'KR'),
    ]);
    host = { id: hostOrg.id, manager: await svc.key('programme_manager', { organisationId: hostOrg.id }), admin: await svc.key('admin', { organisationId: hostOrg.id }) };
    otherHost = { id: otherHostOrg.id, manager: await svc.key('programme_manager', { organisationId: otherHostOrg.id }) };
    organiser = {
      id: organiserOrg.id,
      manager: await svc.key('programme_manager', { organisationId: organiserOrg.id }),
      admin: await svc.key('admin', { organisationId: organiserOrg.id }),
    };
    partnerManager = await svc.key('programme_manager', { organisationId: partnerOrg.id });
    // An accelerator programme the cohort startups never applied to (cohorts also take startups from pilots).
    programmeId = (await createPublishedProgramme(svc, organiser.manager, { kind: 'accelerator', partnerOrganisationIds: [partnerOrg.id], eligibility: {} })).id;
    [pilotStartup, cohortStartup] = await Promise.all(['Pilot', 'Cohort'].map((who) => registerStartup(svc, { nameLatin: `${who} ${tag}` })));
  });

  afterAll(async () => {
    await producer?.disconnect();
    await svc?.close();
    await deleteTopics(kafka, [pilotsTopic, cohortsTopic]).catch(() => undefined);
  });

  async function publish(topic: string, envelope: EventEnvelope, key: string) {
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify(envelope.data), headers: envelopeHeaders(envelope) }] });
  }

  /** Resolves once the consumer applied the event (its inbox row commits with the effect). */
  async function applied(eventId: string): Promise<void> {
    await waitFor(async () => (await svc.dataSource.query(`SELECT 1 FROM applications.inbox WHERE event_id = $1`, [eventId])).length > 0, {
      timeoutMs: 45_000,
      what: `event ${eventId} in the applications inbox`,
    });
  }

  const relationsOf = (startupId: string): Promise<Array<{ organisation_id: string; kind: string; since: Date; subject_id: string }>> =>
    svc.dataSource.query(`SELECT organisation_id, kind, since, subject_id FROM applications.startup_relations WHERE startup_id = $1 ORDER BY kind, organisation_id`, [
      startupId,
    ]);

  function pilotEvent<T extends 'pilot.approved' | 'pilot.started' | 'pilot.match_proposed'>(type: T, startupId: string, hostOrgId: string, pilotId: string, time?: Date) {
    const base = { startupId, programmeId: randomUUID(), siteId: randomUUID(), hostOrgId };
    const data = {
      'pilot.approved': {
        ...base,
        pilotId,
        proposalId: randomUUID(),
        successCriteria: [{ name: 'Triage time', unit: 'minutes', target: 10 }],
        durationDays: 90,
        hostOwner: 'Dr. Ivanova',
        approvedBy: randomUUID(),
      },
      'pilot.started': { ...base, pilotId, startedAt: new Date().toISOString() },
      'pilot.match_proposed': {
        ...base,
        proposalId: randomUUID(),
        score: 0.8,
        components: { fieldOverlap: 1, readinessFit: 1, languageOverlap: 1, capacityAndDates: 1, cityNeeds: 0 },
        reasons: ['fields match'],
      },
    }[type];
    return createEvent({ type, source: '/services/pilots', subject: pilotId, data: data as never, time });
  }

  function offerAccepted(startupId: string, programme: string) {
    return createEvent({
      type: 'cohort.offer_accepted',
      source: '/services/cohorts',
      data: { cohortId: randomUUID(), programmeId: programme, startupId, group: 'A', offerId: randomUUID() },
    });
  }

  const profileOf = async (id: string, key: TestApiKey): Promise<string> => {
    const res = await svc.call('GET', `/startups/${id}`, key);
    expect(res.status).toBe(200);
    if (res.body.profile === 'public') for (const field of ['registrationNumber', 'contact', 'team']) expect(Object.keys(res.body)).not.toContain(field);
    return res.body.profile as string;
  };
  const searchProfiles = async (key: TestApiKey): Promise<Record<string, string>> => {
    const res = await svc.call('GET', `/startups?q=${tag}&limit=200`, key);
    expect(res.status).toBe(200);
    return Object.fromEntries((res.body.items as Array<{ id: string; profile: string }>).map((item) => [item.id, item.profile]));
  };

  it('shows only the public profile to a host and a cohort organiser before any event', async () => {
    expect(await profileOf(pilotStartup.id, host.manager)).toBe('public');
    expect(await profileOf(cohortStartup.id, organiser.manager)).toBe('public');
    expect(await relationsOf(pilotStartup.id)).toEqual([]);
  });

  it("shows a pilot's host organisation the full profile once pilot.approved arrives, and no other host", async () => {
    const pilotId = randomUUID();
    const approved = pilotEvent('pilot.approved', pilotStartup.id, host.id, pilotId);
    await publish(pilotsTopic, approved, pilotId);
    await applied(approved.id);

    expect(await relationsOf(pilotStartup.id)).toEqual([{ organisation_id: host.id, kind: 'pilot', since: new Date(approved.time), subject_id: pilotId }]);
    for (const key of [host.manager, host.admin]) {
      expect(await profileOf(pilotStartup.id, key)).toBe('full');
      expect(await searchProfiles(key)).toEqual({ [pilotStartup.id]: 'full', [cohortStartup.id]: 'public' });
    }
    const full = await svc.call('GET', `/startups/${pilotStartup.id}`, host.manager);
    expect(full.body).toMatchObject({ registrationNumber: pilotStartup.startup.registrationNumber, contact: pilotStartup.startup.contact, team: pilotStartup.startup.team });
    // Another host, the startup's cohort organiser and the programme's partner learn nothing from it.
    for (const key of [otherHost.manager, organiser.manager, partnerManager]) expect(await profileOf(pilotStartup.id, key)).toBe('public');
  });

  it("shows the organiser of a joined cohort's programme the full profile once cohort.offer_accepted arrives, and nobody else", async () => {
    const accepted = offerAccepted(cohortStartup.id, programmeId);
    await publish(cohortsTopic, accepted, cohortStartup.id);
    await applied(accepted.id);

    expect(await relationsOf(cohortStartup.id)).toEqual([
      { organisation_id: organiser.id, kind: 'cohort', since: new Date(accepted.time), subject_id: accepted.data.cohortId },
    ]);
    for (const key of [organiser.manager, organiser.admin]) {
      expect(await profileOf(cohortStartup.id, key)).toBe('full');
      expect((await searchProfiles(key))[cohortStartup.id]).toBe('full');
    }
    // The programme's partner sees what the startup applied to, not a cohort it joined; hosts see nothing.
    for (const key of [partnerManager, host.manager, otherHost.manager]) expect(await profileOf(cohortStartup.id, key)).toBe('public');
  });

  it('writes one relation for an event delivered twice, and for later events of the same pilot', async () => {
    const startup = await registerStartup(svc, { nameLatin: `Twice ${tag}` });
    const pilotId = randomUUID();
    const approved = pilotEvent('pilot.approved', startup.id, otherHost.id, pilotId);
    const started = pilotEvent('pilot.started', startup.id, otherHost.id, pilotId);
    // One key: one partition, so the last event applied means the ones before it were handled.
    for (const event of [approved, approved, started]) await publish(pilotsTopic, event, pilotId);
    await applied(started.id);

    expect(await relationsOf(startup.id)).toEqual([{ organisation_id: otherHost.id, kind: 'pilot', since: new Date(approved.time), subject_id: pilotId }]);
    const inbox = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.inbox WHERE event_id = $1`, [approved.id]);
    expect(inbox).toEqual([{ n: 1 }]);
    expect(await profileOf(startup.id, otherHost.manager)).toBe('full');
    expect(await profileOf(startup.id, host.manager)).toBe('public');

    // An older event of another pilot at the same host moves `since` back; still one row.
    const earlier = pilotEvent('pilot.approved', startup.id, otherHost.id, randomUUID(), new Date(Date.now() - 86_400_000));
    await publish(pilotsTopic, earlier, pilotId);
    await applied(earlier.id);
    expect(await relationsOf(startup.id)).toEqual([{ organisation_id: otherHost.id, kind: 'pilot', since: new Date(earlier.time), subject_id: earlier.data.pilotId }]);
  });

  it('skips pilot events it does not handle and relations to nothing it knows, and goes on', async () => {
    const startup = await registerStartup(svc, { nameLatin: `Skipped ${tag}` });
    const key = randomUUID();
    const proposed = pilotEvent('pilot.match_proposed', startup.id, host.id, randomUUID());
    const unknownStartup = pilotEvent('pilot.approved', randomUUID(), host.id, randomUUID());
    const unknownHost = pilotEvent('pilot.approved', startup.id, randomUUID(), randomUUID());
    const sentinel = pilotEvent('pilot.approved', startup.id, otherHost.id, randomUUID());
    for (const event of [proposed, unknownStartup, unknownHost, sentinel]) await publish(pilotsTopic, event, key);
    const unknownProgramme = offerAccepted(startup.id, randomUUID());
    const cohortSentinel = offerAccepted(startup.id, programmeId);
    for (const event of [unknownProgramme, cohortSentinel]) await publish(cohortsTopic, event, key);
    await applied(sentinel.id);
    await applied(cohortSentinel.id);

    // A match proposal is nobody's relation: no inbox row (skipped, not applied), no relation.
    expect(await svc.dataSource.query(`SELECT 1 FROM applications.inbox WHERE event_id = $1`, [proposed.id])).toEqual([]);
    expect(await profileOf(startup.id, host.manager)).toBe('public');
    // Unknown startups, hosts and programmes are applied as no-ops, not retried or dead-lettered.
    const inbox = await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.inbox WHERE event_id = ANY($1)`, [[unknownStartup.id, unknownHost.id, unknownProgramme.id]]);
    expect(inbox).toEqual([{ n: 3 }]);
    expect(await svc.dataSource.query(`SELECT 1 FROM applications.startup_relations WHERE startup_id = $1`, [unknownStartup.data.startupId])).toEqual([]);
    expect((await relationsOf(startup.id)).map((r) => [r.kind, r.organisation_id])).toEqual([
      ['cohort', organiser.id],
      ['pilot', otherHost.id],
    ]);
  });
});
