import { randomUUID } from 'node:crypto';
import { createEvent, type AnyEventEnvelope, type EventInput, type EventType, type ProgrammeRef } from '@exchange/contracts';
import { bearer, type TestApiKey } from '@exchange/platform/testing';
import { applyEvents, createPublishedProgramme, registerStartup, type Service, startApplications } from './helpers';

/**
 * Issue 17, part 3: agreements (MOUs) between two organisations over HTTP against the real database,
 * and the reciprocity report whose numbers come from the events the service's consumer applied. The
 * events are fed through the consumer group's own handler table inside a transaction, as the
 * EventConsumer applies them (no Kafka needed).
 */
describe('agreements and the reciprocity report', () => {
  let svc: Service;
  /** Party A: a Moscow agency (RU). */
  let moscow: { id: string; admin: TestApiKey; manager: TestApiKey; liaison: TestApiKey; reviewer: TestApiKey; host: TestApiKey };
  /** Party B: a Korean association (KR). */
  let seoul: { id: string; manager: TestApiKey; liaison: TestApiKey };
  /** Neither party. */
  let third: { id: string; admin: TestApiKey; manager: TestApiKey; liaison: TestApiKey };
  let startupKey: { key: string };

  const validBody = (over: Record<string, unknown> = {}) => ({
    counterpartOrganisationId: seoul.id,
    title: 'Moscow–Seoul startup exchange MOU',
    signedOn: '2025-12-10',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
    partyATarget: 4,
    ...over,
  });

  const agreementsOf = async (organisationId: string): Promise<number> =>
    (
      (await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.agreements WHERE party_a_organisation_id = $1 OR party_b_organisation_id = $1`, [
        organisationId,
      ])) as Array<{ n: number }>
    )[0].n;

  beforeAll(async () => {
    svc = await startApplications();
    const [m, s, t] = await Promise.all([svc.organisation('organising_agency', 'RU'), svc.organisation('partner_agency', 'KR'), svc.organisation('partner_agency', 'RU')]);
    moscow = {
      id: m.id,
      admin: await svc.key('admin', { organisationId: m.id }),
      manager: await svc.key('programme_manager', { organisationId: m.id }),
      liaison: await svc.key('partner_agency', { organisationId: m.id }),
      reviewer: await svc.key('reviewer', { organisationId: m.id }),
      host: await svc.key('host', { organisationId: m.id }),
    };
    seoul = { id: s.id, manager: await svc.key('programme_manager', { organisationId: s.id }), liaison: await svc.key('partner_agency', { organisationId: s.id }) };
    third = {
      id: t.id,
      admin: await svc.key('admin', { organisationId: t.id }),
      manager: await svc.key('programme_manager', { organisationId: t.id }),
      liaison: await svc.key('partner_agency', { organisationId: t.id }),
    };
    startupKey = (await registerStartup(svc)).key;
  });
  afterAll(async () => {
    await svc?.close();
  });

  describe('create, list, get, update, end', () => {
    it("records an agreement of the caller's organisation (party A) with the one it names (party B)", async () => {
      const res = await svc.call('POST', '/agreements', moscow.manager, validBody({ title: '  Moscow–Seoul MOU  ', partyBTarget: null }));
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Moscow–Seoul MOU',
        partyA: { organisationId: moscow.id, target: 4 },
        partyB: { organisationId: seoul.id, target: null },
        signedOn: '2025-12-10',
        validFrom: '2026-01-01',
        validUntil: '2026-12-31',
        state: 'active',
        endedAt: null,
        version: 1,
      });
    });

    it("shows an agreement to both parties' admins, managers and liaisons, and to nobody else", async () => {
      const { body: agreement } = await svc.call('POST', '/agreements', moscow.admin, validBody());
      for (const key of [moscow.admin, moscow.manager, moscow.liaison, seoul.manager, seoul.liaison]) {
        const res = await svc.call('GET', `/agreements/${agreement.id}`, key);
        expect(res.status).toBe(200);
        expect(res.body.id).toBe(agreement.id);
      }
      for (const key of [third.admin, third.manager, third.liaison]) {
        for (const path of [`/agreements/${agreement.id}`, `/agreements/${agreement.id}/reciprocity`, `/agreements/${agreement.id}/reciprocity.csv`]) {
          const res = await svc.call('GET', path, key);
          expect(res.status).toBe(404);
          expect(res.body.code).toBe('AGREEMENT.NOT_FOUND');
        }
      }
      // A reviewer or host of a party, and a startup, are refused by role.
      for (const key of [moscow.reviewer, moscow.host, startupKey]) {
        expect((await svc.call('GET', `/agreements/${agreement.id}`, key)).status).toBe(403);
        expect((await svc.call('GET', `/agreements/${agreement.id}/reciprocity`, key)).status).toBe(403);
        expect((await svc.call('GET', '/agreements', key)).status).toBe(403);
      }
      expect((await svc.call('GET', `/agreements/${randomUUID()}`, moscow.manager)).status).toBe(404);
    });

    it('applies a create repeated with the same Idempotency-Key once', async () => {
      const [a, b] = await Promise.all([svc.organisation('organising_agency', 'RU'), svc.organisation('partner_agency', 'KR')]);
      const manager = await svc.key('programme_manager', { organisationId: a.id });
      const idempotencyKey = randomUUID();
      const post = () =>
        fetch(`${svc.running.url}/v1/agreements`, {
          method: 'POST',
          headers: { ...bearer(manager), 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
          body: JSON.stringify(validBody({ counterpartOrganisationId: b.id })),
        });
      const first = await post();
      const second = await post();
      expect([first.status, second.status]).toEqual([201, 201]);
      expect(((await second.json()) as { id: string }).id).toBe(((await first.json()) as { id: string }).id);
      expect(await agreementsOf(a.id)).toBe(1);
    });

    it('lets only the admins and programme managers of an organisation create one', async () => {
      const before = await agreementsOf(moscow.id);
      for (const key of [moscow.reviewer, moscow.host, moscow.liaison, startupKey]) {
        expect((await svc.call('POST', '/agreements', key, validBody())).status).toBe(403);
      }
      expect(await agreementsOf(moscow.id)).toBe(before);
    });

    it("lists the caller's organisation's agreements in pages, never another's", async () => {
      const [a, b] = await Promise.all([svc.organisation('organising_agency', 'RU'), svc.organisation('partner_agency', 'KR')]);
      const manager = await svc.key('programme_manager', { organisationId: a.id });
      const created: string[] = [];
      for (const title of ['First', 'Second', 'Third']) {
        created.push((await svc.call('POST', '/agreements', manager, validBody({ counterpartOrganisationId: b.id, title }))).body.id);
      }
      await svc.call('POST', `/agreements/${created[1]}/end`, manager);
      const first = await svc.call('GET', '/agreements?limit=2', manager);
      expect(first.status).toBe(200);
      expect(first.body.items.map((x: { id: string }) => x.id)).toEqual(created.slice(0, 2));
      const second = await svc.call('GET', `/agreements?limit=2&cursor=${first.body.nextCursor}`, manager);
      expect(second.body).toEqual({ items: [expect.objectContaining({ id: created[2] })], nextCursor: null });
      const ended = await svc.call('GET', '/agreements?state=ended', await svc.key('partner_agency', { organisationId: b.id }));
      expect(ended.body.items.map((x: { id: string }) => x.id)).toEqual([created[1]]);
      const others = await svc.call('GET', '/agreements?limit=100', third.manager);
      expect(others.body.items.filter((x: { id: string }) => created.includes(x.id))).toEqual([]);
      expect((await svc.call('GET', '/agreements?cursor=not-a-cursor', manager)).status).toBe(400);
    });

    it('updates against the version read, by either party; a stale version answers 409', async () => {
      const { body: agreement } = await svc.call('POST', '/agreements', moscow.manager, validBody());
      const updated = await svc.call('PATCH', `/agreements/${agreement.id}`, seoul.manager, { title: 'Renewed MOU', partyATarget: null, partyBTarget: 3, validUntil: '2027-06-30', version: 1 });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ title: 'Renewed MOU', partyA: { target: null }, partyB: { target: 3 }, validUntil: '2027-06-30', version: 2 });
      const stale = await svc.call('PATCH', `/agreements/${agreement.id}`, moscow.manager, { title: 'Lost update', version: 1 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'AGREEMENT.VERSION_CONFLICT', currentVersion: 2 });
      expect((await svc.call('PATCH', `/agreements/${agreement.id}`, third.manager, { title: 'Hijack', version: 2 })).status).toBe(404);
      expect((await svc.call('PATCH', `/agreements/${agreement.id}`, seoul.liaison, { title: 'Liaison edit', version: 2 })).status).toBe(403);
      expect((await svc.call('GET', `/agreements/${agreement.id}`, moscow.liaison)).body).toMatchObject({ title: 'Renewed MOU', version: 2 });
    });

    it('ends an active agreement once; an ended one cannot be changed or ended again, and its report stays readable', async () => {
      const { body: agreement } = await svc.call('POST', '/agreements', moscow.manager, validBody());
      expect((await svc.call('POST', `/agreements/${agreement.id}/end`, third.admin)).status).toBe(404);
      const ended = await svc.call('POST', `/agreements/${agreement.id}/end`, seoul.manager);
      expect(ended.status).toBe(200);
      expect(ended.body).toMatchObject({ state: 'ended', endedAt: expect.stringMatching(/Z$/), version: 2 });
      const again = await svc.call('POST', `/agreements/${agreement.id}/end`, moscow.admin);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'AGREEMENT.ILLEGAL_STATE', currentState: 'ended' });
      const edit = await svc.call('PATCH', `/agreements/${agreement.id}`, moscow.manager, { title: 'Too late', version: 2 });
      expect(edit.status).toBe(409);
      expect(edit.body.code).toBe('AGREEMENT.ILLEGAL_STATE');
      const report = await svc.call('GET', `/agreements/${agreement.id}/reciprocity`, seoul.liaison);
      expect(report.status).toBe(200);
      expect(report.body.state).toBe('ended');
    });
  });

  describe('hostile input', () => {
    it.each([
      ['the same party twice', () => validBody({ counterpartOrganisationId: moscow.id }), 422, 'AGREEMENT.SAME_PARTY'],
      ['the same party in upper case', () => validBody({ counterpartOrganisationId: moscow.id.toUpperCase() }), 422, 'AGREEMENT.SAME_PARTY'],
      ['an unknown organisation', () => validBody({ counterpartOrganisationId: randomUUID() }), 422, 'AGREEMENT.UNKNOWN_ORGANISATION'],
      ['the nil UUID', () => validBody({ counterpartOrganisationId: '00000000-0000-0000-0000-000000000000' }), 422, 'AGREEMENT.UNKNOWN_ORGANISATION'],
      ['dates reversed', () => validBody({ validFrom: '2026-12-31', validUntil: '2026-01-01' }), 422, 'AGREEMENT.INVALID_DATES'],
      ['eleven years of validity', () => validBody({ validFrom: '2026-01-01', validUntil: '2037-01-02' }), 422, 'AGREEMENT.INVALID_DATES'],
      ['signed after it ends', () => validBody({ signedOn: '2027-01-01' }), 422, 'AGREEMENT.INVALID_DATES'],
    ])('refuses %s with its code and writes nothing', async (_what, body, status, code) => {
      const before = await agreementsOf(moscow.id);
      const res = await svc.call('POST', '/agreements', moscow.manager, body());
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      expect(await agreementsOf(moscow.id)).toBe(before);
    });

    it.each([
      ['an overlong title', { title: 'x'.repeat(301) }, 'title'],
      ['a title of spaces', { title: '   ' }, 'title'],
      ['a title with NUL', { title: 'MOU\u0000' }, 'title'],
      ['a counterpart that is not an id', { counterpartOrganisationId: 'seoul' }, 'counterpartOrganisationId'],
      ['a date-time for a day', { validFrom: '2026-01-01T00:00:00Z' }, 'validFrom'],
      ['31 February', { validUntil: '2026-02-31' }, 'validUntil'],
      ['the year 0001', { signedOn: '0001-01-01' }, 'signedOn'],
      ['a target of zero', { partyATarget: 0 }, 'partyATarget'],
      ['a target beyond the cap', { partyBTarget: 100_001 }, 'partyBTarget'],
      ['a fractional target', { partyBTarget: 1.5 }, 'partyBTarget'],
      ['an unknown field', { partyCTarget: 1 }, 'partyCTarget'],
    ])('answers 400 naming the field for %s', async (_what, over, field) => {
      const before = await agreementsOf(moscow.id);
      const res = await svc.call('POST', '/agreements', moscow.manager, validBody(over));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await agreementsOf(moscow.id)).toBe(before);
    });

    it('refuses an update that reverses the dates, and null for a title', async () => {
      const { body: agreement } = await svc.call('POST', '/agreements', moscow.manager, validBody());
      const reversed = await svc.call('PATCH', `/agreements/${agreement.id}`, moscow.manager, { validUntil: '2025-06-30', version: 1 });
      expect(reversed.status).toBe(422);
      expect(reversed.body.code).toBe('AGREEMENT.INVALID_DATES');
      const nullTitle = await svc.call('PATCH', `/agreements/${agreement.id}`, moscow.manager, { title: null, version: 1 });
      expect(nullTitle.status).toBe(400);
      const noVersion = await svc.call('PATCH', `/agreements/${agreement.id}`, moscow.manager, { title: 'No version' });
      expect(noVersion.status).toBe(400);
      expect((await svc.call('GET', `/agreements/${agreement.id}`, moscow.manager)).body).toMatchObject({ validUntil: '2026-12-31', version: 1, title: validBody().title });
    });

    it.each([
      ['to before from', '?from=2026-06-01&to=2026-05-31', 422, 'AGREEMENT.INVALID_PERIOD'],
      ['from after the validity, to defaulted', '?from=2027-01-01', 422, 'AGREEMENT.INVALID_PERIOD'],
      ['more than 3,660 days', '?from=2020-01-01&to=2030-12-31', 422, 'AGREEMENT.INVALID_PERIOD'],
      ['a malformed day', '?from=2026-1-1', 400, undefined],
      ['a date-time', '?to=2026-12-31T00:00:00Z', 400, undefined],
      ['an unknown parameter', '?format=xml', 400, undefined],
    ])('refuses a report period with %s', async (_what, query, status, code) => {
      const { body: agreement } = await svc.call('POST', '/agreements', moscow.manager, validBody());
      for (const path of [`/agreements/${agreement.id}/reciprocity${query}`, `/agreements/${agreement.id}/reciprocity.csv${query}`]) {
        const res = await svc.call('GET', path, seoul.liaison);
        expect(res.status).toBe(status);
        if (code) expect(res.body.code).toBe(code);
      }
    });

    it('says why in the language asked for, with the same code', async () => {
      const texts: Record<string, string> = {};
      for (const language of ['en', 'ko', 'ru']) {
        const res = await fetch(`${svc.running.url}/v1/agreements`, {
          method: 'POST',
          headers: { ...bearer(moscow.manager), 'content-type': 'application/json', 'accept-language': language },
          body: JSON.stringify(validBody({ counterpartOrganisationId: moscow.id })),
        });
        const problem = (await res.json()) as { code: string; detail: string };
        expect(res.status).toBe(422);
        expect(problem.code).toBe('AGREEMENT.SAME_PARTY');
        texts[language] = problem.detail;
      }
      expect(texts.en).toMatch(/two different organisations/);
      expect(texts.ko).toMatch(/[\uAC00-\uD7A3]/);
      expect(texts.ru).toMatch(/[\u0400-\u04FF]/);
    });
  });

  describe('the reciprocity report, from consumed events', () => {
    const DAY = '2026-03-10T09:00:00.000Z';
    let agreementId: string;
    let programmes: Record<'moscowPilot' | 'moscowAccelerator' | 'seoulPilot' | 'seoulAccelerator' | 'thirdPilot', ProgrammeRef>;
    let startups: Record<'k1' | 'k2' | 'k3' | 'r1' | 'r2' | 'de', string>;

    const consume = (...events: AnyEventEnvelope[]) => applyEvents(svc, ...events);

    const event = <T extends EventType>(type: T, data: EventInput<T>, time = DAY, id?: string) =>
      createEvent({ type, data, time: new Date(time), source: '/test/agreements', id }) as AnyEventEnvelope;

    const summary = (id: string, country: string) => ({ id, name: `Startup ${id.slice(0, 6)}`, nameLatin: `Startup ${id.slice(0, 6)}`, country, technologyFields: ['medtech'], readinessLevel: 6 });
    const submitted = (startupId: string, programme: ProgrammeRef, time = DAY) =>
      event('application.submitted', { applicationId: randomUUID(), startupId, programme, submittedAt: time }, time);
    const accepted = (startupId: string, country: string, programme: ProgrammeRef, time = DAY) =>
      event(
        'application.accepted',
        { applicationId: randomUUID(), startupId, programme, reason: 'Strong fit', score: 8, decidedBy: randomUUID(), decidedAt: time, startup: summary(startupId, country) },
        time,
      );
    const pilotBase = (startupId: string, programme: ProgrammeRef, pilotId: string) => ({
      pilotId,
      startupId,
      programmeId: programme.id,
      programme,
      siteId: randomUUID(),
      hostOrgId: programme.organiserOrgId,
    });
    const pilotStarted = (startupId: string, programme: ProgrammeRef, pilotId = randomUUID()) => event('pilot.started', { ...pilotBase(startupId, programme, pilotId), startedAt: DAY });
    const pilotCompleted = (startupId: string, programme: ProgrammeRef, adoption: 'deploy' | 'buy' | 'extend' | 'none', contractValue: number | null, pilotId = randomUUID()) =>
      event('pilot.completed', { ...pilotBase(startupId, programme, pilotId), outcome: 'success', adoption, contractValue, results: [], completedAt: DAY });
    const member = (startupId: string, programme: ProgrammeRef, cohortId: string) => ({ cohortId, programmeId: programme.id, programme, startupId, group: 'A' });
    const offerAccepted = (startupId: string, programme: ProgrammeRef, cohortId = randomUUID()) => event('cohort.offer_accepted', { ...member(startupId, programme, cohortId), offerId: randomUUID() });
    const graduated = (startupId: string, programme: ProgrammeRef, graduatedNow: boolean, cohortId = randomUUID()) =>
      event('cohort.graduated', { ...member(startupId, programme, cohortId), graduated: graduatedNow, note: null, hostOrgId: programme.organiserOrgId });

    const refOf = (programme: { id: string; kind: 'pilot' | 'accelerator'; organiserOrganisationId: string; partnerOrganisationIds: string[] }): ProgrammeRef => ({
      id: programme.id,
      kind: programme.kind,
      organiserOrgId: programme.organiserOrganisationId,
      partnerOrgIds: programme.partnerOrganisationIds,
    });

    /** Pitch days and missions (issue 18, part 3; see agreements-pitch-days-missions.spec.ts): none in this agreement's events. */
    const noPitchesOrMissions = { pitchesMade: 0, pitchSelections: 0, missionMeetings: 0, missionAgreementsSigned: 0, missionPilotsProposed: 0 };
    const zeros = {
      startupsSent: 0,
      applications: 0,
      acceptances: 0,
      pilotsStarted: 0,
      pilotsCompleted: 0,
      pilotsAdopted: 0,
      contractValue: 0,
      cohortPlaces: 0,
      graduates: 0,
      ...noPitchesOrMissions,
    };

    beforeAll(async () => {
      const thirdManager = third.manager;
      const publish = async (manager: TestApiKey, over: Record<string, unknown>) =>
        refOf((await createPublishedProgramme(svc, manager, { eligibility: {}, ...over })) as never);
      programmes = {
        moscowPilot: await publish(moscow.manager, { kind: 'pilot' }),
        moscowAccelerator: await publish(moscow.manager, { kind: 'accelerator' }),
        seoulPilot: await publish(seoul.manager, { kind: 'pilot', hostCountry: 'KR', hostCity: 'Seoul', timeZone: 'Asia/Seoul' }),
        seoulAccelerator: await publish(seoul.manager, { kind: 'accelerator', hostCountry: 'KR', hostCity: 'Seoul', timeZone: 'Asia/Seoul' }),
        // Organised by neither party, with the Korean association as a partner: not the agreement's.
        thirdPilot: await publish(thirdManager, { kind: 'pilot', partnerOrganisationIds: [seoul.id] }),
      };
      const register = async (country: string) => (await registerStartup(svc, { country })).id;
      startups = { k1: await register('KR'), k2: await register('KR'), k3: await register('KR'), r1: await register('RU'), r2: await register('RU'), de: await register('DE') };
      agreementId = (await svc.call('POST', '/agreements', moscow.manager, validBody({ partyATarget: 4, partyBTarget: null }))).body.id;

      const { k1, k2, k3, r1, r2, de } = startups;
      const p = programmes;
      const k1Submitted = submitted(k1, p.moscowPilot);
      await consume(
        // Korea → Moscow (party B → party A).
        k1Submitted,
        accepted(k1, 'KR', p.moscowPilot),
        pilotStarted(k1, p.moscowPilot),
        pilotCompleted(k1, p.moscowPilot, 'buy', 50_000),
        offerAccepted(k1, p.moscowAccelerator),
        graduated(k1, p.moscowAccelerator, true),
        submitted(k2, p.moscowPilot),
        submitted(k2, p.moscowAccelerator),
        pilotStarted(k2, p.moscowPilot),
        pilotCompleted(k2, p.moscowPilot, 'none', null),
        graduated(k2, p.moscowAccelerator, false),
        // A Korean startup in a programme of a third organiser the association only partners in.
        submitted(k3, p.thirdPilot),
        accepted(k3, 'KR', p.thirdPilot),
        // A day before the validity starts (UTC).
        submitted(k3, p.moscowPilot, '2025-12-31T23:59:59.999Z'),
        // A German startup in Moscow, and a Russian one at home: neither direction.
        submitted(de, p.moscowPilot),
        submitted(r1, p.moscowPilot),
        // Moscow → Korea (party A → party B).
        submitted(r1, p.seoulPilot),
        accepted(r1, 'RU', p.seoulPilot),
        pilotStarted(r1, p.seoulPilot),
        pilotCompleted(r1, p.seoulPilot, 'deploy', 120_000.5),
        pilotCompleted(r1, p.seoulPilot, 'extend', null),
        submitted(r2, p.seoulAccelerator, '2026-12-31T23:59:59.999Z'),
        accepted(r2, 'RU', p.seoulAccelerator),
        offerAccepted(r2, p.seoulAccelerator),
        graduated(r2, p.seoulAccelerator, true),
        // The first moment after the validity.
        submitted(r2, p.seoulPilot, '2027-01-01T00:00:00.000Z'),
      );
      // The same event again (a replay, or a redelivery past the inbox): it counts once.
      await consume(k1Submitted);
      await consume(k1Submitted);
    });

    const moscowToSeoul = {
      startupsSent: 2,
      applications: 2,
      acceptances: 2,
      pilotsStarted: 1,
      pilotsCompleted: 2,
      pilotsAdopted: 2,
      contractValue: 120_000.5,
      cohortPlaces: 1,
      graduates: 1,
      ...noPitchesOrMissions,
    };
    const seoulToMoscow = {
      startupsSent: 2,
      applications: 3,
      acceptances: 1,
      pilotsStarted: 2,
      pilotsCompleted: 2,
      pilotsAdopted: 1,
      contractValue: 50_000,
      cohortPlaces: 1,
      graduates: 1,
      ...noPitchesOrMissions,
    };

    it('keeps one fact per event', async () => {
      const rows = (await svc.dataSource.query(`SELECT kind, count(*)::int AS n FROM applications.exchange_facts WHERE startup_id = $1 GROUP BY kind ORDER BY kind`, [
        startups.k1,
      ])) as Array<{ kind: string; n: number }>;
      expect(rows).toEqual([
        { kind: 'application_accepted', n: 1 },
        { kind: 'application_submitted', n: 1 },
        { kind: 'cohort_place', n: 1 },
        { kind: 'graduated', n: 1 },
        { kind: 'pilot_completed', n: 1 },
        { kind: 'pilot_started', n: 1 },
      ]);
    });

    it("counts each direction over the agreement's validity, against each side's target", async () => {
      const res = await svc.call('GET', `/agreements/${agreementId}/reciprocity`, seoul.liaison);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ agreementId, state: 'active', period: { from: '2026-01-01', to: '2026-12-31' }, directionRule: expect.stringMatching(/organised by party Y/) });
      const [aToB, bToA] = res.body.directions;
      expect(aToB).toEqual({
        from: { organisationId: moscow.id, name: expect.any(String), nameLatin: null, country: 'RU' },
        to: { organisationId: seoul.id, name: expect.any(String), nameLatin: null, country: 'KR' },
        ...moscowToSeoul,
        target: 4,
        progress: 0.5,
      });
      expect(bToA).toEqual({
        from: expect.objectContaining({ organisationId: seoul.id, country: 'KR' }),
        to: expect.objectContaining({ organisationId: moscow.id, country: 'RU' }),
        ...seoulToMoscow,
        target: null,
        progress: null,
      });
    });

    it('counts only the events within the period asked for (UTC days, inclusive)', async () => {
      const wider = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2025-12-31&to=2026-12-31`, moscow.manager);
      expect(wider.status).toBe(200);
      expect(wider.body.period).toEqual({ from: '2025-12-31', to: '2026-12-31' });
      expect(wider.body.directions[1]).toMatchObject({ ...seoulToMoscow, startupsSent: 3, applications: 4 });
      expect(wider.body.directions[0]).toMatchObject(moscowToSeoul);

      const after = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2027-01-01&to=2027-01-31`, moscow.manager);
      expect(after.body.directions[0]).toMatchObject({ ...zeros, startupsSent: 1, applications: 1 });
      expect(after.body.directions[1]).toMatchObject(zeros);

      const lastDay = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2026-12-31`, moscow.manager);
      expect(lastDay.body.period).toEqual({ from: '2026-12-31', to: '2026-12-31' });
      expect(lastDay.body.directions[0]).toMatchObject({ ...zeros, startupsSent: 1, applications: 1 });

      const march = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2026-03-10&to=2026-03-10`, moscow.manager);
      expect(march.body.directions[0]).toMatchObject({ ...moscowToSeoul, startupsSent: 1, applications: 1 });
      expect(march.body.directions[1]).toMatchObject(seoulToMoscow);
    });

    it('answers the same numbers as CSV, one row per direction', async () => {
      const updated = await svc.call('PATCH', `/agreements/${agreementId}`, seoul.manager, { partyBTarget: 3, version: 1 });
      expect(updated.status).toBe(200);
      const csv = await svc.call('GET', `/agreements/${agreementId}/reciprocity.csv`, moscow.liaison);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      expect(lines[0]).toBe(
        'agreement_id,period_from,period_to,from_organisation_id,from_organisation,from_country,to_organisation_id,to_organisation,to_country,' +
          'startups_sent,applications,acceptances,pilots_started,pilots_completed,pilots_adopted,contract_value,cohort_places,graduates,' +
          'pitches_made,pitch_selections,mission_meetings,mission_agreements_signed,mission_pilots_proposed,target,progress',
      );
      expect(lines).toHaveLength(3);
      const numbers = (line: string) => line.split(',').slice(9);
      expect(lines[1].startsWith(`${agreementId},2026-01-01,2026-12-31,${moscow.id},`)).toBe(true);
      expect(lines[1]).toContain(`,RU,${seoul.id},`);
      expect(numbers(lines[1])).toEqual(['2', '2', '2', '1', '2', '2', '120000.5', '1', '1', '0', '0', '0', '0', '0', '4', '0.5']);
      expect(lines[2].startsWith(`${agreementId},2026-01-01,2026-12-31,${seoul.id},`)).toBe(true);
      expect(numbers(lines[2])).toEqual(['2', '3', '1', '2', '2', '1', '50000', '1', '1', '0', '0', '0', '0', '0', '3', '0.6667']);

      const json = await svc.call('GET', `/agreements/${agreementId}/reciprocity`, moscow.liaison);
      expect(json.body.directions[1]).toMatchObject({ target: 3, progress: 0.6667 });
    });
  });
});
