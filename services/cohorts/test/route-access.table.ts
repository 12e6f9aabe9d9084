import type { RouteAccessEntry } from '@exchange/platform/testing';

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
  { method: 'POST', path: '/v1/cohorts', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/cohorts', roles: ['programme_manager', 'partner_agency'] },
  { method: 'GET', path: '/v1/cohorts/:id', roles: ['programme_manager', 'partner_agency'] },
  { method: 'GET', path: '/v1/cohorts/:id/members', roles: ['programme_manager', 'partner_agency'] },
  { method: 'POST', path: '/v1/cohorts/:id/start', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/cohorts/:id/graduate', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/cohorts/:id/selection/preview', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/cohorts/:id/selection/commit', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/offers', roles: ['startup'] },
  { method: 'GET', path: '/v1/offers/:id', roles: ['startup'] },
  { method: 'POST', path: '/v1/offers/:id/accept', roles: ['startup'] },
  { method: 'POST', path: '/v1/offers/:id/decline', roles: ['startup'] },
  { method: 'POST', path: '/v1/offers/:id/withdraw', roles: ['startup'] },
  { method: 'POST', path: '/v1/cohorts/:cohortId/members/:memberId/drop-out', roles: ['programme_manager'] },
];
