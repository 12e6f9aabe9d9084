import type { RouteAccessContext, RouteAccessEntry } from '@exchange/platform/testing';
import { randomUUID } from 'node:crypto';
import { programmeBody } from './helpers';

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

const DAY = 86_400_000;
const EVERYONE = ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'] as const;

/** The JSON body of a call that must succeed (a setup step, not the call under test). */
async function ok<T = { id: string; version: number }>(res: Response | Promise<Response>, what: string): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`setup ${what}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/**
 * A programme (draft unless published or closed) of a fresh organising agency with its manager, and
 * a manager of another organisation. No eligibility rule, so any test startup may submit; one
 * review completes an application.
 */
async function programmeOf(ctx: RouteAccessContext, state: 'draft' | 'published' | 'closed' = 'draft') {
  const org = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
  const manager = await ctx.key('programme_manager', { organisationId: org.id });
  const body = programmeBody({ eligibility: {}, reviewsRequired: 1, rubric: { criteria: [{ key: 'fit', label: 'Fit', weight: 1 }], scaleMin: 1, scaleMax: 10 } });
  let programme = await ok<{ id: string; version: number }>(ctx.call('POST', '/v1/programmes', { key: manager, body }), 'programme');
  if (state !== 'draft') programme = await ok(ctx.call('POST', `/v1/programmes/${programme.id}/publish`, { key: manager }), 'publish');
  if (state === 'closed') programme = await ok(ctx.call('POST', `/v1/programmes/${programme.id}/close`, { key: manager }), 'close');
  return { org, manager, programme, otherManager: await ctx.key('programme_manager') };
}

/** A startup's application (draft or submitted) to a published programme, and another startup. */
async function applicationOf(ctx: RouteAccessContext, state: 'draft' | 'submitted' = 'draft') {
  const p = await programmeOf(ctx, 'published');
  const startup = await ctx.key('startup');
  let application = await ok<{ id: string; version: number }>(
    ctx.call('POST', '/v1/applications', { key: startup, body: { programmeId: p.programme.id, answers: { pitch: 'Faster triage' } } }),
    'application',
  );
  if (state === 'submitted') application = await ok(ctx.call('POST', `/v1/applications/${application.id}/submit`, { key: startup }), 'submit');
  return { ...p, startup, application, otherStartup: await ctx.key('startup') };
}

/** A reviewer of the organiser assigned (by its manager) to a submitted application, now under review; and a reviewer of another organisation. */
async function assignmentOf(ctx: RouteAccessContext) {
  const a = await applicationOf(ctx, 'submitted');
  const reviewer = await ctx.key('reviewer', { organisationId: a.org.id });
  const assignment = await ok<{ id: string }>(
    ctx.call('POST', `/v1/programmes/${a.programme.id}/review-assignments`, {
      key: a.manager,
      body: { applicationId: a.application.id, reviewerPrincipalId: reviewer.principalId, dueAt: new Date(Date.now() + 7 * DAY).toISOString() },
    }),
    'assignment',
  );
  return { ...a, reviewer, assignment, otherReviewer: await ctx.key('reviewer') };
}

/** A startup with one certification, and another startup. */
async function certifiedStartup(ctx: RouteAccessContext) {
  const startup = await ctx.key('startup');
  const [row] = (await ctx.dataSource.query(
    `INSERT INTO applications.certifications (startup_id, kind, issuer, valid_from) VALUES ($1, 'innovation_certificate', 'Test issuer', now()) RETURNING id`,
    [startup.startupId],
  )) as Array<{ id: string }>;
  return { startup, certificationId: row.id, otherStartup: await ctx.key('startup') };
}

const certification = { kind: 'innovation_certificate', issuer: 'Korea SME Innovation Association', grade: 'AA', validFrom: '2025-01-01T00:00:00Z' };

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
  {
    method: 'POST',
    path: '/v1/startups/:id/certifications',
    roles: ['startup'],
    setup: async (ctx) => {
      const { startup, otherStartup } = await certifiedStartup(ctx);
      return { path: `/v1/startups/${startup.startupId}/certifications`, body: certification, as: startup, otherTenant: otherStartup, expectStatus: 201 };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/startups/:id/certifications/:certificationId',
    roles: ['startup'],
    setup: async (ctx) => {
      const { startup, certificationId, otherStartup } = await certifiedStartup(ctx);
      return { path: `/v1/startups/${startup.startupId}/certifications/${certificationId}`, as: startup, otherTenant: otherStartup, expectStatus: 204 };
    },
  },
  // programmes
  {
    method: 'POST',
    path: '/v1/programmes',
    roles: ['programme_manager'],
    setup: async (ctx) => ({ body: programmeBody(), as: await ctx.key('programme_manager'), otherTenant: null, expectStatus: 201 }),
  },
  { method: 'GET', path: '/v1/programmes', roles: EVERYONE, setup: async (ctx) => ({ as: await ctx.key('reviewer'), otherTenant: null }) },
  {
    method: 'GET',
    path: '/v1/programmes/:id',
    roles: EVERYONE,
    // A draft: published programmes are open to every caller by design.
    setup: async (ctx) => {
      const p = await programmeOf(ctx);
      return { path: `/v1/programmes/${p.programme.id}`, as: p.manager, otherTenant: p.otherManager };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/programmes/:id',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const p = await programmeOf(ctx);
      return { path: `/v1/programmes/${p.programme.id}`, body: { version: p.programme.version, hostCity: 'Kazan' }, as: p.manager, otherTenant: p.otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/programmes/:id/publish',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const p = await programmeOf(ctx);
      return { path: `/v1/programmes/${p.programme.id}/publish`, as: p.manager, otherTenant: p.otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'POST',
    path: '/v1/programmes/:id/close',
    roles: ['programme_manager'],
    // Published, so another organisation can see it: it still must not be able to close it.
    setup: async (ctx) => {
      const p = await programmeOf(ctx, 'published');
      return { path: `/v1/programmes/${p.programme.id}/close`, as: p.manager, otherTenant: p.otherManager, expectStatus: 200 };
    },
  },
  // applications
  {
    method: 'POST',
    path: '/v1/applications',
    roles: ['startup'],
    setup: async (ctx) => {
      const p = await programmeOf(ctx, 'published');
      return { body: { programmeId: p.programme.id, answers: { pitch: 'Faster triage' } }, as: await ctx.key('startup'), otherTenant: null, expectStatus: 201 };
    },
  },
  {
    method: 'GET',
    path: '/v1/applications',
    roles: ['startup', 'programme_manager', 'partner_agency', 'admin'],
    setup: async (ctx) => ({ as: await ctx.key('startup'), otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/applications/:id',
    roles: ['startup', 'programme_manager', 'partner_agency', 'admin'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      return { path: `/v1/applications/${a.application.id}`, as: a.manager, otherTenant: a.otherManager };
    },
  },
  {
    method: 'GET',
    path: '/v1/applications/:id/history',
    roles: ['startup', 'programme_manager', 'partner_agency', 'admin'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      return { path: `/v1/applications/${a.application.id}/history`, as: a.startup, otherTenant: a.otherStartup };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/applications/:id',
    roles: ['startup'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx);
      return { path: `/v1/applications/${a.application.id}`, body: { answers: { pitch: 'Faster, safer triage' } }, as: a.startup, otherTenant: a.otherStartup };
    },
  },
  {
    method: 'POST',
    path: '/v1/applications/:id/submit',
    roles: ['startup'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx);
      return { path: `/v1/applications/${a.application.id}/submit`, as: a.startup, otherTenant: a.otherStartup, expectStatus: 200 };
    },
  },
  {
    method: 'POST',
    path: '/v1/applications/:id/withdraw',
    roles: ['startup'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      return { path: `/v1/applications/${a.application.id}/withdraw`, body: { reason: 'Pivoted' }, as: a.startup, otherTenant: a.otherStartup, expectStatus: 200 };
    },
  },
  // reviews
  {
    method: 'POST',
    path: '/v1/programmes/:id/review-assignments',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      const reviewer = await ctx.key('reviewer', { organisationId: a.org.id });
      const body = { applicationId: a.application.id, reviewerPrincipalId: reviewer.principalId, dueAt: new Date(Date.now() + 7 * DAY).toISOString() };
      return { path: `/v1/programmes/${a.programme.id}/review-assignments`, body, as: a.manager, otherTenant: a.otherManager, expectStatus: 201 };
    },
  },
  {
    method: 'POST',
    path: '/v1/programmes/:id/review-assignments/auto',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      const reviewer = await ctx.key('reviewer', { organisationId: a.org.id });
      const body = { reviewerPrincipalIds: [reviewer.principalId], quotaPerReviewer: 5, dueAt: new Date(Date.now() + 7 * DAY).toISOString() };
      return { path: `/v1/programmes/${a.programme.id}/review-assignments/auto`, body, as: a.manager, otherTenant: a.otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'GET',
    path: '/v1/programmes/:id/review-progress',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/programmes/${a.programme.id}/review-progress`, as: a.manager, otherTenant: a.otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/review-assignments/:id/recuse',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/review-assignments/${a.assignment.id}/recuse`, body: { reason: 'Former employee' }, as: a.manager, otherTenant: a.otherManager, expectStatus: 200 };
    },
  },
  { method: 'GET', path: '/v1/review-assignments', roles: ['reviewer'], setup: async (ctx) => ({ as: (await assignmentOf(ctx)).reviewer, otherTenant: null }) },
  {
    method: 'GET',
    path: '/v1/review-assignments/:id',
    roles: ['reviewer'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/review-assignments/${a.assignment.id}`, as: a.reviewer, otherTenant: a.otherReviewer };
    },
  },
  {
    method: 'POST',
    path: '/v1/review-assignments/:id/review',
    roles: ['reviewer'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      const body = { scores: [{ criterion: 'fit', score: 8 }], comment: 'Clear plan' };
      return { path: `/v1/review-assignments/${a.assignment.id}/review`, body, as: a.reviewer, otherTenant: a.otherReviewer, expectStatus: 201 };
    },
  },
  {
    method: 'POST',
    path: '/v1/review-assignments/:id/abstain',
    roles: ['reviewer'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/review-assignments/${a.assignment.id}/abstain`, body: { reason: 'Outside my field' }, as: a.reviewer, otherTenant: a.otherReviewer, expectStatus: 201 };
    },
  },
  {
    method: 'POST',
    path: '/v1/conflicts-of-interest',
    roles: ['reviewer'],
    // The reviewer's own declaration (about any startup): no object of another tenant.
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { body: { startupId: a.startup.startupId, applicationId: a.application.id, reason: 'Advisor' }, as: a.reviewer, otherTenant: null, expectStatus: 201 };
    },
  },
  {
    method: 'GET',
    path: '/v1/applications/:id/reviews',
    roles: ['programme_manager', 'partner_agency', 'admin'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/applications/${a.application.id}/reviews`, as: a.manager, otherTenant: await ctx.key('partner_agency') };
    },
  },
  // decisions
  {
    method: 'POST',
    path: '/v1/applications/:id/decision',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/applications/${a.application.id}/decision`, body: { outcome: 'waitlist', reason: 'Good fit; no place yet' }, as: a.manager, otherTenant: a.otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'GET',
    path: '/v1/programmes/:id/ranking',
    roles: ['programme_manager', 'partner_agency'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      return { path: `/v1/programmes/${a.programme.id}/ranking`, as: a.manager, otherTenant: a.otherManager };
    },
  },
  {
    method: 'GET',
    path: '/v1/programmes/:id/ranking.csv',
    roles: ['programme_manager', 'partner_agency'],
    setup: async (ctx) => {
      const a = await applicationOf(ctx, 'submitted');
      return { path: `/v1/programmes/${a.programme.id}/ranking.csv`, as: a.manager, otherTenant: await ctx.key('partner_agency') };
    },
  },
];
