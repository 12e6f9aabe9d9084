import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent, type EventInput, type EventType } from '@exchange/contracts';
import type { EventHandler } from '@exchange/messaging';
import type { RunningService } from '@exchange/platform';
import { bearer, issueTestApiKey, type TestApiKey } from '@exchange/platform/testing';
import { CohortsConsumerGroup } from '../src/consumers/consumer-group';
import { apiOf, cohortBody, knownProgramme, outboxEvents, seedCandidates, startCohorts, startupKey, type Api, type SeedCandidate } from './helpers';

interface Cohort { id: string; version: number; state: string }
interface Juror { principalId: string; state: string; conflicts: Array<{ startupId: string; source: string }> }
interface Session { id: string; state: string; slots: Array<{ id: string; startupId: string; localStartTime: string; attendance: string }>; jurors: Juror[] }
interface PitchResult {
  startupId: string;
  group: string;
  outcome: string;
  reason: string | null;
  pitched: boolean;
  pitchScore: number | null;
  maxScore: number | null;
  jurors: number;
  minJurors: number | null;
  rank: number | null;
  waitlistPosition: number | null;
  explanation: { code: string; message: string };
}
interface Entry { memberId: string | null; startupId: string; group: string; rank: number; effectiveScore: number; placement: string; waitlistPosition: number | null; excludedReason: string | null }
interface Selection { preview: boolean; final: boolean; openSessionIds: string[]; version: number; rankedBy: string; rule: { groupBy: string; perGroup: number }; offers: Entry[]; waitlist: Entry[]; excluded: Entry[] }
type Problem = { code: string; errors?: Array<{ field: string }> } & Record<string, unknown>;

const DAY = '2030-03-10';
const RUBRIC = { criteria: [{ key: 'team', label: '팀 (Team)', weight: 2 }, { key: 'market', label: 'Рынок (Market)', weight: 1 }], maxScore: 10 };
const scores = (team: number, market: number) => ({ scores: [{ criterion: 'team', score: team }, { criterion: 'market', score: market }] });
/** A start on the session's day in Seoul (UTC+9). */
const at = (hhmm: string) => `${DAY}T${hhmm}:00+09:00`;

