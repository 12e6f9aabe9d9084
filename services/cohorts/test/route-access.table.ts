import { randomUUID } from 'node:crypto';
import type { RouteAccessContext, RouteAccessEntry, RouteCase } from '@exchange/platform/testing';
import { cohortBody } from './helpers';

/** A cohort of a fresh organisation; its programme manager owns it, another organisation's gets 404. */
async function ownCohort(ctx: RouteAccessContext, path: (id: string) => string, body?: unknown): Promise<RouteCase> {
  const owner = await ctx.key('programme_manager');
  const res = await ctx.call('POST', '/v1/cohorts', { key: owner, body: cohortBody(randomUUID()) });
  const cohort = (await res.json()) as { id: string };
  return { path: path(cohort.id), as: owner, otherTenant: await ctx.key('programme_manager'), body };
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
  { method: 'GET', path: '/v1/cohorts', roles: ['programme_manager', 'partner_agency'] },
  { method: 'GET', path: '/v1/cohorts/:id', roles: ['programme_manager', 'partner_agency'], setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}`) },
  {
    method: 'GET',
    path: '/v1/cohorts/:id/members',
    roles: ['programme_manager', 'partner_agency'],
    setup: (ctx) => ownCohort(ctx, (id) => `/v1/cohorts/${id}/members`),
  },
  { method: 'POST', path: '/v1/cohorts/:id/start', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/cohorts/:id/graduate', roles: ['programme_manager'] },
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
  { method: 'GET', path: '/v1/offers', roles: ['startup'] },
  { method: 'GET', path: '/v1/offers/:id', roles: ['startup'] },
  { method: 'POST', path: '/v1/offers/:id/accept', roles: ['startup'] },
  { method: 'POST', path: '/v1/offers/:id/decline', roles: ['startup'] },
  { method: 'POST', path: '/v1/offers/:id/withdraw', roles: ['startup'] },
  { method: 'POST', path: '/v1/cohorts/:cohortId/members/:memberId/drop-out', roles: ['programme_manager'] },
];
