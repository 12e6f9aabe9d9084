import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock, type RunningService } from '@exchange/platform';
import { bearer, expectRefusedAsProblem, forgedCursor, issueTestApiKey, startServiceInProcess, withProviders, type TestApiKey } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema, SERVICE_NAME } from '../src/config';
import { OpenCallsSweeper } from '../src/open-calls/open-calls.sweeper';
import { insertCandidate, knownProgramme, siteBody } from './helpers';

/** A clock the test moves: deadlines pass when the test says, not after a sleep. */
class TestClock extends Clock {
  at = new Date();
  now(): Date {
    return new Date(this.at);
  }
}

const DAY_MS = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/**
 * Open calls over HTTP against the real database: hosts publish, anyone searches (in Hangul,
 * Cyrillic and Latin, misspelt or not), startups answer, hosts sort the answers, the deadline sweep
 * closes, and an answer changes the startup's match proposal for the site and its reasons.
 */
describe('open calls', () => {
  const clock = new TestClock();
  let running: RunningService;
  let db: DataSource;
  let host: TestApiKey;
  let otherHost: TestApiKey;
  let manager: TestApiKey;
  let startup: TestApiKey;
  let otherStartup: TestApiKey;
  let programmeId: string;
  let siteId: string;

  // Every call of this run is in one of these cities: searches filtered by them see this run's calls only.
  const run = randomUUID().slice(0, 8);
  const seoul = `Seoul ${run}`;
  const moscow = `Москва ${run}`;

  async function api(key: TestApiKey | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${running.url}/v1${path}`, {
      method,
      headers: { ...(key ? bearer(key) : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  }

  const callBody = (overrides: Record<string, unknown> = {}) => ({
    siteId,
    title: 'Night-time triage of emergency admissions',
    problem: 'Triage of emergency admissions takes too long at night.',
    technologyFields: ['medtech', 'ai'],
    windowStartsOn: day(30),
    windowEndsOn: day(120),
    pilotsSought: 2,
    answerDeadline: new Date(Date.now() + 20 * DAY_MS).toISOString(),
    city: seoul,
    ...overrides,
  });

  async function publish(overrides: Record<string, unknown> = {}, as: TestApiKey = host): Promise<any> {
    const res = await api(as, 'POST', '/open-calls', callBody(overrides));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function outbox(type: string, key: string): Promise<any[]> {
    const rows: Array<{ payload: unknown }> = await db.query(`SELECT payload FROM pilots.outbox WHERE type = $1 AND key = $2 ORDER BY seq`, [type, key]);
    return rows.map((r) => r.payload);
  }

  const search = async (query: string) => {
    const res = await api(null, 'GET', `/open-calls?${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: any[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    running = await startServiceInProcess(
      { name: SERVICE_NAME, module: withProviders(AppModule, [{ provide: Clock, useValue: clock }]), schema: pilotsConfigSchema },
      // Sweeps run when the test says; the public limit is not what this suite measures.
      { PILOTS_OPEN_CALL_SWEEP_INTERVAL_MS: '86400000', PILOTS_OVERDUE_SWEEP_INTERVAL_MS: '86400000', RATE_LIMIT_PUBLIC_PER_IP: '100000' },
    );
    db = running.app.get(DataSource);
    host = await issueTestApiKey(db, { role: 'host' });
    otherHost = await issueTestApiKey(db, { role: 'host' });
    manager = await issueTestApiKey(db, { role: 'programme_manager' });
    startup = await issueTestApiKey(db, { role: 'startup' });
    otherStartup = await issueTestApiKey(db, { role: 'startup' });
    programmeId = await knownProgramme(db, manager.organisationId!);
    const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { city: seoul, capacity: 3 }));
    expect(site.status).toBe(201);
    siteId = site.body.id;
  });

  afterAll(async () => {
    // This run's calls leave the public list, so later runs search among their own.
    await db?.query(`UPDATE pilots.open_calls SET state = 'closed', closed_reason = 'host', closed_at = now() WHERE state = 'open' AND (city = $1 OR city = $2)`, [seoul, moscow]);
    await running?.close();
  });

  describe('publishing', () => {
    it('publishes an open call of a site with its programme, public at once, and writes open_call.published', async () => {
      const call = await publish({ title: '야간 응급실 환자 분류 자동화', languages: undefined, city: undefined });
      expect(call).toMatchObject({
        siteId,
        programmeId,
        title: '야간 응급실 환자 분류 자동화',
        state: 'open',
        closedReason: null,
        languages: ['en', 'ru'], // the site's
        city: seoul, // the site's
        country: 'RU',
        pilotsSought: 2,
        version: 1,
      });
      const [event] = await outbox('open_call.published', call.id);
      expect(event).toMatchObject({
        openCallId: call.id,
        siteId,
        hostOrgId: host.organisationId,
        programme: { id: programmeId, kind: 'pilot', organiserOrgId: manager.organisationId },
        title: '야간 응급실 환자 분류 자동화',
        windowStartsOn: call.windowStartsOn,
        answerDeadline: call.answerDeadline,
      });
      // Anyone reads it, without a key, and sees no host people and no answers.
      const read = await api(null, 'GET', `/open-calls/${call.id}`);
      expect(read).toMatchObject({ status: 200, body: { id: call.id, siteName: expect.any(String) } });
      expect(Object.keys(read.body)).not.toEqual(expect.arrayContaining(['publishedBy']));
      expect(JSON.stringify(read.body)).not.toContain(host.principalId);
      expect(read.body).not.toHaveProperty('answers');
    });

    it('refuses a site of another host, a programme the site is not in, a closed window and a past deadline', async () => {
      const before = await db.query(`SELECT count(*)::int AS n FROM pilots.open_calls WHERE host_organisation_id = $1`, [host.organisationId]);
      const cases: Array<[Record<string, unknown>, TestApiKey, number, string, string]> = [
        [{}, otherHost, 422, 'siteId', 'OPEN_CALL.UNKNOWN_SITE'],
        [{ siteId: randomUUID() }, host, 422, 'siteId', 'OPEN_CALL.UNKNOWN_SITE'],
        [{ programmeId: randomUUID() }, host, 422, 'programmeId', 'OPEN_CALL.PROGRAMME_NOT_OF_SITE'],
        [{ windowStartsOn: day(40), windowEndsOn: day(35) }, host, 422, 'windowEndsOn', 'OPEN_CALL.WINDOW_ENDS_BEFORE_START'],
        [{ answerDeadline: new Date(Date.now() - 60_000).toISOString() }, host, 422, 'answerDeadline', 'OPEN_CALL.DEADLINE_PASSED'],
        [{ answerDeadline: new Date(Date.now() + 400 * DAY_MS).toISOString() }, host, 422, 'answerDeadline', 'OPEN_CALL.DEADLINE_AFTER_WINDOW'],
      ];
      for (const [overrides, as, status, field, code] of cases) {
        const res = await api(as, 'POST', '/open-calls', callBody(overrides));
        expect({ field, status: res.status, code: res.body.code }).toEqual({ field, status, code });
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      expect(await db.query(`SELECT count(*)::int AS n FROM pilots.open_calls WHERE host_organisation_id = $1`, [host.organisationId])).toEqual(before);
    });
  });

  describe('public search', () => {
    const korean = {
      target: ['야간 응급실 환자 분류 자동화', '야간에 응급실 환자 분류가 너무 오래 걸립니다.'],
      others: [
        ['주간 외래 환자 예약 관리', '외래 환자 예약이 복잡합니다.'],
        ['응급 차량 배차 최적화', '구급차 배차가 느립니다.'],
        ['병원 폐기물 분류 시스템', '의료 폐기물 분류를 자동화하고 싶습니다.'],
        ['응급실 대기 시간 안내', '환자에게 대기 시간을 알려 주고 싶습니다.'],
        ['야간 병동 환자 낙상 감지', '야간에 병동 환자가 넘어집니다.'],
      ],
    };
    const russian = {
      target: ['Сортировка пациентов в приёмном отделении ночью', 'Ночью сортировка поступающих пациентов занимает слишком много времени.'],
      others: [
        ['Запись пациентов на приём в поликлинику', 'Пациенты долго ждут записи.'],
        ['Сортировка медицинских отходов', 'Отходы больницы сортируются вручную.'],
        ['Диспетчеризация машин скорой помощи', 'Машины скорой помощи приезжают поздно.'],
        ['Ночной мониторинг пациентов в палатах', 'Пациенты падают ночью.'],
        ['Приём анализов в лаборатории', 'Анализы теряются при приёме.'],
      ],
    };
    const english = {
      target: ['Night-time triage of emergency admissions', 'Triage of emergency admissions takes too long at night.'],
      others: [
        ['Outpatient appointment scheduling', 'Patients wait weeks for appointments.'],
        ['Emergency ambulance dispatch', 'Ambulances arrive late.'],
        ['Hospital waste sorting', 'Medical waste is sorted by hand.'],
        ['Night ward fall detection', 'Patients fall at night in the wards.'],
        ['Emergency room waiting times', 'Patients do not know how long they will wait.'],
      ],
    };
    const ids = new Map<string, string>();

    beforeAll(async () => {
      for (const [group, city, fields] of [
        [korean, seoul, ['medtech', 'ai']],
        [russian, moscow, ['medtech']],
        [english, seoul, ['medtech', 'logistics']],
      ] as const) {
        for (const [title, problem] of [group.target, ...group.others]) {
          const isWaste = title.includes('폐기물') || title.includes('отходов') || title.includes('waste');
          const call = await publish({ title, problem, city, technologyFields: isWaste ? ['cleantech'] : fields });
          ids.set(title, call.id);
        }
      }
    });

    it.each([
      ['Korean, one syllable wrong', '응급실 환자 분휴', korean.target[0], seoul],
      ['Korean, one syllable missing', '야간 응급 환자 분류', korean.target[0], seoul],
      ['Russian, one letter missing', 'сортировка пацентов', russian.target[0], moscow],
      ['Russian, typed without ё and a letter short', 'приемном отделени', russian.target[0], moscow],
      ['English, one letter missing', 'emergncy triage', english.target[0], seoul],
      ['English, one letter wrong', 'triaje of admisions', english.target[0], seoul],
    ])('%s (%s) finds the right call first among similar ones', async (_what, q, title, city) => {
      const page = await search(`q=${encodeURIComponent(q)}&city=${encodeURIComponent(city)}`);
      expect(page.items[0]?.title).toBe(title);
      expect(page.items[0].id).toBe(ids.get(title));
    });

    it('answers an exact query in any case and script, best first', async () => {
      const page = await search(`q=${encodeURIComponent('СОРТИРОВКА ПАЦИЕНТОВ')}&city=${encodeURIComponent(moscow)}`);
      expect(page.items[0].title).toBe(russian.target[0]);
      // The other sorting call comes next: it shares a word.
      expect(page.items.map((i) => i.title)).toContain('Сортировка медицинских отходов');
      expect(page.items.map((i) => i.title)).not.toContain('Диспетчеризация машин скорой помощи');
    });

    it('matches a query of one or two characters as a substring, word starts first', async () => {
      const page = await search(`q=${encodeURIComponent('분류')}&city=${encodeURIComponent(seoul)}`);
      expect(page.items.map((i) => i.title).sort()).toEqual(expect.arrayContaining([korean.target[0], '병원 폐기물 분류 시스템']));
      expect(page.items.every((i) => `${i.title} ${i.problem}`.includes('분류'))).toBe(true);
      const one = await search(`q=${encodeURIComponent('Ж')}&city=${encodeURIComponent(moscow)}`);
      expect(one.items.every((i) => `${i.title} ${i.problem}`.toLowerCase().includes('ж'))).toBe(true);
      expect(one.items.length).toBeGreaterThan(0);
    });

    it('filters by technology field and by city (any case)', async () => {
      const waste = await search(`field=cleantech&city=${encodeURIComponent(seoul)}`);
      expect(waste.items.map((i) => i.title).sort()).toEqual(['Hospital waste sorting', '병원 폐기물 분류 시스템'].sort());
      const inMoscow = await search(`city=${encodeURIComponent(moscow.toUpperCase())}&limit=100`);
      expect(inMoscow.items.map((i) => i.title).sort()).toEqual([russian.target, ...russian.others].map(([t]) => t).sort());
      const logistics = await search(`q=${encodeURIComponent('emergency')}&field=logistics&city=${encodeURIComponent(seoul)}`);
      expect(logistics.items.length).toBeGreaterThan(0);
      expect(logistics.items.every((i) => i.technologyFields.includes('logistics'))).toBe(true);
    });

    it('pages newest first, and by relevance with a query, with the one cursor of every list', async () => {
      const all = (await search(`city=${encodeURIComponent(seoul)}&limit=100`)).items.map((i) => i.id);
      const walked: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await search(`city=${encodeURIComponent(seoul)}&limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        expect(page.items.length).toBeLessThanOrEqual(4);
        walked.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(walked).toEqual(all);
      expect(all.length).toBeGreaterThanOrEqual(12);

      const q = `q=${encodeURIComponent('환자 응급')}&city=${encodeURIComponent(seoul)}`;
      const ranked = (await search(`${q}&limit=100`)).items.map((i) => i.id);
      expect(ranked.length).toBeGreaterThan(3);
      const rankedWalk: string[] = [];
      cursor = null;
      do {
        const page = await search(`${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        rankedWalk.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(rankedWalk).toEqual(ranked);
      // A cursor of one order is not a cursor of the other.
      const newestCursor = (await search(`city=${encodeURIComponent(seoul)}&limit=1`)).nextCursor!;
      const mixed = await api(null, 'GET', `/open-calls?${q}&cursor=${newestCursor}`);
      expect(mixed).toMatchObject({ status: 400, body: { errors: [{ field: 'cursor' }] } });
    });

    it('is public and rate-limited like the other public routes', async () => {
      const res = await api(null, 'GET', `/open-calls?city=${encodeURIComponent(seoul)}&limit=1`);
      expect(res.status).toBe(200);
      expect(res.headers.get('ratelimit-limit')).toBe('100000');
      // Nothing private in a public item.
      expect(Object.keys(res.body.items[0]).sort()).toEqual(
        [
          'id',
          'siteId',
          'siteName',
          'programmeId',
          'title',
          'problem',
          'technologyFields',
          'languages',
          'city',
          'country',
          'windowStartsOn',
          'windowEndsOn',
          'pilotsSought',
          'answerDeadline',
          'state',
          'closedReason',
          'publishedAt',
          'closedAt',
          'version',
        ].sort(),
      );
    });
  });

  describe('answers and matching', () => {
    it('an answer changes the startup’s proposal for the site: a bonus and the reason, in en, ko and ru', async () => {
      // Accepted into the site's programme with a fitting profile: proposed for the site when it was published.
      const matchedStartup = await issueTestApiKey(db, { role: 'startup' });
      await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!], startupId: matchedStartup.startupId!, fields: ['medtech', 'emergency_care'] });
      const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { city: seoul }));
      expect(site.status).toBe(201);
      const [before] = (await api(matchedStartup, 'GET', `/match-proposals?siteId=${site.body.id}`)).body.items;
      expect(before.reasons).toHaveLength(5);
      expect(before.localisedReasons.map((r: { code: string }) => r.code)).toEqual(['FIELDS_SHARED', 'READINESS_WITHIN', 'LANGUAGES_SHARED', 'SLOTS_ANY_TIME', 'CITY_NEEDS_ADDRESSED']);

      const title = '야간 응급실 환자 분류 자동화';
      const call = await publish({ siteId: site.body.id, title });
      const answer = await api(matchedStartup, 'POST', `/open-calls/${call.id}/answers`, { proposal: '저희 분류 모델로 야간 대기 시간을 줄였습니다.' });
      expect(answer).toMatchObject({ status: 201, body: { openCallId: call.id, startupId: matchedStartup.startupId, state: 'submitted' } });
      const date = answer.body.answeredAt.slice(0, 10);

      const after = (await api(matchedStartup, 'GET', `/match-proposals/${before.id}`, undefined, { 'accept-language': 'en' })).body;
      expect(after.score).toBeCloseTo(before.score + 0.3, 6);
      expect(after.version).toBe(before.version + 1);
      expect(after.reasons).toEqual([...before.reasons, `Answered this open call on ${date}: ${title}.`]);
      expect(after.components.at(-1)).toEqual({ key: 'open_call_answer', weight: 0.3, value: 1, reason: `Answered this open call on ${date}: ${title}.` });
      expect(after.localisedReasons.at(-1)).toEqual({ code: 'OPEN_CALL_ANSWERED', message: `Answered this open call on ${date}: ${title}.` });

      const ko = (await api(matchedStartup, 'GET', `/match-proposals/${before.id}`, undefined, { 'accept-language': 'ko-KR,ko;q=0.9' })).body;
      expect(ko.reasons).toEqual(after.reasons); // English stays English
      expect(ko.localisedReasons.at(-1)).toEqual({ code: 'OPEN_CALL_ANSWERED', message: `${date}에 이 공개 모집에 응답했습니다: ${title}.` });
      expect(ko.localisedReasons[0]).toEqual({ code: 'FIELDS_SHARED', message: '현장의 기술 분야 2개 중 1개가 일치합니다 (medtech).' });
      const ru = (await api(matchedStartup, 'GET', `/match-proposals?siteId=${site.body.id}`, undefined, { 'accept-language': 'ru' })).body.items[0];
      expect(ru.localisedReasons.at(-1)).toEqual({ code: 'OPEN_CALL_ANSWERED', message: `Стартап ответил на открытый запрос ${date}: «${title}».` });
      expect(ru.localisedReasons[1]).toEqual({ code: 'READINESS_WITHIN', message: 'Уровень готовности 6 входит в допустимый диапазон площадки 5–9.' });

      // Without Accept-Language, the caller's preferred language: a coordinator of the host who reads Russian.
      const coordinator = await issueTestApiKey(db, { role: 'host', organisationId: host.organisationId! });
      await db.query(`UPDATE identity.principals SET preferred_language = 'ru' WHERE id = $1`, [coordinator.principalId]);
      const byPreference = (await api(coordinator, 'GET', `/match-proposals/${before.id}`)).body;
      expect(byPreference.localisedReasons.at(-1)).toEqual(ru.localisedReasons.at(-1));
    });

    it('an answer proposes the site to a candidate its fields alone did not bring, with the reason in the event', async () => {
      const outsider = await issueTestApiKey(db, { role: 'startup' });
      const candidate = await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!], startupId: outsider.startupId!, fields: ['fintech'] });
      const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { city: seoul }));
      const proposalsAt = async () => (await api(outsider, 'GET', '/match-proposals?limit=100')).body.items.filter((p: { siteId: string }) => p.siteId === site.body.id);
      expect(await proposalsAt()).toEqual([]);
      const call = await publish({ siteId: site.body.id, title: 'Triage at night' });
      expect((await api(outsider, 'POST', `/open-calls/${call.id}/answers`, { proposal: 'We can help.' })).status).toBe(201);
      const [proposal] = await proposalsAt();
      expect(proposal).toMatchObject({ candidateId: candidate.id, state: 'proposed' });
      expect(proposal.localisedReasons.at(-1).code).toBe('OPEN_CALL_ANSWERED');
      const [event] = await outbox('pilot.match_proposed', outsider.startupId!);
      expect(event).toMatchObject({ proposalId: proposal.id, components: { fieldOverlap: 0, openCallAnswer: 1 } });
      expect(event.reasons.at(-1)).toMatch(/^Answered this open call on \d{4}-\d{2}-\d{2}: Triage at night\.$/);
      expect(event.reasonCodes.at(-1)).toEqual({ code: 'OPEN_CALL_ANSWERED', params: { date: expect.any(String), title: 'Triage at night' } });
    });

    it('a proposal made before reasons had codes keeps its English reasons, with no code, in any language', async () => {
      const earlyStartup = await issueTestApiKey(db, { role: 'startup' });
      await insertCandidate(db, { programmeId, organisationIds: [manager.organisationId!], startupId: earlyStartup.startupId!, fields: ['medtech'] });
      const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { city: seoul }));
      const [proposal] = (await api(earlyStartup, 'GET', `/match-proposals?siteId=${site.body.id}`)).body.items;
      await db.query(`UPDATE pilots.match_proposals SET reason_codes = '[]' WHERE id = $1`, [proposal.id]);
      const legacy = (await api(earlyStartup, 'GET', `/match-proposals/${proposal.id}`, undefined, { 'accept-language': 'ko' })).body;
      expect(legacy.localisedReasons).toEqual(proposal.reasons.map((message: string) => ({ code: null, message })));
      expect(legacy.reasons).toEqual(proposal.reasons);
    });

    it('one answer per startup and call; the host sees the answers of its own calls only; it shortlists and declines', async () => {
      const call = await publish();
      const first = await api(startup, 'POST', `/open-calls/${call.id}/answers`, { proposal: 'Our model triages in seconds.' });
      expect(first.status).toBe(201);
      const again = await api(startup, 'POST', `/open-calls/${call.id}/answers`, { proposal: 'A second thought.' });
      expect(again).toMatchObject({ status: 409, body: { code: 'OPEN_CALL.ALREADY_ANSWERED', answerId: first.body.id } });
      const second = await api(otherStartup, 'POST', `/open-calls/${call.id}/answers`, { proposal: 'Мы сокращаем ожидание ночью.' });
      expect(second.status).toBe(201);
      const [answered] = await outbox('open_call.answered', call.id);
      expect(answered).toMatchObject({ openCallId: call.id, answerId: first.body.id, startupId: startup.startupId, programme: { id: programmeId } });
      expect(JSON.stringify(answered)).not.toContain('Our model'); // the proposal stays with the host

      const listed = await api(host, 'GET', `/open-calls/${call.id}/answers`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((a: { id: string }) => a.id).sort()).toEqual([first.body.id, second.body.id].sort());
      expect(await api(otherHost, 'GET', `/open-calls/${call.id}/answers`)).toMatchObject({ status: 404, body: { code: 'OPEN_CALL.NOT_FOUND' } });
      expect((await api(startup, 'GET', `/open-calls/${call.id}/answers`)).status).toBe(403);

      // Each startup sees its own answers, never another's.
      const mine = (await api(startup, 'GET', '/open-call-answers?limit=100')).body.items;
      expect(mine.map((a: { id: string }) => a.id)).toContain(first.body.id);
      expect(mine.map((a: { id: string }) => a.id)).not.toContain(second.body.id);
      expect(mine.every((a: { startupId: string }) => a.startupId === startup.startupId)).toBe(true);

      const shortlisted = await api(host, 'POST', `/open-call-answers/${first.body.id}/shortlist`, {});
      expect(shortlisted).toMatchObject({ status: 200, body: { id: first.body.id, state: 'shortlisted', version: 2 } });
      expect(await api(host, 'POST', `/open-call-answers/${first.body.id}/shortlist`, {})).toMatchObject({
        status: 409,
        body: { code: 'OPEN_CALL.ANSWER_ALREADY_DECIDED', currentState: 'shortlisted' },
      });
      expect(await api(host, 'POST', `/open-call-answers/${second.body.id}/decline`, { version: 7 })).toMatchObject({ status: 409, body: { code: 'OPEN_CALL.STALE_VERSION' } });
      expect(await api(otherHost, 'POST', `/open-call-answers/${second.body.id}/decline`, {})).toMatchObject({ status: 404, body: { code: 'OPEN_CALL.ANSWER_NOT_FOUND' } });
      expect(await api(host, 'POST', `/open-call-answers/${first.body.id}/decline`, { version: 2 })).toMatchObject({ status: 200, body: { state: 'declined' } });
      const shortlistedOnly = (await api(host, 'GET', `/open-calls/${call.id}/answers?state=declined`)).body.items;
      expect(shortlistedOnly.map((a: { id: string }) => a.id)).toEqual([first.body.id]);
      const seenByStartup = (await api(startup, 'GET', '/open-call-answers?state=declined&limit=100')).body.items;
      expect(seenByStartup.map((a: { id: string }) => a.id)).toContain(first.body.id);

      // The host closes the call: no more answers, out of the public list, open_call.closed with the count.
      expect(await api(otherHost, 'POST', `/open-calls/${call.id}/close`, {})).toMatchObject({ status: 404 });
      const closed = await api(host, 'POST', `/open-calls/${call.id}/close`, {});
      expect(closed).toMatchObject({ status: 200, body: { state: 'closed', closedReason: 'host' } });
      expect(await api(host, 'POST', `/open-calls/${call.id}/close`, {})).toMatchObject({ status: 409, body: { code: 'OPEN_CALL.NOT_OPEN', currentState: 'closed' } });
      const late = await issueTestApiKey(db, { role: 'startup' });
      expect(await api(late, 'POST', `/open-calls/${call.id}/answers`, { proposal: 'Too late?' })).toMatchObject({ status: 409, body: { code: 'OPEN_CALL.NOT_OPEN' } });
      expect(await outbox('open_call.closed', call.id)).toEqual([expect.objectContaining({ openCallId: call.id, reason: 'host', answers: 2 })]);
      expect((await api(null, 'GET', `/open-calls/${call.id}`)).body).toMatchObject({ state: 'closed' });
      expect((await search(`city=${encodeURIComponent(seoul)}&limit=100`)).items.map((i) => i.id)).not.toContain(call.id);
    });
  });

  describe('deadline sweep', () => {
    afterEach(() => {
      clock.at = new Date();
    });

    it('closes a call once its deadline passes, once across two concurrent sweeps, with open_call.closed', async () => {
      const call = await publish({ answerDeadline: new Date(clock.now().getTime() + 3_600_000).toISOString() });
      const sweeper = running.app.get(OpenCallsSweeper);
      expect(await sweeper.sweep()).toBeGreaterThanOrEqual(0);
      expect((await api(null, 'GET', `/open-calls/${call.id}`)).body.state).toBe('open');

      clock.at = new Date(clock.now().getTime() + 2 * 3_600_000);
      // Past its deadline, it no longer takes answers even before a sweep closes it.
      expect(await api(startup, 'POST', `/open-calls/${call.id}/answers`, { proposal: 'Just in time?' })).toMatchObject({ status: 409, body: { code: 'OPEN_CALL.NOT_OPEN' } });
      await Promise.all([sweeper.sweep(), sweeper.sweep()]);
      expect((await api(null, 'GET', `/open-calls/${call.id}`)).body).toMatchObject({ state: 'closed', closedReason: 'deadline', closedAt: call.answerDeadline });
      expect(await outbox('open_call.closed', call.id)).toEqual([expect.objectContaining({ openCallId: call.id, reason: 'deadline', answers: 0, programme: expect.objectContaining({ id: programmeId }) })]);
      await sweeper.sweep();
      expect(await outbox('open_call.closed', call.id)).toHaveLength(1);
    });
  });

  describe('hostile input', () => {
    it.each([
      ['an overlong query', 'GET', `/v1/open-calls?q=${'а'.repeat(201)}`, undefined, 'q', 400],
      ['a bad field', 'GET', '/v1/open-calls?field=Med%20Tech!', undefined, 'field', 400],
      ['a forged cursor', 'GET', `/v1/open-calls?cursor=${forgedCursor({ createdAt: '99999-01-01', id: 'x' })}`, undefined, 'cursor', 400],
      ['a forged ranked cursor', 'GET', `/v1/open-calls?q=triage&cursor=${forgedCursor([2147483648, randomUUID()])}`, undefined, 'cursor', 400],
      ['a limit of 1000', 'GET', '/v1/open-calls?limit=1000', undefined, 'limit', 400],
      ['NUL in a query', 'GET', '/v1/open-calls?q=tri%00age', undefined, 'q', 400],
      ['a bad date', 'POST', '/v1/open-calls', { windowStartsOn: '2026-13-45' }, 'windowStartsOn', 400],
      ['a date-time as a window day', 'POST', '/v1/open-calls', { windowEndsOn: '2026-05-01T00:00:00Z' }, 'windowEndsOn', 400],
      ['a deadline in year 0', 'POST', '/v1/open-calls', { answerDeadline: '0000-01-01T00:00:00Z' }, 'answerDeadline', 400],
      ['no technology field', 'POST', '/v1/open-calls', { technologyFields: [] }, 'technologyFields', 400],
      ['pilots sought 2147483648', 'POST', '/v1/open-calls', { pilotsSought: 2147483648 }, 'pilotsSought', 400],
      ['a title of spaces', 'POST', '/v1/open-calls', { title: '   ' }, 'title', 400],
      ['a lone surrogate in the problem', 'POST', '/v1/open-calls', { problem: 'x\udc00' }, 'problem', 400],
      ['an unknown field in the body', 'POST', '/v1/open-calls', { budget: 1 }, 'budget', 400],
    ] as const)('%s answers 4xx naming the field', async (name, method, path, overrides, field, status) => {
      const body = overrides === undefined ? undefined : callBody(overrides as Record<string, unknown>);
      await expectRefusedAsProblem(running.url, bearer(host), { name, method, path, body, field, status });
    });

    it('refuses a proposal too long or blank', async () => {
      const call = await publish();
      await expectRefusedAsProblem(running.url, bearer(startup), {
        name: 'a proposal of 2,001 characters',
        method: 'POST',
        path: `/v1/open-calls/${call.id}/answers`,
        body: { proposal: '가'.repeat(2001) },
        field: 'proposal',
      });
      await expectRefusedAsProblem(running.url, bearer(startup), { name: 'a blank proposal', method: 'POST', path: `/v1/open-calls/${call.id}/answers`, body: { proposal: ' ' }, field: 'proposal' });
      expect(await db.query(`SELECT count(*)::int AS n FROM pilots.open_call_answers WHERE open_call_id = $1`, [call.id])).toEqual([{ n: 0 }]);
    });

    it('answers 404, never 500, for unknown ids', async () => {
      const id = randomUUID();
      expect(await api(null, 'GET', `/open-calls/${id}`)).toMatchObject({ status: 404, body: { code: 'OPEN_CALL.NOT_FOUND' } });
      expect(await api(host, 'POST', `/open-calls/${id}/close`, {})).toMatchObject({ status: 404 });
      expect(await api(startup, 'POST', `/open-calls/${id}/answers`, { proposal: 'Hello' })).toMatchObject({ status: 404 });
      expect(await api(host, 'GET', `/open-calls/${id}/answers`)).toMatchObject({ status: 404 });
      expect(await api(host, 'POST', `/open-call-answers/${id}/shortlist`, {})).toMatchObject({ status: 404, body: { code: 'OPEN_CALL.ANSWER_NOT_FOUND' } });
      expect(await api(host, 'POST', `/open-call-answers/${id}/decline`, {})).toMatchObject({ status: 404 });
      expect((await api(null, 'GET', '/open-calls/not-a-uuid')).status).toBe(400);
    });

    it('asks which programme when the site takes part in several', async () => {
      const second = await knownProgramme(db, manager.organisationId!);
      const site = await api(host, 'POST', '/pilot-sites', siteBody(programmeId, { programmeIds: [programmeId, second], city: seoul }));
      const missing = await api(host, 'POST', '/open-calls', callBody({ siteId: site.body.id }));
      expect(missing).toMatchObject({ status: 422, body: { code: 'OPEN_CALL.PROGRAMME_REQUIRED', errors: [{ field: 'programmeId' }] } });
      const named = await publish({ siteId: site.body.id, programmeId: second });
      expect(named.programmeId).toBe(second);
    });
  });
});
