import type { RouteAccessContext, RouteAccessEntry } from '@exchange/platform/testing';
import { randomUUID } from 'node:crypto';

/**
 * Every route of the applications service and who may call it (see describeRouteAccess in
 * libs/platform/src/testing/route-access.ts). Add an entry with each new route; give it a `setup`
 * that creates the tenant's object so the 404-for-another-tenant and success checks run too.
 */

/** A programme manager of a fresh organisation, a person of it, and a manager of another organisation. */
async function managedPerson(ctx: RouteAccessContext) {
  const org = await ctx.organisation();
  const manager = await ctx.key('programme_manager', { organisationId: org.id });
  const person = await ctx.key('reviewer', { organisationId: org.id });
  const otherManager = await ctx.key('programme_manager');
  return { org, manager, person, otherManager };
}

export const routeAccessTable: RouteAccessEntry[] = [
  {
    method: 'GET',
    path: '/v1/me',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'],
    setup: async (ctx) => ({ as: await ctx.key('startup'), otherTenant: null }),
  },
  // identity
  {
    method: 'POST',
    path: '/v1/organisations',
    roles: ['admin'],
    setup: async (ctx) => ({
      as: await ctx.key('admin'),
      otherTenant: null,
      body: { name: `Org ${randomUUID()}`, kind: 'host', country: 'KR', preferredLanguage: 'ko' },
      expectStatus: 201,
    }),
  },
  {
    method: 'GET',
    path: '/v1/organisations',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency'],
    setup: async (ctx) => ({ as: await ctx.key('host'), otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/organisations/:organisationId',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency'],
    setup: async (ctx) => {
      const org = await ctx.organisation();
      return { path: `/v1/organisations/${org.id}`, as: await ctx.key('host', { organisationId: org.id }), otherTenant: await ctx.key('host') };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/organisations/:organisationId',
    roles: ['admin'],
    // Admins act on every organisation: no other tenant.
    setup: async (ctx) => ({ path: `/v1/organisations/${(await ctx.organisation()).id}`, body: { city: 'Busan' }, as: await ctx.key('admin'), otherTenant: null }),
  },
  {
    method: 'POST',
    path: '/v1/organisations/:organisationId/people',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { org, manager, otherManager } = await managedPerson(ctx);
      return {
        path: `/v1/organisations/${org.id}/people`,
        body: { displayName: 'Reviewer', role: 'reviewer' },
        as: manager,
        otherTenant: otherManager,
        expectStatus: 201,
      };
    },
  },
  {
    method: 'GET',
    path: '/v1/organisations/:organisationId/people',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { org, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/organisations/${org.id}/people`, as: manager, otherTenant: otherManager };
    },
  },
  {
    method: 'GET',
    path: '/v1/people/:personId',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/people/${person.principalId}`, as: manager, otherTenant: otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/people/:personId/api-keys',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/people/${person.principalId}/api-keys`, body: { label: 'laptop' }, as: manager, otherTenant: otherManager, expectStatus: 201 };
    },
  },
  {
    method: 'GET',
    path: '/v1/people/:personId/api-keys',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/people/${person.principalId}/api-keys`, as: manager, otherTenant: otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/api-keys/:apiKeyId/revoke',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/api-keys/${person.apiKeyId}/revoke`, as: manager, otherTenant: otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'POST',
    path: '/v1/startups',
    roles: 'public',
    setup: async () => ({
      body: { name: '메디봇', nameLatin: 'Medibot', country: 'KR', registrationNumber: `RA-${randomUUID()}`, technologyFields: ['medtech'], trl: 5 },
      expectStatus: 201,
    }),
  },
  {
    method: 'GET',
    path: '/v1/startups',
    roles: ['admin', 'programme_manager', 'partner_agency'],
    setup: async (ctx) => ({ as: await ctx.key('partner_agency'), otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/startups/:id',
    roles: ['admin', 'programme_manager', 'partner_agency', 'startup'],
    setup: async (ctx) => {
      const startup = await ctx.key('startup');
      return { path: `/v1/startups/${startup.startupId}`, as: startup, otherTenant: await ctx.key('startup') };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/startups/:id',
    roles: ['startup'],
    setup: async (ctx) => {
      const startup = await ctx.key('startup');
      return { path: `/v1/startups/${startup.startupId}`, body: { description: 'Triage robots' }, as: startup, otherTenant: await ctx.key('startup') };
    },
  },
  { method: 'POST', path: '/v1/startups/:id/certifications', roles: ['startup'] },
  { method: 'DELETE', path: '/v1/startups/:id/certifications/:certificationId', roles: ['startup'] },
  { method: 'POST', path: '/v1/programmes', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/programmes', roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'] },
  { method: 'GET', path: '/v1/programmes/:id', roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'] },
  { method: 'PATCH', path: '/v1/programmes/:id', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/programmes/:id/publish', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/programmes/:id/close', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/applications', roles: ['startup'] },
  { method: 'GET', path: '/v1/applications', roles: ['startup', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/applications/:id', roles: ['startup', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'GET', path: '/v1/applications/:id/history', roles: ['startup', 'programme_manager', 'partner_agency', 'admin'] },
  { method: 'PATCH', path: '/v1/applications/:id', roles: ['startup'] },
  { method: 'POST', path: '/v1/applications/:id/submit', roles: ['startup'] },
  { method: 'POST', path: '/v1/applications/:id/withdraw', roles: ['startup'] },
  { method: 'POST', path: '/v1/programmes/:id/review-assignments', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/programmes/:id/review-assignments/auto', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/programmes/:id/review-progress', roles: ['programme_manager'] },
  { method: 'POST', path: '/v1/review-assignments/:id/recuse', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/review-assignments', roles: ['reviewer'] },
  { method: 'GET', path: '/v1/review-assignments/:id', roles: ['reviewer'] },
  { method: 'POST', path: '/v1/review-assignments/:id/review', roles: ['reviewer'] },
  { method: 'POST', path: '/v1/review-assignments/:id/abstain', roles: ['reviewer'] },
  { method: 'POST', path: '/v1/conflicts-of-interest', roles: ['reviewer'] },
  { method: 'GET', path: '/v1/applications/:id/reviews', roles: ['programme_manager', 'partner_agency', 'admin'] },
  { method: 'POST', path: '/v1/applications/:id/decision', roles: ['programme_manager'] },
  { method: 'GET', path: '/v1/programmes/:id/ranking', roles: ['programme_manager', 'partner_agency'] },
  { method: 'GET', path: '/v1/programmes/:id/ranking.csv', roles: ['programme_manager', 'partner_agency'] },
];
