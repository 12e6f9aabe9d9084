import { randomUUID } from 'node:crypto';
import { createEvent, type AnyEventEnvelope, type EventInput, type EventType, type MissionRef, type ProgrammeRef } from '@exchange/contracts';
import type { TestApiKey } from '@exchange/platform/testing';
import { applyEvents, createPublishedProgramme, registerStartup, type Service, startApplications } from './helpers';

/**
 * Issue 18, part 3: pitch days and business missions in the reciprocity report of the agreement they
 * ran under. Missions name their agreement over HTTP (the organiser must be a party); the pitch day
 * results and meeting outcomes are real event envelopes fed through the consumer group's own handler
 * table in a transaction, as the EventConsumer applies them (no Kafka needed).
 */
describe('pitch days and business missions in the reciprocity report', () => {
  const DAY = '2026-05-12T09:00:00.000Z';
  let svc: Service;
  /** Party A: a Moscow agency (RU). */
  let moscow: { id: string; manager: TestApiKey; liaison: TestApiKey };
  /** Party B: a Korean association (KR). */
  let seoul: { id: string; manager: TestApiKey };
  /** Another Russian agency: party of no agreement with Seoul. */
  let third: { id: string; manager: TestApiKey };
  /** The agreement under test, a second one between the same parties, and one between two Russian parties. */
  let agreementId: string;
  let secondAgreementId: string;
  let sameCountryAgreementId: string;
  let startups: Record<'k1' | 'k2' | 'k3' | 'k4' | 'k5' | 'r1' | 'r2' | 'de', string>;
  /** Organisations taking part as delegation companies (not startups). */
  let koreanCorp: string;
  let russianCorp: string;

  const missionBody = (over: Record<string, unknown> = {}) => ({
    title: 'Korean medtech delegation to Moscow',
    hostCity: 'Moscow',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    days: ['2026-05-12', '2026-05-13'],
    dayStartsAt: '09:00',
    dayEndsAt: '10:00',
    slotMinutes: 20,
    rooms: ['Table 1'],
    ...over,
  });

  const agreementBody = (counterpartOrganisationId: string, title: string) => ({
    counterpartOrganisationId,
    title,
    signedOn: '2025-12-10',
    validFrom: '2026-01-01',
    validUntil: '2026-12-31',
  });

  async function created(res: { status: number; text: string; body: { id: string } }): Promise<string> {
    if (res.status !== 201) throw new Error(`create: ${res.status} ${res.text}`);
    return res.body.id;
  }

  const missionsOf = async (organisationId: string): Promise<number> =>
    ((await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.missions WHERE organiser_organisation_id = $1`, [organisationId])) as Array<{ n: number }>)[0].n;

  const consume = (...events: AnyEventEnvelope[]) => applyEvents(svc, ...events);

  const event = <T extends EventType>(type: T, data: EventInput<T>, time = DAY) =>
    createEvent({ type, data, time: new Date(time), source: '/test/reciprocity-missions' }) as AnyEventEnvelope;

  beforeAll(async () => {
    svc = await startApplications();
    const [m, s, t, kc, rc] = await Promise.all([
      svc.organisation('organising_agency', 'RU'),
      svc.organisation('partner_agency', 'KR'),
      svc.organisation('organising_agency', 'RU'),
      svc.organisation('partner_agency', 'KR'),
      svc.organisation('partner_agency', 'RU'),
    ]);
    moscow = { id: m.id, manager: await svc.key('programme_manager', { organisationId: m.id }), liaison: await svc.key('partner_agency', { organisationId: m.id }) };
    seoul = { id: s.id, manager: await svc.key('programme_manager', { organisationId: s.id }) };
    third = { id: t.id, manager: await svc.key('programme_manager', { organisationId: t.id }) };
    koreanCorp = kc.id;
    russianCorp = rc.id;
    const register = async (country: string) => (await registerStartup(svc, { country })).id;
    startups = {
      k1: await register('KR'),
      k2: await register('KR'),
      k3: await register('KR'),
      k4: await register('KR'),
      k5: await register('KR'),
      r1: await register('RU'),
      r2: await register('RU'),
      de: await register('DE'),
    };
    agreementId = await created(await svc.call('POST', '/agreements', moscow.manager, agreementBody(seoul.id, 'Moscow–Seoul MOU')));
    secondAgreementId = await created(await svc.call('POST', '/agreements', seoul.manager, agreementBody(moscow.id, 'Seoul–Moscow medtech MOU')));
    sameCountryAgreementId = await created(await svc.call('POST', '/agreements', moscow.manager, agreementBody(third.id, 'Moscow–Moscow MOU')));
  });
  afterAll(async () => {
    await svc?.close();
  });

  describe('a mission names the agreement it runs under', () => {
    it('keeps the agreement on the mission and carries it in the mission events', async () => {
      const missionId = await created(await svc.call('POST', '/missions', moscow.manager, missionBody({ agreementId: agreementId.toUpperCase() })));
      const mission = await svc.call('GET', `/missions/${missionId}`, moscow.liaison);
      expect(mission.body.agreementId).toBe(agreementId);
      expect((await svc.call('POST', `/missions/${missionId}/publish`, moscow.manager)).status).toBe(200);
      const [published] = (await svc.dataSource.query(`SELECT type, payload FROM applications.outbox WHERE key = $1 ORDER BY seq`, [missionId])) as Array<{
        type: string;
        payload: { mission: MissionRef };
      }>;
      expect(published.type).toBe('mission.published');
      expect(published.payload.mission).toEqual({ id: missionId, organiserOrgId: moscow.id, partnerOrgIds: [], agreementId });
    });

    it('lets the other party run a mission under it too, and a mission without one names none', async () => {
      const missionId = await created(await svc.call('POST', '/missions', seoul.manager, missionBody({ agreementId, country: 'KR', hostCity: 'Seoul', timeZone: 'Asia/Seoul' })));
      expect((await svc.call('GET', `/missions/${missionId}`, seoul.manager)).body.agreementId).toBe(agreementId);
      const without = await created(await svc.call('POST', '/missions', moscow.manager, missionBody()));
      expect((await svc.call('GET', `/missions/${without}`, moscow.manager)).body.agreementId).toBeNull();
    });

    it.each([
      ['an agreement the organiser is not a party to', () => ({ key: third.manager, organisation: third.id, agreement: agreementId }), 'MISSION.UNKNOWN_AGREEMENT'],
      ['an unknown agreement', () => ({ key: moscow.manager, organisation: moscow.id, agreement: randomUUID() }), 'MISSION.UNKNOWN_AGREEMENT'],
      ['the nil UUID', () => ({ key: moscow.manager, organisation: moscow.id, agreement: '00000000-0000-0000-0000-000000000000' }), 'MISSION.UNKNOWN_AGREEMENT'],
    ])('refuses %s with 422 naming agreementId, and writes nothing', async (_what, given, code) => {
      const { key, organisation, agreement } = given();
      const before = await missionsOf(organisation);
      const res = await svc.call('POST', '/missions', key, missionBody({ agreementId: agreement }));
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.code).toBe(code);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['agreementId']);
      expect(await missionsOf(organisation)).toBe(before);
    });

    it('refuses an ended agreement, and an agreementId that is not an id', async () => {
      const [a, b] = await Promise.all([svc.organisation('organising_agency', 'RU'), svc.organisation('partner_agency', 'KR')]);
      const manager = await svc.key('programme_manager', { organisationId: a.id });
      const ended = await created(await svc.call('POST', '/agreements', manager, agreementBody(b.id, 'Short MOU')));
      expect((await svc.call('POST', `/agreements/${ended}/end`, manager)).status).toBe(200);
      const refused = await svc.call('POST', '/missions', manager, missionBody({ agreementId: ended }));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'MISSION.AGREEMENT_ENDED', errors: [{ field: 'agreementId' }] });
      for (const agreement of ['moscow-seoul', 42, null]) {
        const res = await svc.call('POST', '/missions', manager, missionBody({ agreementId: agreement }));
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('agreementId');
      }
      expect(await missionsOf(a.id)).toBe(0);
    });
  });

  describe('the report, from consumed events', () => {
    let programmes: Record<'moscowAccelerator' | 'seoulAccelerator' | 'thirdAccelerator', ProgrammeRef>;
    let missions: Record<'toMoscow' | 'toSeoul' | 'otherAgreement' | 'noAgreement' | 'sameCountry', MissionRef>;
    let duplicatedPitchDay: AnyEventEnvelope;

    const refOf = (programme: { id: string; kind: 'pilot' | 'accelerator'; organiserOrganisationId: string; partnerOrganisationIds: string[] }): ProgrammeRef => ({
      id: programme.id,
      kind: programme.kind,
      organiserOrgId: programme.organiserOrganisationId,
      partnerOrgIds: programme.partnerOrganisationIds,
    });

    type Result = EventInput<'pitch_day.results_published'>['groups'][number]['results'][number];
    const ranked = (startupId: string, rank: number, placement: 'offer' | 'waitlist'): Result => ({ startupId, rank, pitchScore: 8 - rank, jurors: 3, placement, notScoredReason: null });
    const notScored = (startupId: string, reason: 'absent' | 'below_quorum'): Result => ({
      startupId,
      rank: null,
      pitchScore: null,
      jurors: reason === 'absent' ? 0 : 1,
      placement: 'not_scored',
      notScoredReason: reason,
    });
    const pitchDay = (programme: ProgrammeRef, groups: Result[][], time = DAY) =>
      event(
        'pitch_day.results_published',
        {
          cohortId: randomUUID(),
          programmeId: programme.id,
          programme,
          pitchDayId: randomUUID(),
          perGroup: 3,
          publishedAt: time,
          groups: groups.map((results, i) => ({ group: `G${i + 1}`, sessionId: randomUUID(), maxScore: 10, minJurors: 2, results })),
        },
        time,
      );

    type Company = { startupId: string } | { organisationId: string };
    const company = (c: Company) => ({ participantId: randomUUID(), organisationId: 'organisationId' in c ? c.organisationId : null, startupId: 'startupId' in c ? c.startupId : null });
    const outcome = (mission: MissionRef, delegation: Company, result: 'follow_up' | 'agreement_signed' | 'pilot_proposed' | 'none', time = DAY) =>
      event(
        'mission.meeting_outcome_recorded',
        {
          mission,
          meetingId: randomUUID(),
          delegation: company(delegation),
          local: company({ organisationId: randomUUID() }),
          outcome: result,
          note: null,
          pilotApplication: null,
          recordedAt: time,
        },
        time,
      );

    /** A mission created over HTTP (its host country is what the report reads), as its events name it. */
    async function mission(manager: TestApiKey, organiser: string, over: Record<string, unknown>): Promise<MissionRef> {
      const id = await created(await svc.call('POST', '/missions', manager, missionBody(over)));
      const ref: MissionRef = { id, organiserOrgId: organiser, partnerOrgIds: [] };
      if (typeof over.agreementId === 'string') ref.agreementId = over.agreementId;
      return ref;
    }

    beforeAll(async () => {
      const publish = async (manager: TestApiKey, over: Record<string, unknown>) => refOf((await createPublishedProgramme(svc, manager, { eligibility: {}, kind: 'accelerator', ...over })) as never);
      programmes = {
        moscowAccelerator: await publish(moscow.manager, {}),
        seoulAccelerator: await publish(seoul.manager, { hostCountry: 'KR', hostCity: 'Seoul', timeZone: 'Asia/Seoul' }),
        // Organised by neither party, with the Korean association as a partner: not the agreement's.
        thirdAccelerator: await publish(third.manager, { partnerOrganisationIds: [seoul.id] }),
      };
      const korea = { country: 'KR', hostCity: 'Seoul', timeZone: 'Asia/Seoul' };
      missions = {
        toMoscow: await mission(moscow.manager, moscow.id, { agreementId }),
        toSeoul: await mission(seoul.manager, seoul.id, { agreementId, ...korea }),
        otherAgreement: await mission(moscow.manager, moscow.id, { agreementId: secondAgreementId }),
        noAgreement: await mission(moscow.manager, moscow.id, {}),
        sameCountry: await mission(moscow.manager, moscow.id, { agreementId: sameCountryAgreementId }),
      };

      const { k1, k2, k3, k4, k5, r1, r2, de } = startups;
      const p = programmes;
      const m = missions;
      duplicatedPitchDay = pitchDay(p.moscowAccelerator, [
        // Korea → Moscow: k1 selected, k2 waitlisted, k3 pitched but too few jurors scored, k4 absent (no pitch);
        // a Russian startup at home and a German one: neither direction.
        [ranked(k1, 1, 'offer'), ranked(r1, 2, 'offer'), ranked(de, 3, 'offer'), ranked(k2, 4, 'waitlist'), notScored(k3, 'below_quorum'), notScored(k4, 'absent')],
        [ranked(k5, 1, 'offer')],
      ]);
      await consume(
        duplicatedPitchDay,
        // Moscow → Korea: r1 selected, r2 pitched below quorum.
        pitchDay(p.seoulAccelerator, [[ranked(r1, 1, 'offer'), notScored(r2, 'below_quorum')]]),
        // A programme the association only partners in.
        pitchDay(p.thirdAccelerator, [[ranked(k1, 1, 'offer')]]),
        // The first moment after the validity.
        pitchDay(p.seoulAccelerator, [[ranked(r2, 1, 'offer')]], '2027-01-01T00:00:00.000Z'),

        // Korean delegation to Moscow (B → A): two startups and a Korean organisation.
        outcome(m.toMoscow, { startupId: k1 }, 'agreement_signed'),
        outcome(m.toMoscow, { organisationId: koreanCorp }, 'pilot_proposed'),
        outcome(m.toMoscow, { startupId: k2 }, 'follow_up'),
        outcome(m.toMoscow, { startupId: k1 }, 'none'),
        // A German company in the delegation: neither party's country.
        outcome(m.toMoscow, { startupId: de }, 'agreement_signed'),
        // The last moment of the validity counts; the first after it does not.
        outcome(m.toMoscow, { startupId: k2 }, 'pilot_proposed', '2026-12-31T23:59:59.999Z'),
        outcome(m.toMoscow, { startupId: k2 }, 'agreement_signed', '2027-01-01T00:00:00.000Z'),
        // Russian delegation to Seoul (A → B): a startup and a Russian organisation.
        outcome(m.toSeoul, { startupId: r1 }, 'pilot_proposed'),
        outcome(m.toSeoul, { organisationId: russianCorp }, 'agreement_signed'),
        // The day before the validity.
        outcome(m.toSeoul, { startupId: r1 }, 'follow_up', '2025-12-31T23:59:59.999Z'),
        // Same parties, another agreement; and a mission under none.
        outcome(m.otherAgreement, { startupId: k1 }, 'agreement_signed'),
        outcome(m.noAgreement, { startupId: k1 }, 'agreement_signed'),
        // Two Russian parties: a Russian delegation in Russia cannot be given a direction.
        outcome(m.sameCountry, { startupId: r1 }, 'agreement_signed'),
      );
      const duplicatedOutcome = outcome(m.toMoscow, { startupId: k3 }, 'agreement_signed');
      // The same events again (a replay, or a redelivery past the inbox): they count once.
      await consume(duplicatedOutcome, duplicatedPitchDay);
      await consume(duplicatedOutcome, duplicatedPitchDay);
    });

    const seoulToMoscow = { pitchesMade: 4, pitchSelections: 2, missionMeetings: 6, missionAgreementsSigned: 2, missionPilotsProposed: 2 };
    const moscowToSeoul = { pitchesMade: 2, pitchSelections: 1, missionMeetings: 2, missionAgreementsSigned: 1, missionPilotsProposed: 1 };
    const none = { pitchesMade: 0, pitchSelections: 0, missionMeetings: 0, missionAgreementsSigned: 0, missionPilotsProposed: 0 };

    it('keeps one fact per pitched startup and per meeting outcome, whatever the replays', async () => {
      const pitched = (await svc.dataSource.query(
        `SELECT ordinal, startup_id AS "startupId", selected FROM applications.exchange_facts WHERE event_id = $1 ORDER BY ordinal`,
        [duplicatedPitchDay.id],
      )) as Array<{ ordinal: number; startupId: string; selected: boolean }>;
      const { k1, k2, k3, k5, r1, de } = startups;
      // The absent k4 (ordinal 5) pitched nothing.
      expect(pitched).toEqual([
        { ordinal: 0, startupId: k1, selected: true },
        { ordinal: 1, startupId: r1, selected: true },
        { ordinal: 2, startupId: de, selected: true },
        { ordinal: 3, startupId: k2, selected: false },
        { ordinal: 4, startupId: k3, selected: false },
        { ordinal: 6, startupId: k5, selected: true },
      ]);
      const meetings = (await svc.dataSource.query(
        `SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS events FROM applications.exchange_facts WHERE kind = 'mission_meeting' AND mission_id = $1`,
        [missions.toMoscow.id],
      )) as Array<{ n: number; events: number }>;
      expect(meetings).toEqual([{ n: 8, events: 8 }]);
    });

    it('counts pitches and mission meetings in both directions, beside the existing numbers', async () => {
      const res = await svc.call('GET', `/agreements/${agreementId}/reciprocity`, moscow.liaison);
      expect(res.status).toBe(200);
      expect(res.body.missionDirectionRule).toMatch(/mission's host country/);
      const [aToB, bToA] = res.body.directions;
      expect(aToB).toMatchObject({ from: { organisationId: moscow.id, country: 'RU' }, to: { organisationId: seoul.id, country: 'KR' }, ...moscowToSeoul });
      expect(bToA).toMatchObject({ from: { organisationId: seoul.id, country: 'KR' }, to: { organisationId: moscow.id, country: 'RU' }, ...seoulToMoscow });
      // Pitches and meetings are not applications: the startups-sent count and the targets keep their meaning.
      for (const direction of [aToB, bToA]) expect(direction).toMatchObject({ startupsSent: 0, applications: 0, cohortPlaces: 0, progress: null });
    });

    it('counts a meeting only under the agreement its mission names', async () => {
      const second = await svc.call('GET', `/agreements/${secondAgreementId}/reciprocity`, seoul.manager);
      // The second agreement has Seoul as party A: its B → A is Moscow → Seoul.
      expect(second.body.directions[0]).toMatchObject({ from: { organisationId: seoul.id }, missionMeetings: 1, missionAgreementsSigned: 1, missionPilotsProposed: 0 });
      expect(second.body.directions[1]).toMatchObject({ missionMeetings: 0 });
      // Pitch days follow the programme's organiser, as applications do: the same in both agreements.
      expect(second.body.directions[0]).toMatchObject({ pitchesMade: 4, pitchSelections: 2 });

      const sameCountry = await svc.call('GET', `/agreements/${sameCountryAgreementId}/reciprocity`, moscow.manager);
      expect(sameCountry.body.directions.map((d: { missionMeetings: number }) => d.missionMeetings)).toEqual([0, 0]);
    });

    it('counts only the events within the period asked for (UTC days, inclusive)', async () => {
      const wider = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2025-12-31&to=2027-01-01`, moscow.manager);
      expect(wider.status).toBe(200);
      expect(wider.body.directions[0]).toMatchObject({ ...moscowToSeoul, missionMeetings: 3, pitchesMade: 3, pitchSelections: 2 });
      expect(wider.body.directions[1]).toMatchObject({ ...seoulToMoscow, missionMeetings: 7, missionAgreementsSigned: 3 });

      const lastDay = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2026-12-31&to=2026-12-31`, moscow.manager);
      expect(lastDay.body.directions[0]).toMatchObject(none);
      expect(lastDay.body.directions[1]).toMatchObject({ ...none, missionMeetings: 1, missionPilotsProposed: 1 });

      const before = await svc.call('GET', `/agreements/${agreementId}/reciprocity?from=2026-01-01&to=2026-05-11`, moscow.manager);
      expect(before.body.directions).toHaveLength(2);
      for (const direction of before.body.directions) expect(direction).toMatchObject(none);
    });

    it('answers the same numbers as CSV', async () => {
      const csv = await svc.call('GET', `/agreements/${agreementId}/reciprocity.csv`, moscow.liaison);
      expect(csv.status).toBe(200);
      const [header, aToB, bToA] = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
      const columns = header.split(',');
      const value = (line: string, column: string) => line.split(',')[columns.indexOf(column)];
      const asCsv = (counts: typeof none) => ({
        pitches_made: String(counts.pitchesMade),
        pitch_selections: String(counts.pitchSelections),
        mission_meetings: String(counts.missionMeetings),
        mission_agreements_signed: String(counts.missionAgreementsSigned),
        mission_pilots_proposed: String(counts.missionPilotsProposed),
      });
      const read = (line: string) => Object.fromEntries(Object.keys(asCsv(none)).map((column) => [column, value(line, column)]));
      expect(columns.slice(-7)).toEqual(['pitches_made', 'pitch_selections', 'mission_meetings', 'mission_agreements_signed', 'mission_pilots_proposed', 'target', 'progress']);
      expect(value(aToB, 'from_organisation_id')).toBe(moscow.id);
      expect(read(aToB)).toEqual(asCsv(moscowToSeoul));
      expect(value(bToA, 'from_organisation_id')).toBe(seoul.id);
      expect(read(bToA)).toEqual(asCsv(seoulToMoscow));
    });
  });

  describe('a pitch day names the agreement it runs under', () => {
    /** Party A: a Russian agency organising the accelerator; party B: a Korean association; C: another Korean one. */
    let parties: Record<'a' | 'b' | 'c', string>;
    let first: string;
    let second: string;
    let otherParties: string;
    let facts: AnyEventEnvelope[];

    type Result = EventInput<'pitch_day.results_published'>['groups'][number]['results'][number];
    const result = (startupId: string, rank: number, placement: 'offer' | 'waitlist'): Result => ({ startupId, rank, pitchScore: 9 - rank, jurors: 2, placement, notScoredReason: null });
    /** A pitch day's results as the cohorts service writes them: `agreementId` named, null, or (the earlier shape) absent. */
    const pitchDay = (programme: ProgrammeRef, results: Result[], agreementId?: string | null) => {
      const data: EventInput<'pitch_day.results_published'> = {
        cohortId: randomUUID(),
        programmeId: programme.id,
        programme,
        pitchDayId: randomUUID(),
        perGroup: 3,
        publishedAt: DAY,
        groups: [{ group: 'A', sessionId: randomUUID(), maxScore: 10, minJurors: 2, results }],
      };
      if (agreementId !== undefined) data.agreementId = agreementId;
      return event('pitch_day.results_published', data);
    };

    beforeAll(async () => {
      const [a, b, c] = await Promise.all([svc.organisation('organising_agency', 'RU'), svc.organisation('partner_agency', 'KR'), svc.organisation('partner_agency', 'KR')]);
      parties = { a: a.id, b: b.id, c: c.id };
      const [managerA, managerB] = [await svc.key('programme_manager', { organisationId: a.id }), await svc.key('programme_manager', { organisationId: b.id })];
      first = await created(await svc.call('POST', '/agreements', managerA, agreementBody(b.id, 'Accelerator MOU')));
      second = await created(await svc.call('POST', '/agreements', managerB, agreementBody(a.id, 'Second MOU')));
      otherParties = await created(await svc.call('POST', '/agreements', managerB, agreementBody(c.id, 'Korean MOU')));
      const p = (await createPublishedProgramme(svc, managerA, { eligibility: {}, kind: 'accelerator' })) as never as {
        id: string;
        organiserOrganisationId: string;
        partnerOrganisationIds: string[];
      };
      const programme: ProgrammeRef = { id: p.id, kind: 'accelerator', organiserOrgId: p.organiserOrganisationId, partnerOrgIds: p.partnerOrganisationIds };
      const k = await Promise.all([1, 2, 3, 4, 5, 6].map(async () => (await registerStartup(svc, { country: 'KR' })).id));
      facts = [
        // Korean startups at the Russian party's pitch days (B → A in the first agreement).
        pitchDay(programme, [result(k[0], 1, 'offer'), result(k[1], 2, 'waitlist')], first.toUpperCase()),
        pitchDay(programme, [result(k[2], 1, 'offer')]),
        pitchDay(programme, [result(k[3], 1, 'waitlist')], null),
        // An agreement of other parties (the organiser is not one of them), and one that does not exist: counted nowhere.
        pitchDay(programme, [result(k[4], 1, 'offer')], otherParties),
        pitchDay(programme, [result(k[5], 1, 'offer')], randomUUID()),
      ];
      await consume(...facts);
      await consume(...facts);
    });

    it('keeps the agreement each pitch day named on its facts, in lower case', async () => {
      const named = (await svc.dataSource.query(`SELECT event_id AS "eventId", agreement_id AS "agreementId" FROM applications.exchange_facts WHERE event_id = ANY ($1::uuid[])`, [
        facts.map((f) => f.id),
      ])) as Array<{ eventId: string; agreementId: string | null }>;
      expect(facts.map((f) => named.filter((n) => n.eventId === f.id).map((n) => n.agreementId))).toEqual([[first, first], [null], [null], [otherParties], [expect.any(String)]]);
    });

    it('counts a pitch day only under the agreement it names; one naming none under every agreement of its organiser', async () => {
      const report = async (agreementId: string) => (await svc.call('GET', `/agreements/${agreementId}/reciprocity`, await svc.key('programme_manager', { organisationId: parties.b }))).body;
      // First agreement (A = the Russian organiser): B → A has the named pitch day (2 pitches, 1 selected) and the two naming none.
      const firstReport = await report(first);
      expect(firstReport.directions[1]).toMatchObject({ from: { organisationId: parties.b }, to: { organisationId: parties.a }, pitchesMade: 4, pitchSelections: 2 });
      expect(firstReport.directions[0]).toMatchObject({ pitchesMade: 0, pitchSelections: 0 });
      // Second agreement between the same parties (A = the Korean party): only the pitch days naming none.
      const secondReport = await report(second);
      expect(secondReport.directions[0]).toMatchObject({ from: { organisationId: parties.b }, to: { organisationId: parties.a }, pitchesMade: 2, pitchSelections: 1 });
      expect(secondReport.directions[1]).toMatchObject({ pitchesMade: 0 });
      // The agreement of other parties counts none of them, though a pitch day named it.
      expect((await report(otherParties)).directions.map((d: { pitchesMade: number }) => d.pitchesMade)).toEqual([0, 0]);
    });
  });
});
