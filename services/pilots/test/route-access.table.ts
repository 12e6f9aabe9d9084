import type { RouteAccessEntry } from '@exchange/platform/testing';

/**
 * Every route of the pilots service and who may call it (see describeRouteAccess in
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
  { method: 'POST', path: '/v1/pilot-sites', roles: ['host'] },
  { method: 'GET', path: '/v1/pilot-sites', roles: ['host', 'programme_manager', 'admin'] },
  { method: 'GET', path: '/v1/pilot-sites/:id', roles: ['host', 'programme_manager', 'admin'] },
  { method: 'PATCH', path: '/v1/pilot-sites/:id', roles: ['host'] },
  { method: 'GET', path: '/v1/match-proposals', roles: ['startup', 'host', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/match-proposals/:id', roles: ['startup', 'host', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/match-proposals/:id/approve', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/match-proposals/:id/decline', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/pilots', roles: ['startup', 'host', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/pilots/:id', roles: ['startup', 'host', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/pilots/:id/schedule', roles: ['host'] },
  { method: 'POST', path: '/v1/pilots/:id/start', roles: ['host'] },
  { method: 'POST', path: '/v1/pilots/:id/complete', roles: ['host'] },
  { method: 'POST', path: '/v1/pilots/:id/cancel', roles: ['programme_manager', 'host'] },
];