describe('pitch days judged by a jury (cohorts service, over HTTP)', () => {
  let running: RunningService;
  let ds: DataSource;
  let api: Api;
  let manager: TestApiKey;
  let partner: TestApiKey;
  let outsider: TestApiKey;
  let jurors: TestApiKey[];
  let idle: TestApiKey;
  let foreignReviewer: TestApiKey;

  beforeAll(async () => {
    running = await startCohorts();
    ds = running.app.get(DataSource);
    api = apiOf(running);
    manager = await issueTestApiKey(ds, { role: 'programme_manager' });
    partner = await issueTestApiKey(ds, { role: 'partner_agency' });
    outsider = await issueTestApiKey(ds, { role: 'programme_manager' });
    jurors = [];
    for (let i = 0; i < 4; i++) jurors.push(await issueTestApiKey(ds, { role: 'reviewer', organisationId: manager.organisationId! }));
    idle = await issueTestApiKey(ds, { role: 'reviewer', organisationId: manager.organisationId! });
    foreignReviewer = await issueTestApiKey(ds, { role: 'reviewer' });
  });
  afterAll(async () => {
    await running?.close();
  });

  // Group A: a1..a6 pitch (a6 will be absent), a7 gets no slot; group B: b1..b4; u1 is in no group.
  const SET: SeedCandidate[] = [
    ...['a1', 'a2', 'a4', 'a5', 'a6', 'a7'].map((label) => ({ label, country: 'KR', score: 50 })),
    // a3 was accepted earlier than a2: it wins their tie.
    { label: 'a3', country: 'RU', score: 50, acceptedAt: '2027-01-05T00:00:00Z' },
    ...['b1', 'b2', 'b3', 'b4'].map((label) => ({ label, country: 'RU', score: 50 })),
    // The best review score, but it never pitches.
    { label: 'u1', country: 'KR', score: 99 },
  ];

  /** A startup's own pitch-day result, in the language asked for. */
  async function resultOf(cohortId: string, key: TestApiKey, language?: string): Promise<{ status: number; body: PitchResult & Problem }> {
    const res = await fetch(`${running.url}/v1/cohorts/${cohortId}/pitch-day/result`, { headers: { ...bearer(key), ...(language ? { 'accept-language': language } : {}) } });
    return { status: res.status, body: (await res.json()) as PitchResult & Problem };
  }

  /** Events of the applications topic applied by the service's own consumer handlers, as the consumer applies them (no Kafka). */
  async function consume<T extends EventType>(type: T, data: EventInput<T>): Promise<void> {
    const handler = running.app.get(CohortsConsumerGroup).handlers[type] as EventHandler<T>;
    const event = createEvent({ type, data, source: '/test/pitch-days' });
    await ds.transaction((tx) => handler(event, tx));
  }

  async function setUp(pitchDayBody: Record<string, unknown> = {}) {
    const programmeId = await knownProgramme(ds, manager.organisationId!, { partnerOrgIds: [partner.organisationId!] });
    const startups = await seedCandidates(ds, programmeId, [manager.organisationId!], SET);
    const label = new Map([...startups].map(([l, id]) => [id, l]));
    const created = await api<Cohort>('POST', '/cohorts', manager, cohortBody(programmeId, { capacity: 20, partnerOrganisationIds: [partner.organisationId], selectionRule: { groupBy: 'country', perGroup: 5 } }));
    expect(created.status).toBe(201);
    const assignments = [...startups].filter(([l]) => l !== 'u1').map(([l, startupId]) => ({ startupId, pitchGroup: l.startsWith('a') ? 'Group A' : 'Group B' }));
    const assigned = await api('PUT', `/cohorts/${created.body.id}/pitch-groups`, manager, { version: created.body.version, assignments });
    expect(assigned.status).toBe(200);
    const pitchDay = await api<{ id: string; perGroup: number; state: string }>('POST', `/cohorts/${created.body.id}/pitch-day`, manager, pitchDayBody);
    expect(pitchDay.status).toBe(201);
    expect(pitchDay.body).toMatchObject({ perGroup: 3, state: 'open' });
    const session = async (group: string, minJurors: number) => {
      const res = await api<Session>('POST', `/cohorts/${created.body.id}/pitch-day/sessions`, manager, {
        pitchGroup: group,
        name: `피칭 ${group}`,
        day: DAY,
        timeZone: 'Asia/Seoul',
        rubric: RUBRIC,
        minJurors,
      });
      expect(res.status).toBe(201);
      return res.body.id;
    };
    return { programmeId, startups, label, cohortId: created.body.id, sessionA: await session('Group A', 2), sessionB: await session('Group B', 3), id: (l: string) => startups.get(l)! };
  }

  it('runs a pitch day: slots, jury, scores, a recusal met by a replacement, and a selection of the best three per group', async () => {
    const { cohortId, sessionA, sessionB, id, label } = await setUp();
    // One key per startup (a startup has one principal).
    const startupKeys = new Map<string, Promise<TestApiKey>>();
    const keyOf = (l: string) => startupKeys.get(l) ?? startupKeys.set(l, startupKey(ds, id(l))).get(l)!;
    const slot = async (session: string, l: string, start: string, minutes = 10) => api<{ id: string; localStartTime: string } & Problem>('POST', `/pitch-sessions/${session}/slots`, manager, { startupId: id(l), startsAt: at(start), minutes });

    // Slots of group A from 10:00 Seoul time; 09:30 given in UTC is the same day in Seoul.
    const slotIds = new Map<string, string>();
    for (const [l, start] of [['a1', '10:00'], ['a2', '10:10'], ['a3', '10:20'], ['a4', '10:30'], ['a5', '10:40'], ['a6', '10:50']] as const) {
      const res = await slot(sessionA, l, start);
      expect(res.status).toBe(201);
      slotIds.set(l, res.body.id);
    }
    const utc = await api<{ id: string; localStartTime: string; startsAt: string }>('POST', `/pitch-sessions/${sessionB}/slots`, manager, { startupId: id('b1'), startsAt: '2030-03-10T00:30:00Z', minutes: 10 });
    expect(utc.status).toBe(201);
    expect(utc.body).toMatchObject({ localStartTime: '09:30', startsAt: '2030-03-10T00:30:00.000Z' });
    slotIds.set('b1', utc.body.id);
    for (const [l, start] of [['b2', '10:00'], ['b3', '10:10'], ['b4', '10:20']] as const) {
      const res = await slot(sessionB, l, start);
      expect(res.status).toBe(201);
      slotIds.set(l, res.body.id);
    }

    // Double booking: a1 again (overlapping its own slot), or a second slot of a1 at another time.
    const twice = await slot(sessionA, 'a1', '10:05');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'PITCH_DAY.STARTUP_DOUBLE_BOOKED', startupId: id('a1'), rule: 'overlap' });
    const again = await slot(sessionA, 'a1', '15:00');
    expect(again.body).toMatchObject({ code: 'PITCH_DAY.STARTUP_DOUBLE_BOOKED', startupId: id('a1'), rule: 'one_slot_per_pitch_day' });
    // One pitch at a time on a session's stage; a7 would overlap a6.
    const stage = await slot(sessionA, 'a7', '10:55');
    expect(stage.status).toBe(409);
    expect(stage.body).toMatchObject({ code: 'PITCH_DAY.SLOT_OVERLAP', slotId: slotIds.get('a6') });
    // Off the session's day in Seoul (23:55 + 10 minutes), and a startup of another group.
    const late = await slot(sessionA, 'a7', '23:55');
    expect(late.status).toBe(422);
    expect(late.body).toMatchObject({ code: 'PITCH_DAY.SLOT_OUTSIDE_DAY', errors: [{ field: 'startsAt' }] });
    const wrongGroup = await slot(sessionA, 'b1', '16:00');
    expect(wrongGroup.status).toBe(422);
    expect(wrongGroup.body).toMatchObject({ code: 'PITCH_DAY.NOT_IN_GROUP', errors: [{ field: 'startupId' }] });
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_slots WHERE session_id = ANY ($1::uuid[])`, [[sessionA, sessionB]]))[0].n).toBe(10);

    // Juries: j1, j2, j3 judge A; j1, j2, j4 judge B. Only reviewers of the organising organisation.
    const [j1, j2, j3, j4] = jurors;
    for (const [session, juror] of [[sessionA, j1], [sessionA, j2], [sessionA, j3], [sessionB, j1], [sessionB, j2], [sessionB, j4]] as const) {
      expect((await api('POST', `/pitch-sessions/${session}/jurors`, manager, { principalId: juror.principalId })).status).toBe(201);
    }
    const foreign = await api<Problem>('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: foreignReviewer.principalId });
    expect(foreign.status).toBe(422);
    expect(foreign.body).toMatchObject({ code: 'PITCH_DAY.NOT_A_REVIEWER', errors: [{ field: 'principalId' }] });
    expect((await api<Problem>('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: manager.principalId })).body.code).toBe('PITCH_DAY.NOT_A_REVIEWER');
    expect((await api<Problem>('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: j1.principalId })).body).toMatchObject({ code: 'PITCH_DAY.ALREADY_JUROR' });

    const score = (juror: TestApiKey, session: string, l: string, team: number, market: number) =>
      api<{ weightedScore: number } & Problem>('PUT', `/pitch-sessions/${session}/slots/${slotIds.get(l)}/score`, juror, scores(team, market));
    const expectScored = async (juror: TestApiKey, session: string, l: string, team: number, market: number) => {
      const res = await score(juror, session, l, team, market);
      expect([l, res.status]).toEqual([l, 200]);
      return res.body;
    };

    // Group A by three jurors. j3 scores a2 low and a4, a5 high, then recuses.
    expect((await expectScored(j1, sessionA, 'a1', 5, 5)).weightedScore).toBe(5);
    // A second submit replaces the first while the session is open.
    expect((await expectScored(j1, sessionA, 'a1', 9, 9)).weightedScore).toBe(9);
    await expectScored(j2, sessionA, 'a1', 9, 9);
    await expectScored(j3, sessionA, 'a1', 9, 9);
    await expectScored(j1, sessionA, 'a2', 8, 8);
    await expectScored(j2, sessionA, 'a2', 8, 8);
    await expectScored(j3, sessionA, 'a2', 2, 2);
    await expectScored(j1, sessionA, 'a3', 8.5, 7);
    await expectScored(j2, sessionA, 'a3', 7.5, 9);
    await expectScored(j1, sessionA, 'a4', 7, 7);
    await expectScored(j3, sessionA, 'a4', 10, 10);
    await expectScored(j1, sessionA, 'a5', 10, 10);
    await expectScored(j3, sessionA, 'a5', 10, 10);
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_scores WHERE slot_id = $1`, [slotIds.get('a1')]))[0].n).toBe(3);

    // a6 did not show up: marked absent, nothing to score.
    const absent = await api<{ attendance: string }>('PUT', `/pitch-sessions/${sessionA}/slots/${slotIds.get('a6')}/attendance`, manager, { absent: true });
    expect(absent.status).toBe(200);
    expect(absent.body.attendance).toBe('absent');
    expect((await score(j1, sessionA, 'a6', 10, 10)).body).toMatchObject({ code: 'PITCH_DAY.SLOT_ABSENT' });

    // Group B, quorum 3; j2 declares a conflict with b2, so b2 keeps two counted scores.
    for (const juror of [j1, j2, j4]) {
      await expectScored(juror, sessionB, 'b1', 6, 6);
      await expectScored(juror, sessionB, 'b2', 10, 10);
      await expectScored(juror, sessionB, 'b3', 5, 5);
      await expectScored(juror, sessionB, 'b4', 4, 4);
    }
    const conflict = await api<{ scope: string; activeJurors: number }>('POST', `/pitch-sessions/${sessionB}/recusals`, j2, { startupId: id('b2'), reason: 'I mentored this team.' });
    expect(conflict.status).toBe(200);
    expect(conflict.body).toMatchObject({ scope: 'startup', activeJurors: 3 });
    expect((await score(j2, sessionB, 'b2', 10, 10)).body).toMatchObject({ code: 'PITCH_DAY.JUROR_RECUSED', scope: 'startup' });

    // j3 recuses from session A: its scores stop counting; a4 and a5 drop below the quorum of 2.
    const recusal = await api<{ scope: string; activeJurors: number; minJurors: number }>('POST', `/pitch-sessions/${sessionA}/recusals`, j3, { reason: 'I advise one of these startups.' });
    expect(recusal.status).toBe(200);
    expect(recusal.body).toMatchObject({ scope: 'session', activeJurors: 2, minJurors: 2 });
    expect((await score(j3, sessionA, 'a1', 1, 1)).body).toMatchObject({ code: 'PITCH_DAY.JUROR_RECUSED', scope: 'session' });
    expect((await api<Problem>('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: j3.principalId })).body).toMatchObject({ code: 'PITCH_DAY.ALREADY_JUROR', currentState: 'recused' });
    const meanwhile = await api<Selection>('POST', `/cohorts/${cohortId}/selection/preview`, manager);
    // Not final while sessions are open: scores may still change, and the commit is refused.
    expect(meanwhile.body).toMatchObject({ preview: true, final: false, openSessionIds: [sessionA, sessionB] });
    // Nor can a startup read a result yet.
    expect((await resultOf(cohortId, await keyOf('a1'))).body).toMatchObject({ code: 'PITCH_DAY.RESULTS_NOT_PUBLISHED' });
    expect(meanwhile.body.excluded.filter((e) => e.excludedReason === 'below_quorum').map((e) => label.get(e.startupId)).sort()).toEqual(['a4', 'a5', 'b2']);
    // j4 replaces j3 and scores a4: back to the quorum. a5 stays unscored.
    expect((await api('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: j4.principalId })).status).toBe(201);
    await expectScored(j4, sessionA, 'a4', 7, 7);

    // Offers wait for the jury to finish: nothing is written while a session is open.
    const cohortNow = (await api<Cohort>('GET', `/cohorts/${cohortId}`, manager)).body;
    const early = await api<Problem>('POST', `/cohorts/${cohortId}/selection/commit`, manager, { version: cohortNow.version });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'PITCH_DAY.SESSIONS_OPEN', openSessionIds: [sessionA, sessionB] });
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.members WHERE cohort_id = $1`, [cohortId]))[0].n).toBe(0);

    for (const session of [sessionA, sessionB]) {
      const closed = await api<Session>('POST', `/pitch-sessions/${session}/close`, manager);
      expect(closed.status).toBe(200);
      expect(closed.body.state).toBe('closed');
    }
    expect((await score(j1, sessionA, 'a1', 1, 1)).body).toMatchObject({ code: 'PITCH_DAY.SESSION_CLOSED' });

    const preview = await api<Selection>('POST', `/cohorts/${cohortId}/selection/preview`, manager);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ preview: true, final: true, openSessionIds: [], rankedBy: 'pitch_score', rule: { groupBy: 'pitch_session', perGroup: 3 } });
    const summary = (entries: Entry[]) => entries.map((e) => [label.get(e.startupId), e.group, e.rank, e.effectiveScore]);
    // A: a1 9; a3 and a2 tie at 8 (8.5/7 and 7.5/9 make 8 and 8): a3 was accepted earlier; a4 7 is fourth.
    expect(summary(preview.body.offers)).toEqual([
      ['a1', 'Group A', 1, 9], ['a3', 'Group A', 2, 8], ['a2', 'Group A', 3, 8],
      ['b1', 'Group B', 1, 6], ['b3', 'Group B', 2, 5], ['b4', 'Group B', 3, 4],
    ]);
    expect(summary(preview.body.waitlist)).toEqual([['a4', 'Group A', 4, 7]]);
    expect(preview.body.excluded.map((e) => `${label.get(e.startupId)} ${e.group} ${e.excludedReason}`).sort()).toEqual([
      'a5 Group A below_quorum', 'a6 Group A absent', 'a7 Group A did_not_pitch', 'b2 Group B below_quorum', 'u1 unassigned did_not_pitch',
    ]);

    const commit = await api<Selection>('POST', `/cohorts/${cohortId}/selection/commit`, manager, { version: preview.body.version });
    expect(commit.status).toBe(200);
    const withoutIds = (s: Selection) => ({ ...s, preview: undefined, version: undefined, offers: s.offers.map((e) => ({ ...e, memberId: null })), waitlist: s.waitlist.map((e) => ({ ...e, memberId: null })) });
    expect(withoutIds(commit.body)).toEqual(withoutIds(preview.body));
    expect(commit.body.offers.every((o) => o.memberId !== null)).toBe(true);

    // Exactly one offer event per selected startup, none for anyone else.
    const offered = await outboxEvents(ds, cohortId, 'cohort.offer_made');
    expect(offered.map((e) => label.get(e.startupId as string)).sort()).toEqual(['a1', 'a2', 'a3', 'b1', 'b3', 'b4']);
    expect((await outboxEvents(ds, cohortId, 'cohort.waitlisted')).map((e) => label.get(e.startupId as string))).toEqual(['a4']);

    // The ranked results per group, once, for the programme's partners.
    const [results, ...more] = await outboxEvents(ds, cohortId, 'pitch_day.results_published');
    expect(more).toEqual([]);
    expect(results.programme).toMatchObject({ organiserOrgId: manager.organisationId, partnerOrgIds: [partner.organisationId] });
    const groups = results.groups as Array<{ group: string; minJurors: number; results: Array<{ startupId: string; rank: number | null; pitchScore: number | null; jurors: number; placement: string; notScoredReason: string | null }> }>;
    // Ranked ones by rank, then the pitches not scored (in startup id order, sorted here by label).
    const byLabel = (a: unknown[], b: unknown[]) => String(a[0]).localeCompare(String(b[0]));
    expect(groups.map((g) => [g.group, g.minJurors, [
      ...g.results.filter((r) => r.rank !== null).map((r) => [label.get(r.startupId), r.rank, r.pitchScore, r.jurors, r.placement, r.notScoredReason]),
      ...g.results.filter((r) => r.rank === null).map((r) => [label.get(r.startupId), r.rank, r.pitchScore, r.jurors, r.placement, r.notScoredReason]).sort(byLabel),
    ]])).toEqual([
      ['Group A', 2, [
        ['a1', 1, 9, 2, 'offer', null], ['a3', 2, 8, 2, 'offer', null], ['a2', 3, 8, 2, 'offer', null], ['a4', 4, 7, 2, 'waitlist', null],
        ['a5', null, null, 1, 'not_scored', 'below_quorum'], ['a6', null, null, 0, 'not_scored', 'absent'],
      ]],
      ['Group B', 3, [
        ['b1', 1, 6, 3, 'offer', null], ['b3', 2, 5, 3, 'offer', null], ['b4', 3, 4, 3, 'offer', null],
        ['b2', null, null, 2, 'not_scored', 'below_quorum'],
      ]],
    ]);
    const [keyRow] = await ds.query(`SELECT key FROM cohorts.outbox WHERE type = 'pitch_day.results_published' AND payload->>'cohortId' = $1`, [cohortId]);
    expect(keyRow.key).toBe(cohortId);
    // The pitch day named no agreement.
    expect(results.agreementId).toBeNull();

    // Every startup that took part reads its own result: offered, waitlisted, or not selected and why, in its language.
    const own = async (l: string, language?: string) => {
      const res = await resultOf(cohortId, await keyOf(l), language);
      expect([l, res.status]).toEqual([l, 200]);
      expect(res.body.startupId).toBe(id(l));
      return res.body;
    };
    expect(await own('a1')).toMatchObject({
      group: 'Group A', outcome: 'selected', reason: null, pitched: true, pitchScore: 9, maxScore: 10, jurors: 2, minJurors: 2, rank: 1, waitlistPosition: null,
      explanation: { code: 'selected', message: expect.stringMatching(/^Selected: the jury ranked your pitch 1 in Group A/) },
    });
    expect(await own('a4', 'ru')).toMatchObject({
      outcome: 'waitlisted', reason: null, pitched: true, pitchScore: 7, rank: 4, waitlistPosition: 1,
      explanation: { code: 'waitlisted', message: expect.stringMatching(/лист[ае] ожидания/) },
    });
    expect(await own('a5', 'ko')).toMatchObject({
      outcome: 'not_selected', reason: 'below_quorum', pitched: true, pitchScore: null, jurors: 1, minJurors: 2, rank: null,
      explanation: { code: 'below_quorum', message: expect.stringMatching(/정족수 2명/) },
    });
    expect(await own('a6', 'ru')).toMatchObject({ outcome: 'not_selected', reason: 'absent', pitched: false, pitchScore: null, jurors: 0, explanation: { code: 'absent', message: expect.stringMatching(/отсутствующ/) } });
    expect(await own('a7')).toMatchObject({ group: 'Group A', outcome: 'not_selected', reason: 'did_not_pitch', pitched: false, maxScore: null, minJurors: null, explanation: { code: 'did_not_pitch' } });
    expect(await own('u1', 'ko')).toMatchObject({ group: 'unassigned', outcome: 'not_selected', reason: 'did_not_pitch', explanation: { code: 'did_not_pitch', message: expect.stringMatching(/선발되지 않았습니다/) } });
    expect(await own('b2')).toMatchObject({ group: 'Group B', outcome: 'not_selected', reason: 'below_quorum', jurors: 2, minJurors: 3 });
    // Each candidate has exactly one result; a startup that was no candidate has none (404), and no other role reads one.
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_results r JOIN cohorts.pitch_days d ON d.id = r.pitch_day_id WHERE d.cohort_id = $1`, [cohortId]))[0].n).toBe(SET.length);
    const stranger = await issueTestApiKey(ds, { role: 'startup' });
    const strangers = await resultOf(cohortId, stranger);
    expect(strangers.status).toBe(404);
    expect(strangers.body).toMatchObject({ code: 'PITCH_DAY.NOT_FOUND' });
    expect((await resultOf(randomUUID(), await keyOf('a1'))).status).toBe(404);
    expect((await resultOf(cohortId, partner)).status).toBe(403);
    expect((await resultOf(cohortId, manager)).status).toBe(403);

    // The startup sees its offer; the pitch day is published and frozen.
    const offers = await api<{ items: Array<{ cohortId: string; state: string }> }>('GET', '/offers', await keyOf('a1'));
    expect(offers.body.items.filter((o) => o.cohortId === cohortId).map((o) => o.state)).toEqual(['offered']);
    expect((await api<{ state: string }>('GET', `/cohorts/${cohortId}/pitch-day`, partner)).body.state).toBe('published');
    expect((await api<Problem>('POST', `/cohorts/${cohortId}/pitch-day/sessions`, manager, { pitchGroup: 'Group C', name: 'C', day: DAY, timeZone: 'Asia/Seoul', rubric: RUBRIC, minJurors: 1 })).body).toMatchObject({
      code: 'PITCH_DAY.NOT_OPEN',
      currentState: 'selecting',
    });
  });

  it('keeps each route to its tenant and role, and refuses hostile input writing nothing', async () => {
    const { cohortId, sessionA, sessionB, id } = await setUp();
    const [j1] = jurors;
    const slot = await api<{ id: string }>('POST', `/pitch-sessions/${sessionA}/slots`, manager, { startupId: id('a1'), startsAt: at('10:00'), minutes: 15 });
    expect(slot.status).toBe(201);
    expect((await api('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: j1.principalId })).status).toBe(201);
    const scorePath = `/pitch-sessions/${sessionA}/slots/${slot.body.id}/score`;
    const state = async () => ({
      slots: await ds.query(`SELECT id, attendance FROM cohorts.pitch_slots WHERE pitch_day_id = (SELECT pitch_day_id FROM cohorts.pitch_sessions WHERE id = $1) ORDER BY id`, [sessionA]),
      jurors: await ds.query(`SELECT principal_id, state FROM cohorts.pitch_jurors WHERE session_id = ANY ($1::uuid[]) ORDER BY principal_id`, [[sessionA, sessionB]]),
      scores: await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_scores WHERE slot_id = $1`, [slot.body.id]),
      sessions: await ds.query(`SELECT id, state FROM cohorts.pitch_sessions WHERE id = ANY ($1::uuid[]) ORDER BY id`, [[sessionA, sessionB]]),
    });
    const before = await state();

    // Another organisation's manager, a partner's manager, a startup, a reviewer who is not a juror, another organisation's reviewer.
    const partnerManager = await issueTestApiKey(ds, { role: 'programme_manager', organisationId: partner.organisationId! });
    const startup = await startupKey(ds, id('a1'));
    expect((await api('GET', `/cohorts/${cohortId}/pitch-day`, outsider)).status).toBe(404);
    expect((await api('GET', `/pitch-sessions/${sessionA}`, outsider)).status).toBe(404);
    expect((await api('GET', `/pitch-sessions/${sessionA}`, partner)).status).toBe(200);
    expect((await api('GET', `/pitch-sessions/${sessionA}`, j1)).status).toBe(200);
    expect((await api('GET', `/pitch-sessions/${sessionB}`, j1)).status).toBe(404);
    expect((await api('GET', `/pitch-sessions/${sessionA}`, idle)).status).toBe(404);
    expect((await api('GET', `/pitch-sessions/${sessionA}`, foreignReviewer)).status).toBe(404);
    expect((await api('POST', `/pitch-sessions/${sessionA}/slots`, outsider, { startupId: id('a2'), startsAt: at('11:00'), minutes: 10 })).status).toBe(404);
    expect((await api('POST', `/pitch-sessions/${sessionA}/slots`, partnerManager, { startupId: id('a2'), startsAt: at('11:00'), minutes: 10 })).status).toBe(403);
    expect((await api('POST', `/pitch-sessions/${sessionA}/jurors`, partnerManager, { principalId: idle.principalId })).status).toBe(403);
    expect((await api('POST', `/pitch-sessions/${sessionA}/close`, outsider)).status).toBe(404);
    expect((await api('POST', `/cohorts/${cohortId}/pitch-day/sessions`, partnerManager, { pitchGroup: 'C', name: 'C', day: DAY, timeZone: 'Asia/Seoul', rubric: RUBRIC, minJurors: 1 })).status).toBe(403);
    expect((await api('PUT', scorePath, startup, scores(9, 9))).status).toBe(403);
    expect((await api('PUT', scorePath, manager, scores(9, 9))).status).toBe(403);
    expect((await api('PUT', scorePath, idle, scores(9, 9))).status).toBe(404);
    expect((await api('PUT', scorePath, foreignReviewer, scores(9, 9))).status).toBe(404);
    expect((await api('POST', `/pitch-sessions/${sessionA}/recusals`, idle, { reason: 'Not mine.' })).status).toBe(404);
    // A juror of session A names A's slot under session B, or a random slot: not found.
    expect((await api('PUT', `/pitch-sessions/${sessionB}/slots/${slot.body.id}/score`, j1, scores(9, 9))).status).toBe(404);
    expect((await api('PUT', `/pitch-sessions/${sessionA}/slots/${randomUUID()}/score`, j1, scores(9, 9))).status).toBe(404);
    expect((await api('PUT', `/pitch-sessions/${sessionA}/slots/${randomUUID()}/attendance`, manager, { absent: true })).status).toBe(404);
    expect((await api('POST', `/pitch-sessions/${sessionA}/recusals`, j1, { reason: 'Conflict.', startupId: id('b1') })).body).toMatchObject({ code: 'PITCH_DAY.NOT_IN_SESSION', errors: [{ field: 'startupId' }] });
    expect((await api('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: randomUUID() })).body).toMatchObject({ code: 'PITCH_DAY.NOT_A_REVIEWER' });
    expect((await api('POST', `/pitch-sessions/${sessionA}/slots`, manager, { startupId: randomUUID(), startsAt: at('12:00'), minutes: 10 })).status).toBe(422);

    // Hostile input: 4xx naming the field, nothing written.
    const refused: Array<[string, string, string, unknown, TestApiKey, number, string]> = [
      ['a score above the maximum', 'PUT', scorePath, scores(10.5, 9), j1, 422, 'scores.0.score'],
      ['a quarter point', 'PUT', scorePath, scores(7.25, 9), j1, 422, 'scores.0.score'],
      ['an unknown criterion', 'PUT', scorePath, { scores: [{ criterion: 'team', score: 1 }, { criterion: 'vision', score: 1 }] }, j1, 422, 'scores.1.criterion'],
      ['a criterion left out', 'PUT', scorePath, { scores: [{ criterion: 'team', score: 1 }] }, j1, 422, 'scores'],
      ['a negative score', 'PUT', scorePath, scores(-1, 9), j1, 400, 'scores.0.score'],
      ['a score that is text', 'PUT', scorePath, { scores: [{ criterion: 'team', score: '9' }, { criterion: 'market', score: 9 }] }, j1, 400, 'scores.0.score'],
      ['scores that are an object', 'PUT', scorePath, { scores: { team: 9 } }, j1, 400, 'scores'],
      ['a blank recusal reason', 'POST', `/pitch-sessions/${sessionA}/recusals`, { reason: '   ' }, j1, 400, 'reason'],
      ['a start without its offset', 'POST', `/pitch-sessions/${sessionA}/slots`, { startupId: id('a2'), startsAt: `${DAY}T11:00:00`, minutes: 10 }, manager, 400, 'startsAt'],
      ['a slot of no length', 'POST', `/pitch-sessions/${sessionA}/slots`, { startupId: id('a2'), startsAt: at('11:00'), minutes: 0 }, manager, 400, 'minutes'],
      ['a slot of a day long', 'POST', `/pitch-sessions/${sessionA}/slots`, { startupId: id('a2'), startsAt: at('11:00'), minutes: 1440 }, manager, 400, 'minutes'],
      ['a start in year 0', 'POST', `/pitch-sessions/${sessionA}/slots`, { startupId: id('a2'), startsAt: '0000-03-10T11:00:00Z', minutes: 10 }, manager, 400, 'startsAt'],
      ['a startup id that is not a UUID', 'POST', `/pitch-sessions/${sessionA}/slots`, { startupId: 'a2', startsAt: at('11:00'), minutes: 10 }, manager, 400, 'startupId'],
      ['attendance as text', 'PUT', `/pitch-sessions/${sessionA}/slots/${slot.body.id}/attendance`, { absent: 'yes' }, manager, 400, 'absent'],
      ['a juror id that is not a UUID', 'POST', `/pitch-sessions/${sessionA}/jurors`, { principalId: 'x' }, manager, 400, 'principalId'],
    ];
    for (const [what, method, path, body, key, status, field] of refused) {
      const res = await api<Problem>(method, path, key, body);
      expect([what, res.status, (res.body.errors ?? []).map((e) => e.field)]).toEqual([what, status, expect.arrayContaining([field])]);
    }
    expect(await state()).toEqual(before);

    const sessionPath = `/cohorts/${cohortId}/pitch-day/sessions`;
    const session = (over: Record<string, unknown>) => ({ pitchGroup: 'Group C', name: 'C', day: DAY, timeZone: 'Asia/Seoul', rubric: RUBRIC, minJurors: 1, ...over });
    const badSessions: Array<[string, Record<string, unknown>, number, string]> = [
      ['an unknown time zone', { timeZone: 'Mars/Olympus' }, 400, 'timeZone'],
      ['a day that does not exist', { day: '2030-02-30' }, 400, 'day'],
      ['a day with a time', { day: `${DAY}T10:00:00Z` }, 400, 'day'],
      ['a quorum of 0', { minJurors: 0 }, 400, 'minJurors'],
      ['a weight that is a fraction', { rubric: { ...RUBRIC, criteria: [{ key: 'team', label: 'Team', weight: 1.5 }] } }, 400, 'rubric.criteria.0.weight'],
      ['a rubric without criteria', { rubric: { criteria: [], maxScore: 10 } }, 400, 'rubric.criteria'],
      ['a rubric that is a list', { rubric: [] }, 400, 'rubric'],
      ['NUL in a name', { name: 'C\u0000' }, 400, 'name'],
      ['a criterion twice', { rubric: { maxScore: 10, criteria: [{ key: 'team', label: 'A', weight: 1 }, { key: 'team', label: 'B', weight: 1 }] } }, 422, 'rubric.criteria.1.key'],
    ];
    for (const [what, over, status, field] of badSessions) {
      const res = await api<Problem>('POST', sessionPath, manager, session(over));
      expect([what, res.status, (res.body.errors ?? []).map((e) => e.field)]).toEqual([what, status, expect.arrayContaining([field])]);
    }
    expect((await api<Problem>('POST', sessionPath, manager, session({ pitchGroup: 'Group A' }))).body).toMatchObject({ code: 'PITCH_DAY.DUPLICATE_SESSION' });
    expect((await api<Problem>('POST', `/cohorts/${cohortId}/pitch-day`, manager, {})).body).toMatchObject({ code: 'PITCH_DAY.ALREADY_EXISTS' });
    expect((await api('POST', `/cohorts/${cohortId}/pitch-day`, manager, { perGroup: 0 })).status).toBe(400);
    expect((await api('GET', `/cohorts/${cohortId}/pitch-day`, startup)).status).toBe(403);
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_sessions s JOIN cohorts.pitch_days d ON d.id = s.pitch_day_id WHERE d.cohort_id = $1`, [cohortId]))[0].n).toBe(2);
  });

  it('treats a juror whose organisation certified a startup as conflicted with it, as reviews do, from the certification events', async () => {
    const { cohortId, sessionA, id, label } = await setUp();
    const [j1, j2, j3] = jurors;
    const slotIds = new Map<string, string>();
    for (const [l, start] of [['a1', '10:00'], ['a2', '10:10'], ['a3', '10:20']] as const) {
      const res = await api<{ id: string }>('POST', `/pitch-sessions/${sessionA}/slots`, manager, { startupId: id(l), startsAt: at(start), minutes: 10 });
      expect(res.status).toBe(201);
      slotIds.set(l, res.body.id);
    }
    const addJuror = (juror: TestApiKey) => api<Juror & Problem>('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: juror.principalId });
    const score = (juror: TestApiKey, l: string, team: number, market: number) => api<Problem>('PUT', `/pitch-sessions/${sessionA}/slots/${slotIds.get(l)}/score`, juror, scores(team, market));
    const added = await addJuror(j1);
    expect(added.status).toBe(201);
    expect(added.body.conflicts).toEqual([]);
    // j1 scores a1 before anything is known of its certifications; j1 and j2 score a2 and a3.
    expect((await score(j1, 'a1', 9, 9)).status).toBe(200);
    expect((await addJuror(j2)).status).toBe(201);
    for (const juror of [j1, j2]) for (const l of ['a2', 'a3']) expect((await score(juror, l, 6, 6)).status).toBe(200);

    // The organising organisation certified a1 (it has a stake in it); another body certified a2.
    const certificate = (startupId: string, issuerOrganisationId: string) => ({
      certificationId: randomUUID(), startupId, issuerOrganisationId, kind: 'innovation_certificate', grade: 'A', validFrom: '2029-01-01T00:00:00.000Z', validUntil: '2031-01-01T00:00:00.000Z',
    });
    const ours = certificate(id('a1'), manager.organisationId!);
    const theirs = certificate(id('a2'), partner.organisationId!);
    await consume('certification.issued', { ...ours, issuedAt: '2029-01-01T00:00:00.000Z' });
    // Replays and a renewal arriving after the revocation change nothing but the validity; the revocation stays.
    await consume('certification.issued', { ...ours, issuedAt: '2029-01-01T00:00:00.000Z' });
    await consume('certification.revoked', { ...ours, reason: 'Audit failed.', revokedAt: '2029-06-01T00:00:00.000Z' });
    await consume('certification.renewed', { ...ours, validUntil: '2032-01-01T00:00:00.000Z', previousValidUntil: ours.validUntil, renewedAt: '2029-03-01T00:00:00.000Z' });
    await consume('certification.issued', { ...theirs, issuedAt: '2029-01-01T00:00:00.000Z' });
    const projected = await ds.query(
      `SELECT issuer_organisation_id AS issuer, valid_until AS "validUntil", revoked_at AS "revokedAt" FROM cohorts.startup_certifications WHERE certification_id = $1`,
      [ours.certificationId],
    );
    expect(projected).toEqual([{ issuer: manager.organisationId, validUntil: new Date('2031-01-01T00:00:00.000Z'), revokedAt: new Date('2029-06-01T00:00:00.000Z') }]);

    // Every juror is a reviewer of the organising organisation: each is conflicted with a1 (revoked or not, as reviews count it), none with a2.
    const replacement = await addJuror(j3);
    expect(replacement.status).toBe(201);
    expect(replacement.body.conflicts).toEqual([{ startupId: id('a1'), source: 'certification_issuer' }]);
    const session = await api<Session>('GET', `/pitch-sessions/${sessionA}`, manager);
    expect(session.body.jurors.map((j) => j.conflicts)).toEqual([1, 2, 3].map(() => [{ startupId: id('a1'), source: 'certification_issuer' }]));
    const refused = await score(j1, 'a1', 9, 9);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'PITCH_DAY.JUROR_CONFLICTED', startupId: id('a1'), rule: 'certification_issuer' });
    expect((await score(j3, 'a1', 9, 9)).body).toMatchObject({ code: 'PITCH_DAY.JUROR_CONFLICTED' });
    expect((await score(j3, 'a2', 6, 6)).status).toBe(200);

    // j1's earlier score of a1 no longer counts: a1 is below the quorum; a2 and a3 rank as before.
    const preview = await api<Selection>('POST', `/cohorts/${cohortId}/selection/preview`, manager);
    expect(preview.body.offers.map((o) => [label.get(o.startupId), o.effectiveScore]).sort()).toEqual([['a2', 6], ['a3', 6]]);
    expect(preview.body.excluded.filter((e) => e.group === 'Group A').map((e) => `${label.get(e.startupId)} ${e.excludedReason}`).sort()).toEqual([
      'a1 below_quorum', 'a4 did_not_pitch', 'a5 did_not_pitch', 'a6 did_not_pitch', 'a7 did_not_pitch',
    ]);
  });

  it('names the agreement a pitch day runs under, carries it in the results event, and refuses an agreementId that is not an id', async () => {
    const agreementId = randomUUID();
    // This service knows no agreements: a well-formed id is kept (lower case) for the reciprocity report to judge.
    const { cohortId, sessionA, id } = await setUp({ agreementId: agreementId.toUpperCase() });
    expect((await api<{ agreementId: string | null }>('GET', `/cohorts/${cohortId}/pitch-day`, partner)).body.agreementId).toBe(agreementId);

    const slot = await api<{ id: string }>('POST', `/pitch-sessions/${sessionA}/slots`, manager, { startupId: id('a1'), startsAt: at('10:00'), minutes: 10 });
    expect(slot.status).toBe(201);
    expect((await api('POST', `/pitch-sessions/${sessionA}/jurors`, manager, { principalId: jurors[0].principalId })).status).toBe(201);
    expect((await api('PUT', `/pitch-sessions/${sessionA}/slots/${slot.body.id}/score`, jurors[0], scores(8, 8))).status).toBe(200);
    const sessions = (await api<{ sessions: Array<{ id: string }> }>('GET', `/cohorts/${cohortId}/pitch-day`, manager)).body.sessions;
    for (const session of sessions) expect((await api('POST', `/pitch-sessions/${session.id}/close`, manager)).status).toBe(200);
    const cohort = (await api<Cohort>('GET', `/cohorts/${cohortId}`, manager)).body;
    expect((await api('POST', `/cohorts/${cohortId}/selection/commit`, manager, { version: cohort.version })).status).toBe(200);
    const [results] = await outboxEvents(ds, cohortId, 'pitch_day.results_published');
    expect(results.agreementId).toBe(agreementId);

    // Hostile agreement ids on a fresh cohort: 400 naming the field, no pitch day written.
    const programmeId = await knownProgramme(ds, manager.organisationId!);
    const fresh = await api<Cohort>('POST', '/cohorts', manager, cohortBody(programmeId));
    expect(fresh.status).toBe(201);
    for (const bad of ['moscow-seoul', 42, null, '', `${agreementId}x`, ['a']]) {
      const res = await api<Problem>('POST', `/cohorts/${fresh.body.id}/pitch-day`, manager, { agreementId: bad });
      expect([bad, res.status, (res.body.errors ?? []).map((e) => e.field)]).toEqual([bad, 400, ['agreementId']]);
    }
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_days WHERE cohort_id = $1`, [fresh.body.id]))[0].n).toBe(0);
  });

  it('books a startup once when two slots for it are posted at the same moment: one 201, the other 409', async () => {
    const { sessionA, id } = await setUp();
    const post = (start: string) => api<Problem>('POST', `/pitch-sessions/${sessionA}/slots`, manager, { startupId: id('a1'), startsAt: at(start), minutes: 10 });
    for (const [first, second] of [['10:00', '11:00'], ['13:00', '13:05']] as const) {
      const answers = await Promise.all([post(first), post(second)]);
      const statuses = answers.map((a) => a.status).sort();
      if (first === '10:00') {
        expect(statuses).toEqual([201, 409]);
        expect(answers.find((a) => a.status === 409)!.body).toMatchObject({ code: 'PITCH_DAY.STARTUP_DOUBLE_BOOKED', startupId: id('a1') });
      } else {
        // a1 is booked already: both refused.
        expect(statuses).toEqual([409, 409]);
      }
    }
    expect((await ds.query(`SELECT count(*)::int AS n FROM cohorts.pitch_slots WHERE session_id = $1 AND startup_id = $2`, [sessionA, id('a1')]))[0].n).toBe(1);
  });
});
