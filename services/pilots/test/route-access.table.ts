import { randomUUID } from 'node:crypto';
import type { RouteAccessContext, RouteAccessEntry, TestApiKey } from '@exchange/platform/testing';
import { approveBody, insertCandidate, reportBody, siteBody } from './helpers';

/** Reads a JSON answer, failing the setup (with the answer) unless it has the status expected. */
async function json<T>(res: Response, status: number, what: string): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`setup: ${what} answered ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A pilot site of a fresh host organisation, published through the API. */
async function siteOf(ctx: RouteAccessContext, host?: TestApiKey, programmeId: string = randomUUID()) {
  const owner = host ?? (await ctx.key('host'));
  const site = await json<{ id: string; version: number }>(
    await ctx.call('POST', '/v1/pilot-sites', { key: owner, body: siteBody(programmeId, { capacity: 1 }) }),
    201,
    'create site',
  );
  return { host: owner, site };
}

/**
 * A match proposal: a startup accepted into a programme of a fresh manager's organisation, and a
 * site of a fresh host in that programme (publishing it proposes the startup at once).
 */
async function proposalOf(ctx: RouteAccessContext) {
  const manager = await ctx.key('programme_manager');
  const startup = await ctx.key('startup');
  const programmeId = randomUUID();
  await insertCandidate(ctx.dataSource, { programmeId, organisationIds: [manager.organisationId!], startupId: startup.startupId! });
  const { host, site } = await siteOf(ctx, undefined, programmeId);
  const rows = (await ctx.dataSource.query(`SELECT id FROM pilots.match_proposals WHERE site_id = $1`, [site.id])) as Array<{ id: string }>;
  if (rows.length !== 1) throw new Error(`setup: expected one proposal for site ${site.id}, found ${rows.length}`);
  return { manager, startup, host, siteId: site.id, proposalId: rows[0].id };
}

const STEPS = {
  approved: [],
  scheduled: [['schedule', { startsOn: '2026-05-01' }]],
  in_progress: [['schedule', { startsOn: '2026-05-01' }], ['start', {}]],
} as const satisfies Record<string, ReadonlyArray<readonly [string, unknown]>>;

/** A pilot approved by the manager and driven by its host to `state`. */
async function pilotIn(ctx: RouteAccessContext, state: keyof typeof STEPS) {
  const p = await proposalOf(ctx);
  const pilot = await json<{ id: string }>(
    await ctx.call('POST', `/v1/match-proposals/${p.proposalId}/approve`, { key: p.manager, body: approveBody }),
    200,
    'approve proposal',
  );
  for (const [action, body] of STEPS[state]) {
    await json(await ctx.call('POST', `/v1/pilots/${pilot.id}/${action}`, { key: p.host, body }), 200, `${action} pilot`);
  }
  return { ...p, pilotId: pilot.id };
}

const READERS = ['startup', 'host', 'programme_manager', 'partner_agency', 'admin'] as const;

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
  {
    method: 'POST',
    path: '/v1/pilot-sites',
    roles: ['host'],
    setup: async (ctx) => ({ as: await ctx.key('host'), otherTenant: null, body: siteBody(randomUUID()), expectStatus: 201 }),
  },
  {
    method: 'GET',
    path: '/v1/pilot-sites',
    roles: ['host', 'programme_manager', 'admin'],
    // A host lists its own sites (managers all published ones): nothing of another tenant to ask for.
    setup: async (ctx) => ({ as: (await siteOf(ctx)).host, otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/pilot-sites/:id',
    roles: ['host', 'programme_manager', 'admin'],
    // Sites are published to every programme manager; of the site's tenants only hosts are fenced.
    setup: async (ctx) => {
      const { host, site } = await siteOf(ctx);
      return { path: `/v1/pilot-sites/${site.id}`, as: host, otherTenant: await ctx.key('host') };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/pilot-sites/:id',
    roles: ['host'],
    setup: async (ctx) => {
      const { host, site } = await siteOf(ctx);
      return { path: `/v1/pilot-sites/${site.id}`, as: host, otherTenant: await ctx.key('host'), body: { version: site.version, capacity: 3 } };
    },
  },
  {
    method: 'GET',
    path: '/v1/match-proposals',
    roles: READERS,
    setup: async (ctx) => ({ as: (await proposalOf(ctx)).manager, otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/match-proposals/:id',
    roles: READERS,
    // The host of the proposed site sees it; another host does not.
    setup: async (ctx) => {
      const p = await proposalOf(ctx);
      return { path: `/v1/match-proposals/${p.proposalId}`, as: p.host, otherTenant: await ctx.key('host') };
    },
  },
  {
    method: 'POST',
    path: '/v1/match-proposals/:id/approve',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const p = await proposalOf(ctx);
      return { path: `/v1/match-proposals/${p.proposalId}/approve`, as: p.manager, otherTenant: await ctx.key('programme_manager'), body: approveBody };
    },
  },
  {
    method: 'POST',
    path: '/v1/match-proposals/:id/decline',
    roles: ['programme_manager'],
    setup: async (ctx) => {
      const p = await proposalOf(ctx);
      const body = { reason: 'The site cannot host this technology.' };
      return { path: `/v1/match-proposals/${p.proposalId}/decline`, as: p.manager, otherTenant: await ctx.key('programme_manager'), body };
    },
  },
  {
    method: 'GET',
    path: '/v1/pilots',
    roles: READERS,
    setup: async (ctx) => ({ as: (await pilotIn(ctx, 'approved')).startup, otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/pilots/:id',
    roles: READERS,
    // The startup of the pilot sees it; another startup does not.
    setup: async (ctx) => {
      const p = await pilotIn(ctx, 'approved');
      return { path: `/v1/pilots/${p.pilotId}`, as: p.startup, otherTenant: await ctx.key('startup') };
    },
  },
  {
    method: 'POST',
    path: '/v1/pilots/:id/schedule',
    roles: ['host'],
    setup: async (ctx) => {
      const p = await pilotIn(ctx, 'approved');
      return { path: `/v1/pilots/${p.pilotId}/schedule`, as: p.host, otherTenant: await ctx.key('host'), body: { startsOn: '2026-05-01' } };
    },
  },
  {
    method: 'POST',
    path: '/v1/pilots/:id/start',
    roles: ['host'],
    setup: async (ctx) => {
      const p = await pilotIn(ctx, 'scheduled');
      return { path: `/v1/pilots/${p.pilotId}/start`, as: p.host, otherTenant: await ctx.key('host'), body: {} };
    },
  },
  {
    method: 'POST',
    path: '/v1/pilots/:id/complete',
    roles: ['host'],
    setup: async (ctx) => {
      const p = await pilotIn(ctx, 'in_progress');
      return { path: `/v1/pilots/${p.pilotId}/complete`, as: p.host, otherTenant: await ctx.key('host'), body: reportBody };
    },
  },
  {
    method: 'POST',
    path: '/v1/pilots/:id/cancel',
    roles: ['programme_manager', 'host'],
    setup: async (ctx) => {
      const p = await pilotIn(ctx, 'approved');
      const body = { reason: 'The ward closed for renovation.' };
      return { path: `/v1/pilots/${p.pilotId}/cancel`, as: p.manager, otherTenant: await ctx.key('programme_manager'), body };
    },
  },
];
