import { randomUUID } from 'node:crypto';
import { createTestOrganisation, bearer, type TestApiKey } from '@exchange/platform/testing';
import { createPublishedProgramme, registerStartup, startApplications, type Service } from './helpers';

/**
 * Issue 18, part 2: a business mission over HTTP against the real database — companies, matchmaking
 * with reasons in the reader's language, both sides' answers, the schedule (no double booking), each
 * company's own agenda, outcomes, and a proposed pilot that opens a draft application the startup
 * then submits through the existing journey. Events are read from the outbox (no Kafka needed).
 */
describe('business missions', () => {
  let svc: Service;
  let organiser: { id: string; admin: TestApiKey; manager: TestApiKey; liaison: TestApiKey; reviewer: TestApiKey };
  let partner: { id: string; liaison: TestApiKey; manager: TestApiKey };
  let outsider: { id: string; manager: TestApiKey; admin: TestApiKey };
  /** Delegation: two Korean startups and a Korean company (an organisation). */
  let seoulAi: Awaited<ReturnType<typeof registerStartup>>;
  let busanRobots: Awaited<ReturnType<typeof registerStartup>>;
  let koreanCorp: { id: string; manager: TestApiKey };
  /** Local: a Moscow hospital group and a factory (organisations). */
  let hospital: { id: string; manager: TestApiKey; liaison: TestApiKey };
  let factory: { id: string; manager: TestApiKey };
  let pilotProgramme: { id: string };
  let acceleratorProgramme: { id: string };

  /** Days in the past: the meetings have taken place by the time outcomes are recorded. */
  const missionBody = (over: Record<string, unknown> = {}) => ({
    title: 'Korean medtech delegation to Moscow',
    partnerOrganisationIds: [partner.id],
    hostCity: 'Moscow',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    days: ['2025-05-12', '2025-05-13'],
    dayStartsAt: '09:00',
    dayEndsAt: '10:00',
    slotMinutes: 20,
    rooms: ['Table 1', 'Table 2'],
    ...over,
  });

  async function callIn(language: string, method: string, path: string, key: TestApiKey | { key: string }) {
    const res = await fetch(`${svc.running.url}/v1${path}`, { method, headers: { ...bearer(key), 'accept-language': language } });
    return { status: res.status, body: (await res.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  async function ok(method: string, path: string, key: TestApiKey | { key: string }, body?: unknown, status = 200) {
    const res = await svc.call(method, path, key, body);
    if (res.status !== status) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
    return res.body;
  }

  const missionEvents = (missionId: string): Promise<Array<{ type: string; payload: Record<string, any> }>> => // eslint-disable-line @typescript-eslint/no-explicit-any
    svc.dataSource.query(`SELECT type, payload FROM applications.outbox WHERE key = $1 ORDER BY seq`, [missionId]);

  beforeAll(async () => {
    svc = await startApplications();
    const org = async (kind: 'organising_agency' | 'partner_agency' | 'host' | 'other', country: string) => createTestOrganisation(svc.dataSource, { kind, country });
    const o = await org('organising_agency', 'RU');
    organiser = {
      id: o.id,
      admin: await svc.key('admin', { organisationId: o.id }),
      manager: await svc.key('programme_manager', { organisationId: o.id }),
      liaison: await svc.key('partner_agency', { organisationId: o.id }),
      reviewer: await svc.key('reviewer', { organisationId: o.id }),
    };
    const p = await org('partner_agency', 'KR');
    partner = { id: p.id, liaison: await svc.key('partner_agency', { organisationId: p.id }), manager: await svc.key('programme_manager', { organisationId: p.id }) };
    const t = await org('organising_agency', 'RU');
    outsider = { id: t.id, manager: await svc.key('programme_manager', { organisationId: t.id }), admin: await svc.key('admin', { organisationId: t.id }) };
    seoulAi = await registerStartup(svc, { technologyFields: ['medtech', 'ai'], languages: ['ko', 'en'] });
    busanRobots = await registerStartup(svc, { technologyFields: ['robotics'], languages: ['ko'] });
    const k = await org('other', 'KR');
    koreanCorp = { id: k.id, manager: await svc.key('programme_manager', { organisationId: k.id }) };
    const h = await org('host', 'RU');
    hospital = { id: h.id, manager: await svc.key('programme_manager', { organisationId: h.id }), liaison: await svc.key('partner_agency', { organisationId: h.id }) };
    const f = await org('host', 'RU');
    factory = { id: f.id, manager: await svc.key('programme_manager', { organisationId: f.id }) };
    pilotProgramme = await createPublishedProgramme(svc, organiser.manager, { eligibility: {} });
    acceleratorProgramme = await createPublishedProgramme(svc, organiser.manager, { kind: 'accelerator', eligibility: {} });
  });
  afterAll(async () => {
    await svc?.close();
  });

  it('runs a mission end to end: companies, explained proposals, answers, schedule, agendas, outcomes and a pilot application', async () => {
    // 1. The organiser's manager creates the mission; it starts as a draft.
    const mission = await ok('POST', '/missions', organiser.manager, missionBody(), 201);
    expect(mission).toMatchObject({ state: 'draft', organiserOrganisationId: organiser.id, partnerOrganisationIds: [partner.id], slotCount: 6, rooms: ['Table 1', 'Table 2'] });
    // Matchmaking proposes at most 10 meetings to a company unless the mission says otherwise.
    expect(mission.meetingsPerCompany).toBe(10);

    // 2. Companies on both sides, with what they offer and seek and when they can meet.
    const add = (body: Record<string, unknown>) => ok('POST', `/missions/${mission.id}/participants`, organiser.manager, body, 201);
    const dAi = await add({ side: 'delegation', startupId: seoulAi.id, offers: ['ai-triage'], seeks: ['hospital-network', 'factory-data'] });
    expect(dAi).toMatchObject({ name: seoulAi.startup.name, fields: ['medtech', 'ai'], languages: ['ko', 'en'], availability: null });
    const dRobots = await add({ side: 'delegation', startupId: busanRobots.id, fields: ['robotics', 'manufacturing'], offers: ['cobots'], seeks: ['factory-data'], languages: ['ko', 'en'] });
    const dCorp = await add({ side: 'delegation', organisationId: koreanCorp.id, fields: ['medtech'], offers: ['imaging'], seeks: ['distributor'], languages: ['en'] });
    const lHospital = await add({
      side: 'local',
      organisationId: hospital.id,
      fields: ['medtech'],
      offers: ['hospital-network', 'distributor'],
      seeks: ['ai-triage', 'imaging'],
      languages: ['ru', 'en'],
      // Only the first day's meeting hours.
      availability: [{ day: '2025-05-12', from: '09:00', to: '10:00' }],
    });
    const lFactory = await add({ side: 'local', organisationId: factory.id, fields: ['manufacturing'], offers: ['factory-data'], seeks: ['cobots', 'ai-triage'], languages: ['ru', 'ko'] });

    // 3. Published: the organiser and partners are told.
    expect((await ok('POST', `/missions/${mission.id}/publish`, organiser.admin)).state).toBe('published');

    // 4. Matchmaking proposes meetings, explained in the reader's language.
    const proposals = await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager);
    expect(proposals.proposed).toBeGreaterThanOrEqual(4);
    expect((await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).proposed).toBe(0);
    const english = await callIn('en', 'GET', `/missions/${mission.id}/meetings?limit=100`, organiser.manager);
    const russian = await callIn('ru', 'GET', `/missions/${mission.id}/meetings?limit=100`, organiser.manager);
    expect(english.body.items).toHaveLength(proposals.total);
    const pairOf = (m: { delegation: { participantId: string }; local: { participantId: string } }) => `${m.delegation.participantId}>${m.local.participantId}`;
    const aiHospitalEn = english.body.items.find((m: never) => pairOf(m) === `${dAi.id}>${lHospital.id}`);
    const aiHospitalRu = russian.body.items.find((m: never) => pairOf(m) === `${dAi.id}>${lHospital.id}`);
    expect(aiHospitalEn.state).toBe('proposed');
    expect(aiHospitalEn.reasons.map((r: { code: string }) => r.code)).toEqual(['FIELDS_SHARED', 'DELEGATION_OFFERS_NEED', 'LOCAL_OFFERS_NEED', 'LANGUAGES_SHARED']);
    expect(aiHospitalEn.reasons[1].message).toBe('The delegation company offers what the local company seeks: ai-triage.');
    expect(aiHospitalRu.reasons.map((r: { code: string }) => r.code)).toEqual(aiHospitalEn.reasons.map((r: { code: string }) => r.code));
    expect(aiHospitalRu.reasons[1].message).toMatch(/Компания делегации предлагает то, что ищет местная компания: ai-triage/);
    expect(aiHospitalEn.score).toBeGreaterThan(0.5);

    // 5. A company sees only its own meetings; the partner sees them all; another organisation nothing.
    const ownOfAi = (await ok('GET', `/missions/${mission.id}/meetings?limit=100`, seoulAi.key)).items;
    expect(ownOfAi.length).toBeGreaterThan(0);
    expect(ownOfAi.every((m: { delegation: { participantId: string } }) => m.delegation.participantId === dAi.id)).toBe(true);
    expect((await ok('GET', `/missions/${mission.id}/meetings?limit=100`, partner.liaison)).items).toHaveLength(proposals.total);
    expect((await svc.call('GET', `/missions/${mission.id}/meetings`, outsider.manager)).status).toBe(404);

    // 6. Answers, by the startup itself and the organisations' people: every proposal is accepted by
    // both sides but two, declined by the local side (the factory) or accepted by one side only.
    const keyOf = new Map<string, TestApiKey | { key: string }>([
      [dAi.id, seoulAi.key],
      [dRobots.id, busanRobots.key],
      [dCorp.id, koreanCorp.manager],
      [lHospital.id, hospital.liaison],
      [lFactory.id, factory.manager],
    ]);
    // The partner sees the meeting but is neither of its companies.
    const refused = await svc.call('POST', `/missions/${mission.id}/meetings/${aiHospitalEn.id}/accept`, partner.liaison);
    expect([refused.status, refused.body.code]).toEqual([403, 'MISSION.NOT_A_SIDE']);
    // A company of the mission that is not in this meeting does not find it.
    expect((await svc.call('POST', `/missions/${mission.id}/meetings/${aiHospitalEn.id}/accept`, factory.manager)).status).toBe(404);
    const halfway = await ok('POST', `/missions/${mission.id}/meetings/${aiHospitalEn.id}/accept`, seoulAi.key);
    expect([halfway.state, halfway.delegation.answer, halfway.local.answer]).toEqual(['proposed', 'accepted', 'pending']);
    const aiFactory = english.body.items.find((m: never) => pairOf(m) === `${dAi.id}>${lFactory.id}`);
    const robotsFactory = english.body.items.find((m: never) => pairOf(m) === `${dRobots.id}>${lFactory.id}`);
    const answerOf = (m: { state: string; delegation: { answer: string }; local: { answer: string } }) => [m.state, m.delegation.answer, m.local.answer];
    // A decline by either side declines the meeting, and the other side's acceptance does not undo it.
    expect(answerOf(await ok('POST', `/missions/${mission.id}/meetings/${aiFactory.id}/decline`, factory.manager))).toEqual(['declined', 'pending', 'declined']);
    expect(answerOf(await ok('POST', `/missions/${mission.id}/meetings/${aiFactory.id}/accept`, seoulAi.key))).toEqual(['declined', 'accepted', 'declined']);
    // Until the schedule, the side that declined may change its mind (and back).
    expect(answerOf(await ok('POST', `/missions/${mission.id}/meetings/${aiFactory.id}/accept`, factory.manager))).toEqual(['accepted', 'accepted', 'accepted']);
    expect(answerOf(await ok('POST', `/missions/${mission.id}/meetings/${aiFactory.id}/decline`, factory.manager))).toEqual(['declined', 'accepted', 'declined']);
    // Accepted by the delegation company only: still proposed.
    expect(answerOf(await ok('POST', `/missions/${mission.id}/meetings/${robotsFactory.id}/accept`, busanRobots.key))).toEqual(['proposed', 'accepted', 'pending']);
    const unanswered = new Set([aiFactory.id, robotsFactory.id]);
    for (const m of english.body.items) {
      if (unanswered.has(m.id)) continue;
      await ok('POST', `/missions/${mission.id}/meetings/${m.id}/accept`, keyOf.get(m.delegation.participantId)!);
      const both = await ok('POST', `/missions/${mission.id}/meetings/${m.id}/accept`, keyOf.get(m.local.participantId)!);
      expect(both.state).toBe('accepted');
    }
    const idsIn = async (state: string) => (await ok('GET', `/missions/${mission.id}/meetings?limit=100&state=${state}`, organiser.manager)).items.map((m: { id: string }) => m.id);
    expect(await idsIn('declined')).toEqual([aiFactory.id]);
    expect(await idsIn('proposed')).toEqual([robotsFactory.id]);
    const accepted = proposals.total - 2;
    expect(await idsIn('accepted')).toHaveLength(accepted);

    // 7. The schedule: no company or room twice in a slot, the hospital only on the first day.
    const schedule = await ok('POST', `/missions/${mission.id}/schedule`, organiser.manager);
    // Only the meetings both sides accepted are requested: not the declined one, nor the one accepted by one side.
    expect(schedule).toMatchObject({ requested: accepted, guarantee: expect.stringMatching(/Maximal/) });
    expect(schedule.placed + schedule.unplacedMeetingIds.length).toBe(accepted);
    expect(schedule.placed).toBe(accepted);
    const afterSchedule = (await ok('GET', `/missions/${mission.id}/meetings?limit=100`, organiser.manager)).items as Array<{ id: string; state: string; slot: unknown }>;
    expect(afterSchedule.filter((m) => unanswered.has(m.id)).map((m) => [m.id === aiFactory.id ? 'aiFactory' : 'robotsFactory', m.state, m.slot])).toEqual(
      expect.arrayContaining([
        ['aiFactory', 'declined', null],
        ['robotsFactory', 'proposed', null],
      ]),
    );
    expect(afterSchedule.filter((m) => m.slot !== null)).toHaveLength(accepted);
    const companyTwiceInASlot = await svc.dataSource.query(
      `SELECT company, slot_index FROM (
         SELECT delegation_participant_id AS company, slot_index FROM applications.mission_meetings WHERE mission_id = $1 AND slot_index IS NOT NULL
         UNION ALL SELECT local_participant_id, slot_index FROM applications.mission_meetings WHERE mission_id = $1 AND slot_index IS NOT NULL
       ) t GROUP BY company, slot_index HAVING count(*) > 1`,
      [mission.id],
    );
    expect(companyTwiceInASlot).toEqual([]);
    const roomTwiceInASlot = await svc.dataSource.query(
      `SELECT slot_index, room FROM applications.mission_meetings WHERE mission_id = $1 AND slot_index IS NOT NULL GROUP BY slot_index, room HAVING count(*) > 1`,
      [mission.id],
    );
    const doubleBookings = [...companyTwiceInASlot, ...roomTwiceInASlot];
    expect(doubleBookings).toEqual([]);
    const hospitalSlots = (await svc.dataSource.query(`SELECT slot_index FROM applications.mission_meetings WHERE local_participant_id = $1`, [lHospital.id])) as Array<{ slot_index: number }>;
    expect(hospitalSlots.every((r) => r.slot_index < 3)).toBe(true);
    // Answers are closed once the schedule is out: a declined meeting is not accepted later, a half-accepted one not completed.
    const late = await svc.call('POST', `/missions/${mission.id}/meetings/${aiHospitalEn.id}/decline`, hospital.liaison);
    expect([late.status, late.body.code, late.body.currentState]).toEqual([409, 'MISSION.ILLEGAL_STATE', 'scheduled']);
    for (const [meeting, key] of [
      [aiFactory, factory.manager],
      [robotsFactory, factory.manager],
    ] as const) {
      const closed = await svc.call('POST', `/missions/${mission.id}/meetings/${meeting.id}/accept`, key);
      expect([closed.status, closed.body.code]).toEqual([409, 'MISSION.ILLEGAL_STATE']);
    }
    expect(
      await svc.dataSource.query(`SELECT delegation_answer, local_answer, slot_index FROM applications.mission_meetings WHERE id = ANY($1) ORDER BY id = $2 DESC`, [
        [aiFactory.id, robotsFactory.id],
        aiFactory.id,
      ]),
    ).toEqual([
      { delegation_answer: 'accepted', local_answer: 'declined', slot_index: null },
      { delegation_answer: 'accepted', local_answer: 'pending', slot_index: null },
    ]);

    // 8. Agendas: a company its own meetings by start time, the organiser all of them.
    const agenda = (await ok('GET', `/missions/${mission.id}/agenda?limit=100`, hospital.manager)).items;
    expect(agenda.length).toBe(hospitalSlots.length);
    expect(agenda.every((m: { local: { participantId: string } }) => m.local.participantId === lHospital.id)).toBe(true);
    const starts = agenda.map((m: { slot: { startsAt: string } }) => m.slot.startsAt);
    expect([...starts].sort()).toEqual(starts);
    expect(agenda[0].slot).toMatchObject({ day: '2025-05-12', room: expect.stringMatching(/^Table [12]$/) });
    expect(agenda[0].slot.startsAt.slice(0, 10)).toBe('2025-05-12');
    expect((await ok('GET', `/missions/${mission.id}/agenda?limit=100`, organiser.liaison)).items).toHaveLength(schedule.placed);

    // 9. Outcomes: a follow-up, then a proposed pilot that opens the startup's draft application.
    const corpHospital = english.body.items.find((m: never) => pairOf(m) === `${dCorp.id}>${lHospital.id}`);
    const followUp = await ok('POST', `/missions/${mission.id}/meetings/${corpHospital.id}/outcome`, koreanCorp.manager, { outcome: 'follow_up', note: '다음 달 재방문' });
    expect(followUp.outcome).toMatchObject({ outcome: 'follow_up', note: '다음 달 재방문', pilotApplicationId: null });
    const again = await svc.call('POST', `/missions/${mission.id}/meetings/${corpHospital.id}/outcome`, hospital.manager, { outcome: 'none' });
    expect([again.status, again.body.code]).toEqual([409, 'MISSION.OUTCOME_RECORDED']);
    const byPartner = await svc.call('POST', `/missions/${mission.id}/meetings/${aiHospitalEn.id}/outcome`, partner.liaison, { outcome: 'none' });
    expect(byPartner.status).toBe(403);
    // The declined meeting has no place in the schedule, so no outcome.
    const declinedOutcome = await svc.call('POST', `/missions/${mission.id}/meetings/${aiFactory.id}/outcome`, factory.manager, { outcome: 'follow_up' });
    expect([declinedOutcome.status, declinedOutcome.body.code]).toEqual([409, 'MISSION.MEETING_NOT_PLACED']);

    const pilot = await ok('POST', `/missions/${mission.id}/meetings/${aiHospitalEn.id}/outcome`, hospital.manager, {
      outcome: 'pilot_proposed',
      note: 'Night triage pilot in the cardiology ward',
      pilotApplication: { programmeId: pilotProgramme.id, startupId: seoulAi.id },
    });
    const applicationId = pilot.outcome.pilotApplicationId as string;
    expect(applicationId).toEqual(expect.any(String));
    const draft = await ok('GET', `/applications/${applicationId}`, seoulAi.key);
    expect(draft).toMatchObject({ id: applicationId, state: 'draft', programmeId: pilotProgramme.id });
    // The existing journey carries on: the startup submits its application.
    const submitted = await ok('POST', `/applications/${applicationId}/submit`, seoulAi.key);
    expect(submitted.state).toBe('submitted');

    // 10. Events on the applications topic, keyed by the mission, naming who receives them.
    const events = await missionEvents(mission.id);
    expect(events.map((e) => e.type)).toEqual(['mission.published', 'mission.schedule_published', 'mission.meeting_outcome_recorded', 'mission.meeting_outcome_recorded']);
    for (const e of events) expect(e.payload.mission).toEqual({ id: mission.id, organiserOrgId: organiser.id, partnerOrgIds: [partner.id] });
    expect(events[0].payload).toMatchObject({ participants: 5, days: ['2025-05-12', '2025-05-13'] });
    expect(events[1].payload).toMatchObject({ requested: accepted, placed: schedule.placed, unplaced: 0 });
    expect(events[3].payload).toMatchObject({
      outcome: 'pilot_proposed',
      delegation: { participantId: dAi.id, startupId: seoulAi.id, organisationId: null },
      local: { participantId: lHospital.id, organisationId: hospital.id, startupId: null },
      pilotApplication: { applicationId, programmeId: pilotProgramme.id },
    });
  });

  describe('tenant rules', () => {
    let mission: { id: string };
    let robotsParticipant: { id: string };
    beforeAll(async () => {
      mission = await ok('POST', '/missions', organiser.manager, missionBody(), 201);
      robotsParticipant = await ok('POST', `/missions/${mission.id}/participants`, organiser.manager, { side: 'delegation', startupId: busanRobots.id, offers: ['cobots'] }, 201);
      await ok('POST', `/missions/${mission.id}/participants`, organiser.manager, { side: 'local', organisationId: factory.id, seeks: ['cobots'], fields: ['robotics'] }, 201);
    });

    it("hides a mission from another organisation and a startup not taking part (404), and shows it to the partner and the companies", async () => {
      const stranger = await registerStartup(svc);
      for (const key of [outsider.manager, outsider.admin, stranger.key, hospital.manager]) {
        for (const path of [`/missions/${mission.id}`, `/missions/${mission.id}/participants`, `/missions/${mission.id}/meetings`, `/missions/${mission.id}/agenda`]) {
          const res = await svc.call('GET', path, key);
          expect([path, res.status, res.body.code]).toEqual([path, 404, 'MISSION.NOT_FOUND']);
        }
        expect((await svc.call('GET', '/missions?limit=100', key)).body.items.map((m: { id: string }) => m.id)).not.toContain(mission.id);
      }
      for (const key of [partner.liaison, busanRobots.key, factory.manager, organiser.liaison]) {
        expect((await svc.call('GET', `/missions/${mission.id}`, key)).status).toBe(200);
        expect((await svc.call('GET', '/missions?limit=100', key)).body.items.map((m: { id: string }) => m.id)).toContain(mission.id);
      }
      // A reviewer of the organiser is refused by role.
      expect((await svc.call('GET', `/missions/${mission.id}`, organiser.reviewer)).status).toBe(403);
    });

    it("lets only the organiser's admins and managers run it: insiders get 403, outsiders 404, and nothing changes", async () => {
      const before = await svc.dataSource.query(`SELECT state, version FROM applications.missions WHERE id = $1`, [mission.id]);
      for (const [key, status] of [
        [partner.manager, 403],
        [factory.manager, 403],
        [outsider.manager, 404],
      ] as const) {
        expect((await svc.call('POST', `/missions/${mission.id}/publish`, key)).status).toBe(status);
        expect((await svc.call('POST', `/missions/${mission.id}/proposals`, key)).status).toBe(status);
        expect((await svc.call('POST', `/missions/${mission.id}/participants`, key, { side: 'local', organisationId: hospital.id })).status).toBe(status);
      }
      expect(await svc.dataSource.query(`SELECT state, version FROM applications.missions WHERE id = $1`, [mission.id])).toEqual(before);
      expect((await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.mission_participants WHERE mission_id = $1`, [mission.id]))[0].n).toBe(2);
    });

    it('refuses a company twice, an unknown one, and availability outside the mission days', async () => {
      const twice = await svc.call('POST', `/missions/${mission.id}/participants`, organiser.manager, { side: 'local', startupId: busanRobots.id });
      expect([twice.status, twice.body.code]).toEqual([409, 'MISSION.ALREADY_PARTICIPANT']);
      const unknownStartup = await svc.call('POST', `/missions/${mission.id}/participants`, organiser.manager, { side: 'local', startupId: randomUUID() });
      expect([unknownStartup.status, unknownStartup.body.code, unknownStartup.body.errors[0].field]).toEqual([422, 'MISSION.UNKNOWN_STARTUP', 'startupId']);
      const unknownOrg = await svc.call('POST', `/missions/${mission.id}/participants`, organiser.manager, { side: 'local', organisationId: randomUUID() });
      expect([unknownOrg.status, unknownOrg.body.errors[0].field]).toEqual([422, 'organisationId']);
      const both = await svc.call('POST', `/missions/${mission.id}/participants`, organiser.manager, { side: 'local', organisationId: hospital.id, startupId: seoulAi.id });
      expect([both.status, both.body.errors[0].field]).toEqual([400, 'organisationId']);
      const offDay = await svc.call('POST', `/missions/${mission.id}/participants`, organiser.manager, {
        side: 'local',
        organisationId: hospital.id,
        availability: [{ day: '2025-06-01', from: '09:00', to: '10:00' }],
      });
      expect([offDay.status, offDay.body.code]).toEqual([422, 'MISSION.INVALID_AVAILABILITY']);
      const backwards = await svc.call('POST', `/missions/${mission.id}/participants`, organiser.manager, {
        side: 'local',
        organisationId: hospital.id,
        availability: [{ day: '2025-05-12', from: '10:00', to: '09:00' }],
      });
      expect(backwards.status).toBe(422);
      expect((await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.mission_participants WHERE mission_id = $1`, [mission.id]))[0].n).toBe(2);
      expect(robotsParticipant.id).toEqual(expect.any(String));
    });

    it("refuses a pilot application for a startup outside the meeting or to a programme that is not a published pilot programme", async () => {
      await ok('POST', `/missions/${mission.id}/publish`, organiser.manager);
      await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager);
      const [meeting] = (await ok('GET', `/missions/${mission.id}/meetings`, organiser.manager)).items;
      await ok('POST', `/missions/${mission.id}/meetings/${meeting.id}/accept`, busanRobots.key);
      // Not scheduled yet: no outcome.
      const early = await svc.call('POST', `/missions/${mission.id}/meetings/${meeting.id}/outcome`, busanRobots.key, { outcome: 'none' });
      expect([early.status, early.body.code]).toEqual([409, 'MISSION.ILLEGAL_STATE']);
      await ok('POST', `/missions/${mission.id}/meetings/${meeting.id}/accept`, factory.manager);
      expect((await ok('POST', `/missions/${mission.id}/schedule`, organiser.manager)).placed).toBe(1);
      const again = await svc.call('POST', `/missions/${mission.id}/schedule`, organiser.manager);
      expect([again.status, again.body.code]).toEqual([409, 'MISSION.ILLEGAL_STATE']);
      const cases = [
        [{ outcome: 'pilot_proposed', pilotApplication: { programmeId: acceleratorProgramme.id, startupId: busanRobots.id } }, 'pilotApplication.programmeId'],
        [{ outcome: 'pilot_proposed', pilotApplication: { programmeId: randomUUID(), startupId: busanRobots.id } }, 'pilotApplication.programmeId'],
        [{ outcome: 'pilot_proposed', pilotApplication: { programmeId: pilotProgramme.id, startupId: seoulAi.id } }, 'pilotApplication.startupId'],
        [{ outcome: 'follow_up', pilotApplication: { programmeId: pilotProgramme.id, startupId: busanRobots.id } }, 'pilotApplication'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await svc.call('POST', `/missions/${mission.id}/meetings/${meeting.id}/outcome`, busanRobots.key, body);
        expect([res.status, res.body.code, res.body.errors?.[0]?.field]).toEqual([422, 'MISSION.INVALID_PILOT_APPLICATION', field]);
      }
      expect((await svc.dataSource.query(`SELECT outcome, pilot_application_id FROM applications.mission_meetings WHERE id = $1`, [meeting.id]))[0]).toEqual({ outcome: null, pilot_application_id: null });
      expect((await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.applications WHERE startup_id = $1`, [busanRobots.id]))[0].n).toBe(0);
    });
  });

  describe('meetings per company', () => {
    it('proposes at most meetingsPerCompany to each company; a re-run adds none past it, and a declined meeting frees a place', async () => {
      const mission = await ok('POST', '/missions', organiser.manager, missionBody({ meetingsPerCompany: 1 }), 201);
      expect(mission.meetingsPerCompany).toBe(1);
      expect((await ok('GET', `/missions/${mission.id}`, partner.liaison)).meetingsPerCompany).toBe(1);
      const add = (body: Record<string, unknown>) => ok('POST', `/missions/${mission.id}/participants`, organiser.manager, body, 201);
      const dAi = await add({ side: 'delegation', startupId: seoulAi.id, offers: ['ai-triage'], seeks: ['hospital-network', 'factory-data'] });
      const dRobots = await add({ side: 'delegation', startupId: busanRobots.id, fields: ['robotics', 'manufacturing'], offers: ['cobots'], seeks: ['factory-data'], languages: ['ko', 'en'] });
      const lHospital = await add({ side: 'local', organisationId: hospital.id, fields: ['medtech'], offers: ['hospital-network', 'distributor'], seeks: ['ai-triage', 'imaging'], languages: ['ru', 'en'] });
      const lFactory = await add({ side: 'local', organisationId: factory.id, fields: ['manufacturing'], offers: ['factory-data'], seeks: ['cobots', 'ai-triage'], languages: ['ru', 'ko'] });
      await ok('POST', `/missions/${mission.id}/publish`, organiser.manager);
      const pairs = async () =>
        ((await ok('GET', `/missions/${mission.id}/meetings?limit=100`, organiser.manager)).items as Array<{ id: string; state: string; delegation: { participantId: string }; local: { participantId: string } }>).map(
          (m) => ({ id: m.id, state: m.state, pair: `${m.delegation.participantId}>${m.local.participantId}` }),
        );
      // Three pairs have something to talk about; best first (robots–factory 0.85, AI–hospital 0.7), the third (AI–factory 0.45) would take two companies past 1.
      expect(await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).toEqual({ proposed: 2, total: 2 });
      const first = await pairs();
      expect(first.map((m) => m.pair).sort()).toEqual([`${dAi.id}>${lHospital.id}`, `${dRobots.id}>${lFactory.id}`].sort());
      expect(await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).toEqual({ proposed: 0, total: 2 });
      // One decline frees a place for one company only: still no pair with both companies free.
      await ok('POST', `/missions/${mission.id}/meetings/${first.find((m) => m.pair === `${dAi.id}>${lHospital.id}`)!.id}/decline`, hospital.manager);
      expect(await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).toEqual({ proposed: 0, total: 2 });
      // With the factory's meeting declined too, the AI startup and the factory meet instead; the declined pairs are not proposed again.
      await ok('POST', `/missions/${mission.id}/meetings/${first.find((m) => m.pair === `${dRobots.id}>${lFactory.id}`)!.id}/decline`, busanRobots.key);
      expect(await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).toEqual({ proposed: 1, total: 3 });
      const second = await pairs();
      expect(second.filter((m) => m.state !== 'declined').map((m) => m.pair)).toEqual([`${dAi.id}>${lFactory.id}`]);
      expect(await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).toEqual({ proposed: 0, total: 3 });
    });
  });

  describe('outcomes of meetings that did not take place', () => {
    it('refuses an outcome for an accepted meeting the schedule left out (MEETING_NOT_PLACED) and for one not yet held (MEETING_NOT_HELD)', async () => {
      // One slot and one table, on a day to come: of two accepted meetings one is placed, in the future.
      const mission = await ok('POST', '/missions', organiser.manager, missionBody({ days: ['2030-06-10'], dayStartsAt: '09:00', dayEndsAt: '09:20', rooms: ['Table 1'] }), 201);
      expect(mission.slotCount).toBe(1);
      const add = (body: Record<string, unknown>) => ok('POST', `/missions/${mission.id}/participants`, organiser.manager, body, 201);
      await add({ side: 'delegation', startupId: busanRobots.id, fields: ['robotics'], offers: ['cobots'], languages: ['en'] });
      await add({ side: 'delegation', organisationId: koreanCorp.id, fields: ['medtech'], offers: ['imaging'], languages: ['en'] });
      await add({ side: 'local', organisationId: factory.id, fields: ['robotics'], seeks: ['cobots'], languages: ['en'] });
      await add({ side: 'local', organisationId: hospital.id, fields: ['medtech'], seeks: ['imaging'], languages: ['en'] });
      await ok('POST', `/missions/${mission.id}/publish`, organiser.manager);
      expect((await ok('POST', `/missions/${mission.id}/proposals`, organiser.manager)).proposed).toBe(2);
      const meetings = (await ok('GET', `/missions/${mission.id}/meetings?limit=100`, organiser.manager)).items as Array<{ id: string; delegation: { startupId: string | null } }>;
      const keys = (m: { delegation: { startupId: string | null } }) => (m.delegation.startupId ? [busanRobots.key, factory.manager] : [koreanCorp.manager, hospital.manager]);
      for (const m of meetings) for (const key of keys(m)) await ok('POST', `/missions/${mission.id}/meetings/${m.id}/accept`, key);
      const schedule = await ok('POST', `/missions/${mission.id}/schedule`, organiser.manager);
      expect([schedule.requested, schedule.placed, schedule.unplacedMeetingIds.length]).toEqual([2, 1, 1]);
      const unplaced = meetings.find((m) => m.id === schedule.unplacedMeetingIds[0])!;
      const placed = meetings.find((m) => m.id !== unplaced.id)!;

      const notPlaced = await svc.call('POST', `/missions/${mission.id}/meetings/${unplaced.id}/outcome`, keys(unplaced)[0], { outcome: 'follow_up' });
      expect([notPlaced.status, notPlaced.body.code]).toEqual([409, 'MISSION.MEETING_NOT_PLACED']);
      expect(notPlaced.headers.get('content-type')).toContain('application/problem+json');
      // The organiser is refused the same way.
      expect((await svc.call('POST', `/missions/${mission.id}/meetings/${unplaced.id}/outcome`, organiser.manager, { outcome: 'none' })).body.code).toBe('MISSION.MEETING_NOT_PLACED');

      const [{ starts_at: startsAt }] = (await svc.dataSource.query(`SELECT starts_at FROM applications.mission_meetings WHERE id = $1`, [placed.id])) as Array<{ starts_at: Date }>;
      expect(startsAt.toISOString()).toBe('2030-06-10T06:00:00.000Z');
      const notHeld = await svc.call('POST', `/missions/${mission.id}/meetings/${placed.id}/outcome`, keys(placed)[1], { outcome: 'agreement_signed' });
      expect([notHeld.status, notHeld.body.code, notHeld.body.startsAt]).toEqual([409, 'MISSION.MEETING_NOT_HELD', '2030-06-10T06:00:00.000Z']);
      expect(notHeld.body.detail).toContain('2030-06-10T06:00:00.000Z');

      expect(
        await svc.dataSource.query(`SELECT outcome, outcome_recorded_at FROM applications.mission_meetings WHERE mission_id = $1`, [mission.id]),
      ).toEqual([
        { outcome: null, outcome_recorded_at: null },
        { outcome: null, outcome_recorded_at: null },
      ]);
      expect((await missionEvents(mission.id)).map((e) => e.type)).toEqual(['mission.published', 'mission.schedule_published']);
    });
  });

  describe('hostile input', () => {
    it('refuses unbounded, malformed and unknown fields with 400, never a 5xx, and writes nothing', async () => {
      const countOf = async () => (await svc.dataSource.query(`SELECT count(*)::int AS n FROM applications.missions WHERE organiser_organisation_id = $1`, [outsider.id]))[0].n;
      const before = await countOf();
      const bodies = [
        missionBody({ partnerOrganisationIds: [] , slotMinutes: 100_000 }),
        missionBody({ partnerOrganisationIds: [], days: Array.from({ length: 15 }, (_, i) => `2026-06-${String(i + 1).padStart(2, '0')}`) }),
        missionBody({ partnerOrganisationIds: [], days: ['2026-02-31'] }),
        missionBody({ partnerOrganisationIds: [], dayStartsAt: '25:00' }),
        missionBody({ partnerOrganisationIds: [], rooms: [] }),
        missionBody({ partnerOrganisationIds: [], rooms: ['a\u0000b'] }),
        missionBody({ partnerOrganisationIds: [], title: 'x'.repeat(301) }),
        missionBody({ partnerOrganisationIds: [], timeZone: 'Mars/Olympus' }),
        missionBody({ partnerOrganisationIds: ['not-a-uuid'] }),
        missionBody({ partnerOrganisationIds: [], organiserOrganisationId: organiser.id }),
        missionBody({ partnerOrganisationIds: [], rooms: 'Table 1' }),
      ];
      for (const body of bodies) {
        const res = await svc.call('POST', '/missions', outsider.manager, body);
        expect([JSON.stringify(body).slice(0, 80), res.status]).toEqual([JSON.stringify(body).slice(0, 80), 400]);
      }
      // Valid fields, unusable calendar: 422 naming the field.
      const noSlot = await svc.call('POST', '/missions', outsider.manager, missionBody({ partnerOrganisationIds: [], dayStartsAt: '09:00', dayEndsAt: '09:10', slotMinutes: 20 }));
      expect([noSlot.status, noSlot.body.code, noSlot.body.errors[0].field]).toEqual([422, 'MISSION.INVALID_CALENDAR', 'dayEndsAt']);
      const sameRoom = await svc.call('POST', '/missions', outsider.manager, missionBody({ partnerOrganisationIds: [], rooms: ['A', ' A'] }));
      expect([sameRoom.status, sameRoom.body.errors[0].field]).toEqual([422, 'rooms']);
      const unknownPartner = await svc.call('POST', '/missions', outsider.manager, missionBody({ partnerOrganisationIds: [randomUUID()] }));
      expect([unknownPartner.status, unknownPartner.body.code, unknownPartner.body.errors[0].field]).toEqual([422, 'MISSION.UNKNOWN_ORGANISATION', 'partnerOrganisationIds']);
      const selfPartner = await svc.call('POST', '/missions', outsider.manager, missionBody({ partnerOrganisationIds: [outsider.id] }));
      expect(selfPartner.status).toBe(422);
      // meetingsPerCompany: a whole number from 1 to 60, or left out (10).
      for (const meetingsPerCompany of [0, 1000, 'ten', 2.5, -1, 61, null, '10', true]) {
        const res = await svc.call('POST', '/missions', outsider.manager, missionBody({ partnerOrganisationIds: [], meetingsPerCompany }));
        expect([meetingsPerCompany, res.status, res.headers.get('content-type'), res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
          meetingsPerCompany,
          400,
          expect.stringContaining('application/problem+json'),
          expect.arrayContaining(['meetingsPerCompany']),
        ]);
      }
      expect(await countOf()).toBe(before);
    });

    it('refuses malformed tags and ids in a participant, and a path id that is not a UUID', async () => {
      const mission = await ok('POST', '/missions', outsider.manager, missionBody({ partnerOrganisationIds: [] }), 201);
      for (const body of [
        { side: 'local', organisationId: hospital.id, offers: ['has space'] },
        { side: 'local', organisationId: hospital.id, seeks: Array.from({ length: 21 }, (_, i) => `tag-${i}`) },
        { side: 'local', organisationId: hospital.id, languages: ['xx-long'] },
        { side: 'visitor', organisationId: hospital.id },
        { side: 'local', organisationId: hospital.id, availability: [{ day: '2025-05-12', from: '9am', to: '10:00' }] },
        { side: 'local', organisationId: hospital.id, availability: { day: '2025-05-12' } },
      ]) {
        const res = await svc.call('POST', `/missions/${mission.id}/participants`, outsider.manager, body);
        expect([JSON.stringify(body).slice(0, 60), res.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
      }
      expect((await svc.call('GET', '/missions/not-a-uuid', outsider.manager)).status).toBe(400);
      expect((await svc.call('POST', `/missions/${mission.id}/meetings/${randomUUID()}/accept`, outsider.manager)).status).toBe(404);
      const outcome = await svc.call('POST', `/missions/${mission.id}/meetings/${randomUUID()}/outcome`, outsider.manager, { outcome: 'signed_anything' });
      expect(outcome.status).toBe(400);
    });
  });
});
