import { randomUUID } from 'node:crypto';
import type { HostileCase, RouteAccessContext, RouteAccessEntry, RouteCase, TestApiKey } from '@exchange/platform/testing';
import { cohortBody, knownProgramme, seedCandidates, startupKey } from './helpers';

/** Reads a JSON answer, failing the setup (with the answer) unless it has the status expected. */
async function json<T>(res: Response, status: number, what: string): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`setup: ${what} answered ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

interface CohortView {
  id: string;
  version: number;
}

/**
 * A cohort (planning) of a fresh organisation's accelerator programme (as the consumer learns it),
 * created through the API by its programme manager. The programme and the cohort have a partner
 * organisation, whose programme manager reads the cohort but may not run it.
 */
async function createCohort(ctx: RouteAccessContext, owner?: TestApiKey, programmeId: string = randomUUID()) {
  const manager = owner ?? (await ctx.key('programme_manager'));
  const partnerOrganisation = await ctx.organisation();
  const partnerManager = await ctx.key('programme_manager', { organisationId: partnerOrganisation.id });
  await knownProgramme(ctx.dataSource, manager.organisationId!, { id: programmeId, partnerOrgIds: [partnerOrganisation.id] });
  const body = cohortBody(programmeId, { partnerOrganisationIds: [partnerOrganisation.id] });
  const cohort = await json<CohortView>(await ctx.call('POST', '/v1/cohorts', { key: manager, body }), 201, 'create cohort');
  return { manager, partnerManager, programmeId, cohort };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** What an organiser-only action on a cohort could change: the cohort row and its members. */
function cohortAndMembers(ctx: RouteAccessContext, cohortId: string) {
  return async () => ({
    cohort: await ctx.dataSource.query(`SELECT state, version FROM cohorts.cohorts WHERE id = $1`, [cohortId]),
    members: await ctx.dataSource.query(`SELECT id, state FROM cohorts.members WHERE cohort_id = $1 ORDER BY id`, [cohortId]),
  });
}

/** A partner organisation's programme manager tries an action only the organiser's managers take: 403, nothing written. */
function partnerRefused(ctx: RouteAccessContext, as: TestApiKey, cohortId: string, path: string, body: unknown, what: string): HostileCase {
  return { kind: 'partner', what, path, body, as, expectStatus: 403, unchanged: cohortAndMembers(ctx, cohortId) };
}

/** A cohort of a fresh organisation; its programme manager owns it, another organisation's gets 404. */
async function ownCohort(ctx: RouteAccessContext, path: (id: string) => string, body?: unknown): Promise<RouteCase> {
  const { manager, cohort } = await createCohort(ctx);
  return { path: path(cohort.id), as: manager, otherTenant: await ctx.key('programme_manager'), body };
}

/**
 * A cohort past its selection (state `selecting`) with one startup offered a place; with `accepted`
 * the startup accepted it. Returns the cohort's current version.
 */
async function selectedCohort(ctx: RouteAccessContext, opts: { accepted?: boolean } = {}) {
  const manager = await ctx.key('programme_manager');
  const programmeId = randomUUID();
  const startups = await seedCandidates(ctx.dataSource, programmeId, [manager.organisationId!], [{ label: 'a', country: 'KR', score: 80 }]);
  const startup = await startupKey(ctx.dataSource, startups.get('a')!);
  const { cohort, partnerManager } = await createCohort(ctx, manager, programmeId);
  const selection = await json<{ offers: Array<{ memberId: string }> }>(
    await ctx.call('POST', `/v1/cohorts/${cohort.id}/selection/commit`, { key: manager, body: { version: cohort.version } }),
    200,
    'commit selection',
  );
  const memberId = selection.offers[0].memberId;
  if (opts.accepted) await json(await ctx.call('POST', `/v1/offers/${memberId}/accept`, { key: startup }), 200, 'accept offer');
  const { version } = await json<CohortView>(await ctx.call('GET', `/v1/cohorts/${cohort.id}`, { key: manager }), 200, 'read cohort');
  return { manager, partnerManager, startup, cohortId: cohort.id, version, memberId };
}

/** One startup's offer (`offered`, or `accepted`): the startup owns it, another startup gets 404. */
async function ownOffer(ctx: RouteAccessContext, action: string, opts: { accepted?: boolean; body?: unknown } = {}): Promise<RouteCase> {
  const s = await selectedCohort(ctx, opts);
  return { path: `/v1/offers/${s.memberId}${action}`, as: s.startup, otherTenant: await ctx.key('startup'), body: opts.body };
}

/** A rubric and session body of a pitch day (issue 18). */
const PITCH_RUBRIC = { criteria: [{ key: 'team', label: 'Team', weight: 2 }, { key: 'market', label: 'Market', weight: 1 }], maxScore: 10 };
const pitchSessionBody = (pitchGroup: string) => ({ pitchGroup, name: `Session ${pitchGroup}`, day: '2030-03-10', timeZone: 'Asia/Seoul', rubric: PITCH_RUBRIC, minJurors: 1 });

/**
 * A cohort run as a pitch day by a fresh organisation's manager: one candidate in pitch group A, the
 * pitch day and the session of group A; with `slot` the candidate's slot, with `juror` a reviewer of
 * the organisation on the session's jury.
 */
async function pitchDayFixture(ctx: RouteAccessContext, opts: { slot?: boolean; juror?: boolean; pitchDay?: boolean } = {}) {
  const manager = await ctx.key('programme_manager');
  const programmeId = randomUUID();
  const startups = await seedCandidates(ctx.dataSource, programmeId, [manager.organisationId!], [{ label: 'a', country: 'KR', score: 80 }]);
  const startupId = startups.get('a')!;
  const { cohort, partnerManager } = await createCohort(ctx, manager, programmeId);
  await json(
    await ctx.call('PUT', `/v1/cohorts/${cohort.id}/pitch-groups`, { key: manager, body: { version: cohort.version, assignments: [{ startupId, pitchGroup: 'A' }] } }),
    200,
    'assign pitch group',
  );
  if (opts.pitchDay === false) return { manager, partnerManager, cohortId: cohort.id, startupId, sessionId: '', slotId: '', juror: null };
  await json(await ctx.call('POST', `/v1/cohorts/${cohort.id}/pitch-day`, { key: manager, body: {} }), 201, 'create pitch day');
  const session = await json<{ id: string }>(await ctx.call('POST', `/v1/cohorts/${cohort.id}/pitch-day/sessions`, { key: manager, body: pitchSessionBody('A') }), 201, 'create session');
  let slotId = '';
  if (opts.slot) {
    const slot = await json<{ id: string }>(
      await ctx.call('POST', `/v1/pitch-sessions/${session.id}/slots`, { key: manager, body: { startupId, startsAt: '2030-03-10T10:00:00+09:00', minutes: 10 } }),
      201,
      'add slot',
    );
    slotId = slot.id;
  }
  let juror: TestApiKey | null = null;
  if (opts.juror) {
    juror = await ctx.key('reviewer', { organisationId: manager.organisationId! });
    await json(await ctx.call('POST', `/v1/pitch-sessions/${session.id}/jurors`, { key: manager, body: { principalId: juror.principalId } }), 201, 'add juror');
  }
  return { manager, partnerManager, cohortId: cohort.id, startupId, sessionId: session.id, slotId, juror };
}

/** What a pitch day's organiser-only actions could change: its sessions, slots, jurors and scores. */
function pitchDayRows(ctx: RouteAccessContext, cohortId: string) {
  return async () => ({
    pitchDays: await ctx.dataSource.query(`SELECT id, state FROM cohorts.pitch_days WHERE cohort_id = $1`, [cohortId]),
    sessions: await ctx.dataSource.query(`SELECT s.id, s.state FROM cohorts.pitch_sessions s JOIN cohorts.pitch_days d ON d.id = s.pitch_day_id WHERE d.cohort_id = $1 ORDER BY s.id`, [cohortId]),
    slots: await ctx.dataSource.query(`SELECT sl.id, sl.attendance FROM cohorts.pitch_slots sl JOIN cohorts.pitch_days d ON d.id = sl.pitch_day_id WHERE d.cohort_id = $1 ORDER BY sl.id`, [cohortId]),
    jurors: await ctx.dataSource.query(
      `SELECT j.id, j.state FROM cohorts.pitch_jurors j JOIN cohorts.pitch_sessions s ON s.id = j.session_id JOIN cohorts.pitch_days d ON d.id = s.pitch_day_id WHERE d.cohort_id = $1 ORDER BY j.id`,
      [cohortId],
    ),
    conflicts: await ctx.dataSource.query(
      `SELECT c.id FROM cohorts.pitch_conflicts c JOIN cohorts.pitch_jurors j ON j.id = c.juror_id JOIN cohorts.pitch_sessions s ON s.id = j.session_id
       JOIN cohorts.pitch_days d ON d.id = s.pitch_day_id WHERE d.cohort_id = $1 ORDER BY c.id`,
      [cohortId],
    ),
  });
}

/**
 * Every route of the cohorts service and who may call it (see describeRouteAccess in
 * libs/platform/src/testing/route-access.ts). Add an entry with each new route; give it a `setup`
 * that creates the tenant's object so the 404-for-another-tenant and success checks run too.
 */
export const routeAccessTable: RouteAccessEntry[] = [
  {
    method: 'GET',
    path: '/v1/me',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'],
    setup: async (ctx) => ({ as: await ctx.key('partner_agency'), otherTenant: null }),
  },
  {
    method: 'POST',
    path: '/v1/cohorts',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const manager = await ctx.key('programme_manager');
      return { as: manager, otherTenant: null, body: cohortBody(await knownProgramme(ctx.dataSource, manager.organisationId!)), expectStatus: 201 };
    },
    // The programme must be a known accelerator programme the caller's organisation organises; the
    // partners, organisations that partner in it.
    hostile: async (ctx) => {
      const manager = await ctx.key('programme_manager');
      const org = manager.organisationId!;
      const partner = await ctx.organisation();
      const stranger = await ctx.organisation();
      const otherManager = await ctx.key('programme_manager');
      const own = await knownProgramme(ctx.dataSource, org, { partnerOrgIds: [partner.id] });
      const ownPilot = await knownProgramme(ctx.dataSource, org, { kind: 'pilot' });
      const foreign = await knownProgramme(ctx.dataSource, otherManager.organisationId!);
      const partneredIn = await knownProgramme(ctx.dataSource, otherManager.organisationId!, { partnerOrgIds: [org] });
      const startup = await ctx.startup();
      const cohortsOf = (programmeId: string) => () =>
        ctx.dataSource.query(`SELECT count(*)::int AS n FROM cohorts.cohorts WHERE programme_id = $1 OR organiser_organisation_id = $2`, [programmeId, org]);
      const refused = (what: string, programmeId: string, field: string, extra: Record<string, unknown> = {}): HostileCase => ({
        kind: 'foreign-id',
        what,
        as: manager,
        body: cohortBody(programmeId, extra),
        expectStatus: 422,
        field,
        unchanged: cohortsOf(programmeId),
      });
      return [
        refused('a random programme id', randomUUID(), 'programmeId'),
        refused('the nil UUID as programme', NIL_UUID, 'programmeId'),
        refused('a startup id as programme', startup.id, 'programmeId'),
        refused("another organisation's accelerator programme", foreign, 'programmeId'),
        refused("its own organisation's pilot programme", ownPilot, 'programmeId'),
        refused('a random partner organisation id', own, 'partnerOrganisationIds.0', { partnerOrganisationIds: [randomUUID()] }),
        refused('the nil UUID as partner', own, 'partnerOrganisationIds.0', { partnerOrganisationIds: [NIL_UUID] }),
        refused('a startup id as partner', own, 'partnerOrganisationIds.0', { partnerOrganisationIds: [startup.id] }),
        refused('an organisation that does not partner in the programme', own, 'partnerOrganisationIds.1', {
          partnerOrganisationIds: [partner.id, stranger.id],
        }),
        { ...refused('a cohort of a programme its organisation only partners in', partneredIn, 'programmeId'), kind: 'partner' },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/cohorts',
    roles: ['programme_manager', 'partner_agency'],
    // A list of one's own organisation's cohorts: nothing of another tenant to ask for.
    setup: async (ctx) => ({ as: (await createCohort(ctx)).manager, otherTenant: null }),
    hostile: async (ctx) => {
      const { manager } = await createCohort(ctx);
      const other = await createCohort(ctx);
      const unchanged = () => ctx.dataSource.query(`SELECT count(*)::int AS n FROM cohorts.cohorts WHERE programme_id = $1`, [other.programmeId]);
      return [
        { kind: 'foreign-id', what: 'a random programme id', path: `/v1/cohorts?programmeId=${randomUUID()}`, as: manager, expectStatus: 422, field: 'programmeId', unchanged },
        { kind: 'foreign-id', what: "another organisation's programme", path: `/v1/cohorts?programmeId=${other.programmeId}`, as: manager, expectStatus: 422, field: 'programmeId', unchanged },
      ];
    },
  },
  { method: 'GET', path: '/v1/cohorts/:id', roles: ['programme_manager', 'partner_agency'], setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}`) },
  {
    method: 'GET',
    path: '/v1/cohorts/:id/members',
    roles: ['programme_manager', 'partner_agency'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/members`),
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:id/start',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const s = await selectedCohort(ctx);
      return { path: `/v1/cohorts/${s.cohortId}/start`, as: s.manager, otherTenant: await ctx.key('programme_manager'), body: { version: s.version } };
    },
    hostile: async (ctx) => {
      const s = await selectedCohort(ctx);
      return [partnerRefused(ctx, s.partnerManager, s.cohortId, `/v1/cohorts/${s.cohortId}/start`, { version: s.version }, 'a partner starts the cohort')];
    },
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:id/graduate',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const s = await selectedCohort(ctx, { accepted: true });
      const started = await json<CohortView>(
        await ctx.call('POST', `/v1/cohorts/${s.cohortId}/start`, { key: s.manager, body: { version: s.version } }),
        200,
        'start cohort',
      );
      const body = { version: started.version, outcomes: [{ memberId: s.memberId, graduated: true, note: 'Shipped a pilot.' }] };
      return { path: `/v1/cohorts/${s.cohortId}/graduate`, as: s.manager, otherTenant: await ctx.key('programme_manager'), body };
    },
    hostile: async (ctx) => {
      const s = await selectedCohort(ctx, { accepted: true });
      const other = await selectedCohort(ctx, { accepted: true });
      const started = await json<CohortView>(
        await ctx.call('POST', `/v1/cohorts/${s.cohortId}/start`, { key: s.manager, body: { version: s.version } }),
        200,
        'start cohort',
      );
      const path = `/v1/cohorts/${s.cohortId}/graduate`;
      const own = { memberId: s.memberId, graduated: true };
      const both = async () => ({ own: await cohortAndMembers(ctx, s.cohortId)(), other: await cohortAndMembers(ctx, other.cohortId)() });
      return [
        partnerRefused(ctx, s.partnerManager, s.cohortId, path, { version: started.version, outcomes: [own] }, 'a partner graduates the cohort'),
        {
          kind: 'foreign-id',
          what: "another cohort's member among the outcomes",
          path,
          as: s.manager,
          body: { version: started.version, outcomes: [own, { memberId: other.memberId, graduated: true }] },
          expectStatus: 422,
          field: 'outcomes.1.memberId',
          unchanged: both,
        },
        {
          kind: 'foreign-id',
          what: 'a random member id among the outcomes',
          path,
          as: s.manager,
          body: { version: started.version, outcomes: [own, { memberId: randomUUID(), graduated: false }] },
          expectStatus: 422,
          field: 'outcomes.1.memberId',
          unchanged: both,
        },
      ];
    },
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:id/selection/preview',
    roles: ['programme_manager'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/selection/preview`),
    // The preview shows the ranking and scores of the programme's candidates: the organiser's alone.
    hostile: async (ctx) => {
      const { partnerManager, cohort } = await createCohort(ctx);
      return [partnerRefused(ctx, partnerManager, cohort.id, `/v1/cohorts/${cohort.id}/selection/preview`, undefined, 'a partner previews the selection')];
    },
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:id/selection/commit',
    roles: ['programme_manager'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/selection/commit`, { version: 1 }),
    hostile: async (ctx) => {
      const manager = await ctx.key('programme_manager');
      const programmeId = randomUUID();
      await seedCandidates(ctx.dataSource, programmeId, [manager.organisationId!], [{ label: 'a', country: 'KR', score: 80 }]);
      const { partnerManager, cohort } = await createCohort(ctx, manager, programmeId);
      const path = `/v1/cohorts/${cohort.id}/selection/commit`;
      return [partnerRefused(ctx, partnerManager, cohort.id, path, { version: cohort.version }, 'a partner commits the selection (makes offers)')];
    },
  },
  {
    method: 'PUT',
    path: '/v1/cohorts/:cohortId/pitch-groups',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const manager = await ctx.key('programme_manager');
      const programmeId = randomUUID();
      const startups = await seedCandidates(ctx.dataSource, programmeId, [manager.organisationId!], [{ label: 'a', country: 'KR', score: 80 }]);
      const { cohort } = await createCohort(ctx, manager, programmeId);
      const body = { version: cohort.version, assignments: [{ startupId: startups.get('a')!, pitchGroup: 'Pitch day A' }] };
      return { path: `/v1/cohorts/${cohort.id}/pitch-groups`, as: manager, otherTenant: await ctx.key('programme_manager'), body };
    },
    hostile: async (ctx) => {
      const manager = await ctx.key('programme_manager');
      const programmeId = randomUUID();
      const startups = await seedCandidates(ctx.dataSource, programmeId, [manager.organisationId!], [{ label: 'a', country: 'KR', score: 80 }]);
      const { partnerManager, cohort } = await createCohort(ctx, manager, programmeId);
      // A candidate of another organisation's programme: not this cohort's to place.
      const otherManager = await ctx.key('programme_manager');
      const foreign = await seedCandidates(ctx.dataSource, randomUUID(), [otherManager.organisationId!], [{ label: 'x', country: 'KR', score: 90 }]);
      const path = `/v1/cohorts/${cohort.id}/pitch-groups`;
      const sessions = async () => ({
        cohort: await ctx.dataSource.query(`SELECT version FROM cohorts.cohorts WHERE id = $1`, [cohort.id]),
        candidates: await ctx.dataSource.query(`SELECT startup_id, programme_id, pitch_group FROM cohorts.candidates WHERE startup_id = ANY ($1::uuid[]) ORDER BY startup_id`, [
          [startups.get('a')!, foreign.get('x')!],
        ]),
      });
      const assign = (startupId: string) => ({ version: cohort.version, assignments: [{ startupId, pitchGroup: 'Pitch day A' }] });
      return [
        { kind: 'partner', what: 'a partner assigns pitch sessions', path, body: assign(startups.get('a')!), as: partnerManager, expectStatus: 403, unchanged: sessions },
        {
          kind: 'foreign-id',
          what: "another programme's candidate",
          path,
          body: assign(foreign.get('x')!),
          as: manager,
          expectStatus: 422,
          field: 'assignments.0.startupId',
          unchanged: sessions,
        },
        { kind: 'foreign-id', what: 'a random startup id', path, body: assign(randomUUID()), as: manager, expectStatus: 422, field: 'assignments.0.startupId', unchanged: sessions },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/cohorts/:cohortId/candidates',
    roles: ['programme_manager', 'partner_agency'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/candidates`),
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:cohortId/pitch-day',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx, { pitchDay: false });
      return { path: `/v1/cohorts/${f.cohortId}/pitch-day`, as: f.manager, otherTenant: await ctx.key('programme_manager'), body: { perGroup: 3 }, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx, { pitchDay: false });
      return [{ kind: 'partner', what: 'a partner runs the selection as a pitch day', path: `/v1/cohorts/${f.cohortId}/pitch-day`, body: {}, as: f.partnerManager, expectStatus: 403, unchanged: pitchDayRows(ctx, f.cohortId) }];
    },
  },
  {
    method: 'GET',
    path: '/v1/cohorts/:cohortId/pitch-day',
    roles: ['programme_manager', 'partner_agency'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      return { path: `/v1/cohorts/${f.cohortId}/pitch-day`, as: f.manager, otherTenant: await ctx.key('programme_manager') };
    },
  },
  {
    method: 'GET',
    path: '/v1/cohorts/:cohortId/pitch-day/result',
    roles: ['startup'],
    // A startup's own result of a published pitch day: any other startup gets 404.
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true, juror: true });
      const scores = { scores: [{ criterion: 'team', score: 8 }, { criterion: 'market', score: 7 }] };
      await json(await ctx.call('PUT', `/v1/pitch-sessions/${f.sessionId}/slots/${f.slotId}/score`, { key: f.juror!, body: scores }), 200, 'score');
      await json(await ctx.call('POST', `/v1/pitch-sessions/${f.sessionId}/close`, { key: f.manager }), 200, 'close session');
      const { version } = await json<CohortView>(await ctx.call('GET', `/v1/cohorts/${f.cohortId}`, { key: f.manager }), 200, 'read cohort');
      await json(await ctx.call('POST', `/v1/cohorts/${f.cohortId}/selection/commit`, { key: f.manager, body: { version } }), 200, 'commit selection');
      return { path: `/v1/cohorts/${f.cohortId}/pitch-day/result`, as: await startupKey(ctx.dataSource, f.startupId), otherTenant: await ctx.key('startup') };
    },
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:cohortId/pitch-day/sessions',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      return { path: `/v1/cohorts/${f.cohortId}/pitch-day/sessions`, as: f.manager, otherTenant: await ctx.key('programme_manager'), body: pitchSessionBody('B'), expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      const path = `/v1/cohorts/${f.cohortId}/pitch-day/sessions`;
      return [{ kind: 'partner', what: 'a partner adds a pitch session', path, body: pitchSessionBody('B'), as: f.partnerManager, expectStatus: 403, unchanged: pitchDayRows(ctx, f.cohortId) }];
    },
  },
  {
    method: 'GET',
    path: '/v1/pitch-sessions/:sessionId',
    roles: ['programme_manager', 'partner_agency', 'reviewer'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true, juror: true });
      return { path: `/v1/pitch-sessions/${f.sessionId}`, as: f.juror!, otherTenant: await ctx.key('reviewer') };
    },
  },
  {
    method: 'POST',
    path: '/v1/pitch-sessions/:sessionId/slots',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      const body = { startupId: f.startupId, startsAt: '2030-03-10T10:00:00+09:00', minutes: 10 };
      return { path: `/v1/pitch-sessions/${f.sessionId}/slots`, as: f.manager, otherTenant: await ctx.key('programme_manager'), body, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      const other = await pitchDayFixture(ctx);
      const path = `/v1/pitch-sessions/${f.sessionId}/slots`;
      const slot = (startupId: string) => ({ startupId, startsAt: '2030-03-10T10:00:00+09:00', minutes: 10 });
      const unchanged = async () => ({ own: await pitchDayRows(ctx, f.cohortId)(), other: await pitchDayRows(ctx, other.cohortId)() });
      return [
        { kind: 'partner', what: 'a partner gives a slot', path, body: slot(f.startupId), as: f.partnerManager, expectStatus: 403, unchanged },
        { kind: 'foreign-id', what: "another organisation's cohort's candidate", path, body: slot(other.startupId), as: f.manager, expectStatus: 422, field: 'startupId', unchanged },
        { kind: 'foreign-id', what: 'a random startup id', path, body: slot(randomUUID()), as: f.manager, expectStatus: 422, field: 'startupId', unchanged },
        { kind: 'foreign-id', what: "a slot in another organisation's session", path: `/v1/pitch-sessions/${other.sessionId}/slots`, body: slot(other.startupId), as: f.manager, expectStatus: 404, unchanged },
      ];
    },
  },
  {
    method: 'PUT',
    path: '/v1/pitch-sessions/:sessionId/slots/:slotId/attendance',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true });
      return { path: `/v1/pitch-sessions/${f.sessionId}/slots/${f.slotId}/attendance`, as: f.manager, otherTenant: await ctx.key('programme_manager'), body: { absent: true } };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true });
      const other = await pitchDayFixture(ctx, { slot: true });
      const unchanged = async () => ({ own: await pitchDayRows(ctx, f.cohortId)(), other: await pitchDayRows(ctx, other.cohortId)() });
      return [
        { kind: 'partner', what: 'a partner marks a startup absent', path: `/v1/pitch-sessions/${f.sessionId}/slots/${f.slotId}/attendance`, body: { absent: true }, as: f.partnerManager, expectStatus: 403, unchanged },
        { kind: 'foreign-id', what: "another organisation's slot under its own session", path: `/v1/pitch-sessions/${f.sessionId}/slots/${other.slotId}/attendance`, body: { absent: true }, as: f.manager, expectStatus: 404, unchanged },
      ];
    },
  },
  {
    method: 'POST',
    path: '/v1/pitch-sessions/:sessionId/jurors',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      const reviewer = await ctx.key('reviewer', { organisationId: f.manager.organisationId! });
      return { path: `/v1/pitch-sessions/${f.sessionId}/jurors`, as: f.manager, otherTenant: await ctx.key('programme_manager'), body: { principalId: reviewer.principalId }, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      const own = await ctx.key('reviewer', { organisationId: f.manager.organisationId! });
      const foreign = await ctx.key('reviewer');
      const partnerReviewer = await ctx.key('reviewer', { organisationId: f.partnerManager.organisationId! });
      const other = await pitchDayFixture(ctx);
      const path = `/v1/pitch-sessions/${f.sessionId}/jurors`;
      const unchanged = async () => ({ own: await pitchDayRows(ctx, f.cohortId)(), other: await pitchDayRows(ctx, other.cohortId)() });
      const refused = (what: string, principalId: string): HostileCase => ({ kind: 'foreign-id', what, path, body: { principalId }, as: f.manager, expectStatus: 422, field: 'principalId', unchanged });
      return [
        { kind: 'partner', what: 'a partner names a juror', path, body: { principalId: partnerReviewer.principalId }, as: f.partnerManager, expectStatus: 403, unchanged },
        refused("another organisation's reviewer", foreign.principalId),
        refused("the partner organisation's reviewer", partnerReviewer.principalId),
        refused('the manager itself (not a reviewer)', f.manager.principalId),
        refused('a random principal id', randomUUID()),
        { ...refused('its own reviewer, on a session of another organisation', own.principalId), path: `/v1/pitch-sessions/${other.sessionId}/jurors`, expectStatus: 404, field: undefined },
      ];
    },
  },
  {
    method: 'POST',
    path: '/v1/pitch-sessions/:sessionId/close',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      return { path: `/v1/pitch-sessions/${f.sessionId}/close`, as: f.manager, otherTenant: await ctx.key('programme_manager') };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx);
      return [{ kind: 'partner', what: 'a partner closes a session', path: `/v1/pitch-sessions/${f.sessionId}/close`, as: f.partnerManager, expectStatus: 403, unchanged: pitchDayRows(ctx, f.cohortId) }];
    },
  },
  {
    method: 'PUT',
    path: '/v1/pitch-sessions/:sessionId/slots/:slotId/score',
    roles: ['reviewer'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true, juror: true });
      const body = { scores: [{ criterion: 'team', score: 8 }, { criterion: 'market', score: 7.5 }] };
      return { path: `/v1/pitch-sessions/${f.sessionId}/slots/${f.slotId}/score`, as: f.juror!, otherTenant: await ctx.key('reviewer'), body };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true, juror: true });
      const other = await pitchDayFixture(ctx, { slot: true, juror: true });
      const body = { scores: [{ criterion: 'team', score: 8 }, { criterion: 'market', score: 7.5 }] };
      const scores = async () => ctx.dataSource.query(`SELECT slot_id, juror_id FROM cohorts.pitch_scores WHERE slot_id = ANY ($1::uuid[]) ORDER BY slot_id`, [[f.slotId, other.slotId]]);
      return [
        { kind: 'foreign-id', what: "another session's slot under its own session", path: `/v1/pitch-sessions/${f.sessionId}/slots/${other.slotId}/score`, body, as: f.juror!, expectStatus: 404, unchanged: scores },
        { kind: 'foreign-id', what: 'a slot of a session it does not judge', path: `/v1/pitch-sessions/${other.sessionId}/slots/${other.slotId}/score`, body, as: f.juror!, expectStatus: 404, unchanged: scores },
      ];
    },
  },
  {
    method: 'POST',
    path: '/v1/pitch-sessions/:sessionId/recusals',
    roles: ['reviewer'],
    setup: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true, juror: true });
      return { path: `/v1/pitch-sessions/${f.sessionId}/recusals`, as: f.juror!, otherTenant: await ctx.key('reviewer'), body: { reason: 'I advised this startup.', startupId: f.startupId } };
    },
    hostile: async (ctx) => {
      const f = await pitchDayFixture(ctx, { slot: true, juror: true });
      const other = await pitchDayFixture(ctx, { slot: true });
      const path = `/v1/pitch-sessions/${f.sessionId}/recusals`;
      const unchanged = pitchDayRows(ctx, f.cohortId);
      return [
        { kind: 'foreign-id', what: "a conflict with another cohort's startup", path, body: { reason: 'Conflict.', startupId: other.startupId }, as: f.juror!, expectStatus: 422, field: 'startupId', unchanged },
        { kind: 'foreign-id', what: 'a conflict with a random startup id', path, body: { reason: 'Conflict.', startupId: randomUUID() }, as: f.juror!, expectStatus: 422, field: 'startupId', unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/offers',
    roles: ['startup'],
    // The calling startup's own offers only.
    setup: async (ctx) => ({ as: (await selectedCohort(ctx)).startup, otherTenant: null }),
  },
  { method: 'GET', path: '/v1/offers/:id', roles: ['startup'], setup: (ctx) => ownOffer(ctx, '') },
  { method: 'POST', path: '/v1/offers/:id/accept', roles: ['startup'], setup: (ctx) => ownOffer(ctx, '/accept') },
  { method: 'POST', path: '/v1/offers/:id/decline', roles: ['startup'], setup: (ctx) => ownOffer(ctx, '/decline', { body: { reason: 'Joined another programme.' } }) },
  { method: 'POST', path: '/v1/offers/:id/withdraw', roles: ['startup'], setup: (ctx) => ownOffer(ctx, '/withdraw', { accepted: true }) },
  {
    method: 'POST',
    path: '/v1/cohorts/:cohortId/members/:memberId/drop-out',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const s = await selectedCohort(ctx, { accepted: true });
      return { path: `/v1/cohorts/${s.cohortId}/members/${s.memberId}/drop-out`, as: s.manager, otherTenant: await ctx.key('programme_manager') };
    },
    hostile: async (ctx) => {
      const s = await selectedCohort(ctx, { accepted: true });
      return [partnerRefused(ctx, s.partnerManager, s.cohortId, `/v1/cohorts/${s.cohortId}/members/${s.memberId}/drop-out`, undefined, 'a partner drops a member out')];
    },
  },
];
