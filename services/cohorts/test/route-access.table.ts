import { randomUUID } from 'node:crypto';
import type { RouteAccessContext, RouteAccessEntry, RouteCase, TestApiKey } from '@exchange/platform/testing';
import { cohortBody, seedCandidates, startupKey } from './helpers';

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

/** A cohort (planning) of a fresh organisation, created through the API by its programme manager. */
async function createCohort(ctx: RouteAccessContext, owner?: TestApiKey, programmeId: string = randomUUID()) {
  const manager = owner ?? (await ctx.key('programme_manager'));
  const cohort = await json<CohortView>(await ctx.call('POST', '/v1/cohorts', { key: manager, body: cohortBody(programmeId) }), 201, 'create cohort');
  return { manager, cohort };
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
  const { cohort } = await createCohort(ctx, manager, programmeId);
  const selection = await json<{ offers: Array<{ memberId: string }> }>(
    await ctx.call('POST', `/v1/cohorts/${cohort.id}/selection/commit`, { key: manager, body: { version: cohort.version } }),
    200,
    'commit selection',
  );
  const memberId = selection.offers[0].memberId;
  if (opts.accepted) await json(await ctx.call('POST', `/v1/offers/${memberId}/accept`, { key: startup }), 200, 'accept offer');
  const { version } = await json<CohortView>(await ctx.call('GET', `/v1/cohorts/${cohort.id}`, { key: manager }), 200, 'read cohort');
  return { manager, startup, cohortId: cohort.id, version, memberId };
}

/** One startup's offer (`offered`, or `accepted`): the startup owns it, another startup gets 404. */
async function ownOffer(ctx: RouteAccessContext, action: string, opts: { accepted?: boolean; body?: unknown } = {}): Promise<RouteCase> {
  const s = await selectedCohort(ctx, opts);
  return { path: `/v1/offers/${s.memberId}${action}`, as: s.startup, otherTenant: await ctx.key('startup'), body: opts.body };
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
    setup: async (ctx) => ({ as: await ctx.key('programme_manager'), otherTenant: null, body: cohortBody(randomUUID()), expectStatus: 201 }),
  },
  {
    method: 'GET',
    path: '/v1/cohorts',
    roles: ['programme_manager', 'partner_agency'],
    // A list of one's own organisation's cohorts: nothing of another tenant to ask for.
    setup: async (ctx) => ({ as: (await createCohort(ctx)).manager, otherTenant: null }),
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
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:id/selection/preview',
    roles: ['programme_manager'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/selection/preview`),
  },
  {
    method: 'POST',
    path: '/v1/cohorts/:id/selection/commit',
    roles: ['programme_manager'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/selection/commit`, { version: 1 }),
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
  },
  {
    method: 'GET',
    path: '/v1/cohorts/:cohortId/candidates',
    roles: ['programme_manager', 'partner_agency'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/candidates`),
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
  },
];
