import type { RouteAccessEntry } from '@exchange/platform/testing';

/**
 * Every route of the notifications service and who may call it (see describeRouteAccess in
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
  { method: 'POST', path: '/v1/webhook-endpoints', roles: ['partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/webhook-endpoints', roles: ['partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/webhook-endpoints/:id', roles: ['partner_agency', 'admin'] },
  { method: 'PATCH', path: '/v1/webhook-endpoints/:id', roles: ['partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/webhook-endpoints/:id/rotate-secret', roles: ['partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/webhook-endpoints/:id/pause', roles: ['partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/webhook-endpoints/:id/resume', roles: ['partner_agency', 'admin'] },
  { method: 'DELETE', path: '/v1/webhook-endpoints/:id', roles: ['partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/webhook-endpoints/:id/test', roles: ['partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/webhook-endpoints/:id/replay', roles: ['partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/webhook-deliveries', roles: ['partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/webhook-deliveries/:id', roles: ['partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/webhook-deliveries/:id/retry', roles: ['partner_agency', 'admin'] },
];
