import { randomUUID } from 'node:crypto';
import type { HostileCase, RouteAccessContext, RouteAccessEntry, TestApiKey } from '@exchange/platform/testing';
import { approveBody, insertCandidate, knownProgramme, reportBody, siteBody } from './helpers';

/** Reads a JSON answer, failing the setup (with the answer) unless it has the status expected. */
async function json<T>(res: Response, status: number, what: string): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`setup: ${what} answered ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** A pilot site of a fresh host organisation, published through the API, in a published pilot programme. */
async function siteOf(ctx: RouteAccessContext, host?: TestApiKey, programmeId: string = randomUUID()) {
  const owner = host ?? (await ctx.key('host'));
  await knownProgramme(ctx.dataSource, undefined, { id: programmeId });
  const site = await json<{ id: string; version: number }>(
    await ctx.call('POST', '/v1/pilot-sites', { key: owner, body: siteBody(programmeId, { capacity: 1 }) }),
    201,
    'create site',
  );
  return { host: owner, site };
}

/**
 * A match proposal: a startup accepted into a programme of a fresh manager's organisation (with a
 * partner organisation, whose manager reads the proposal but may not decide it), and a site of a
 * fresh host in that programme (publishing it proposes the startup at once).
 */
async function proposalOf(ctx: RouteAccessContext) {
  const manager = await ctx.key('programme_manager');
  const partner = await ctx.organisation();
  const partnerManager = await ctx.key('programme_manager', { organisationId: partner.id });
  const startup = await ctx.key('startup');
  const programmeId = randomUUID();
  await insertCandidate(ctx.dataSource, { programmeId, organisationIds: [manager.organisationId!, partner.id], startupId: startup.startupId! });
  const { host, site } = await siteOf(ctx, undefined, programmeId);
  const rows = (await ctx.dataSource.query(`SELECT id FROM pilots.match_proposals WHERE site_id = $1`, [site.id])) as Array<{ id: string }>;
  if (rows.length !== 1) throw new Error(`setup: expected one proposal for site ${site.id}, found ${rows.length}`);
  return { manager, partnerManager, startup, host, programmeId, siteId: site.id, proposalId: rows[0].id };
}

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** A draft programme of another organisation: in the applications schema, never announced to this service. */
async function draftProgramme(ctx: RouteAccessContext): Promise<string> {
  const organiser = await ctx.organisation();
  const rows = (await ctx.dataSource.query(
    `INSERT INTO applications.programmes (organiser_organisation_id, name, kind, host_country, host_city, time_zone, window_opens_at, window_closes_at)
     VALUES ($1, 'Draft pilots', 'pilot', 'RU', 'Moscow', 'Europe/Moscow', now(), now() + interval '30 days') RETURNING id`,
    [organiser.id],
  )) as Array<{ id: string }>;
  return rows[0].id;
}

/**
 * Programme ids a host may not attach a site to, each with what it is: unknown, the nil UUID,
 * another organisation's draft (with an accepted candidate waiting in it), an accelerator programme,
 * a closed pilot programme, a startup id.
 */
async function unattachableProgrammes(ctx: RouteAccessContext): Promise<Array<[string, string]>> {
  const draft = await draftProgramme(ctx);
  await insertCandidate(ctx.dataSource, { programmeId: draft, organisationIds: [randomUUID()] });
  await ctx.dataSource.query(`DELETE FROM pilots.programmes WHERE id = $1`, [draft]); // as if only the candidate were known
  return [
    ['a random programme id', randomUUID()],
    ['the nil UUID', NIL_UUID],
    ["another organisation's draft programme", draft],
    ['an accelerator programme', await knownProgramme(ctx.dataSource, undefined, { kind: 'accelerator' })],
    ['a closed pilot programme', await knownProgramme(ctx.dataSource, undefined, { state: 'closed' })],
    ['a startup id', (await ctx.startup()).id],
  ];
}

/** What a list's hostile query could reveal or change: nothing is written, so the count of proposals of the programme. */
const proposalsOf = (ctx: RouteAccessContext, programmeId: string) => () =>
  ctx.dataSource.query(`SELECT count(*)::int AS n FROM pilots.match_proposals WHERE programme_id = $1`, [programmeId]);

/** The proposal and the pilot it may have made: what approving or declining would write. */
const proposalState = (ctx: RouteAccessContext, proposalId: string) => async () => ({
  proposal: await ctx.dataSource.query(`SELECT state, version FROM pilots.match_proposals WHERE id = $1`, [proposalId]),
  pilots: await ctx.dataSource.query(`SELECT id FROM pilots.pilots WHERE proposal_id = $1`, [proposalId]),
});

const pilotState = (ctx: RouteAccessContext, pilotId: string) => () =>
  ctx.dataSource.query(`SELECT state, version, cancelled_at FROM pilots.pilots WHERE id = $1`, [pilotId]);

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

/** What publishing an open call sends: a site of the host, a window a month away, a deadline before it. */
function openCallBody(siteId: string, overrides: Record<string, unknown> = {}) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return {
    siteId,
    title: 'Night-time triage',
    problem: 'Triage of emergency admissions takes too long at night.',
    technologyFields: ['medtech'],
    windowStartsOn: day(30),
    windowEndsOn: day(90),
    pilotsSought: 1,
    answerDeadline: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    ...overrides,
  };
}

/** An open call of a fresh host's site, published through the API. */
async function openCallOf(ctx: RouteAccessContext) {
  const { host, site } = await siteOf(ctx);
  const call = await json<{ id: string }>(await ctx.call('POST', '/v1/open-calls', { key: host, body: openCallBody(site.id) }), 201, 'publish open call');
  return { host, siteId: site.id, openCallId: call.id };
}

/** An answer of a fresh startup to an open call of a fresh host. */
async function openCallAnswerOf(ctx: RouteAccessContext) {
  const c = await openCallOf(ctx);
  const startup = await ctx.key('startup');
  const answer = await json<{ id: string }>(
    await ctx.call('POST', `/v1/open-calls/${c.openCallId}/answers`, { key: startup, body: { proposal: 'We triage in seconds.' } }),
    201,
    'answer open call',
  );
  return { ...c, startup, answerId: answer.id };
}

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
    setup: async (ctx) => ({ as: await ctx.key('host'), otherTenant: null, body: siteBody(await knownProgramme(ctx.dataSource)), expectStatus: 201 }),
    // A site takes part only in published pilot programmes; nothing is written, nobody is proposed.
    hostile: async (ctx) => {
      const host = await ctx.key('host');
      const published = await knownProgramme(ctx.dataSource);
      const unchanged = () => ctx.dataSource.query(`SELECT count(*)::int AS n FROM pilots.pilot_sites WHERE host_organisation_id = $1`, [host.organisationId]);
      const cases: HostileCase[] = (await unattachableProgrammes(ctx)).map(([what, id]) => ({
        kind: 'foreign-id',
        what,
        as: host,
        body: siteBody(id),
        expectStatus: 422,
        field: 'programmeIds.0',
        unchanged,
      }));
      cases.push({ kind: 'foreign-id', what: 'a random id after a published one', as: host, body: siteBody(published, { programmeIds: [published, randomUUID()] }), expectStatus: 422, field: 'programmeIds.1', unchanged });
      return cases;
    },
  },
  {
    method: 'GET',
    path: '/v1/pilot-sites',
    roles: ['host', 'programme_manager', 'admin'],
    // A host lists its own sites (managers all published ones): nothing of another tenant to ask for.
    setup: async (ctx) => ({ as: (await siteOf(ctx)).host, otherTenant: null }),
    hostile: async (ctx) => {
      const { host } = await siteOf(ctx);
      const accelerator = await knownProgramme(ctx.dataSource, undefined, { kind: 'accelerator' });
      const unchanged = () => ctx.dataSource.query(`SELECT count(*)::int AS n FROM pilots.pilot_sites WHERE host_organisation_id = $1`, [host.organisationId]);
      return [
        { kind: 'foreign-id', what: 'a random programme id', path: `/v1/pilot-sites?programmeId=${randomUUID()}`, as: host, expectStatus: 422, field: 'programmeId', unchanged },
        { kind: 'foreign-id', what: 'an accelerator programme', path: `/v1/pilot-sites?programmeId=${accelerator}`, as: host, expectStatus: 422, field: 'programmeId', unchanged },
      ];
    },
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
    hostile: async (ctx) => {
      const { host, site } = await siteOf(ctx);
      const path = `/v1/pilot-sites/${site.id}`;
      const unchanged = async () => ({
        site: await ctx.dataSource.query(`SELECT programme_ids, version FROM pilots.pilot_sites WHERE id = $1`, [site.id]),
        proposals: await ctx.dataSource.query(`SELECT count(*)::int AS n FROM pilots.match_proposals WHERE site_id = $1`, [site.id]),
      });
      return (await unattachableProgrammes(ctx)).map(([what, id]): HostileCase => ({
        kind: 'foreign-id',
        what,
        path,
        as: host,
        body: { version: site.version, programmeIds: [id] },
        expectStatus: 422,
        field: 'programmeIds.0',
        unchanged,
      }));
    },
  },
  {
    method: 'GET',
    path: '/v1/match-proposals',
    roles: READERS,
    setup: async (ctx) => ({ as: (await proposalOf(ctx)).manager, otherTenant: null }),
    // Every id in the query names something the caller may see: another tenant's and an unknown one alike get 422.
    hostile: async (ctx) => {
      const mine = await proposalOf(ctx);
      const theirs = await proposalOf(ctx);
      const unchanged = proposalsOf(ctx, theirs.programmeId);
      const q = (query: string) => `/v1/match-proposals?${query}`;
      const refused = (what: string, as: TestApiKey, query: string, field: string): HostileCase => ({
        kind: 'foreign-id',
        what,
        path: q(query),
        as,
        expectStatus: 422,
        field,
        unchanged,
      });
      return [
        refused("a manager names another organisation's programme", mine.manager, `programmeId=${theirs.programmeId}`, 'programmeId'),
        refused('a manager names a random programme', mine.manager, `programmeId=${randomUUID()}`, 'programmeId'),
        refused("a manager names another programme's startup", mine.manager, `startupId=${theirs.startup.startupId}`, 'startupId'),
        refused('a manager names a random site', mine.manager, `siteId=${randomUUID()}`, 'siteId'),
        refused("a host names another host's site", mine.host, `siteId=${theirs.siteId}`, 'siteId'),
        refused("a host names a startup never proposed to it", mine.host, `startupId=${theirs.startup.startupId}`, 'startupId'),
        refused('a startup names another startup', mine.startup, `startupId=${theirs.startup.startupId}`, 'startupId'),
        refused("a startup names a programme it is not in", mine.startup, `programmeId=${theirs.programmeId}`, 'programmeId'),
      ];
    },
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
    hostile: async (ctx) => {
      const p = await proposalOf(ctx);
      const path = `/v1/match-proposals/${p.proposalId}/approve`;
      const unchanged = proposalState(ctx, p.proposalId);
      const otherHostPerson = await ctx.key('host');
      const withOwner = (principalId: string) => ({ ...approveBody, hostOwner: { ...approveBody.hostOwner, principalId } });
      return [
        { kind: 'partner', what: "a partner organisation's manager approves", path, body: approveBody, as: p.partnerManager, expectStatus: 403, unchanged },
        {
          kind: 'foreign-id',
          what: 'a host owner of another organisation',
          path,
          body: withOwner(otherHostPerson.principalId),
          as: p.manager,
          expectStatus: 422,
          field: 'hostOwner.principalId',
          unchanged,
        },
        { kind: 'foreign-id', what: 'a random host owner', path, body: withOwner(randomUUID()), as: p.manager, expectStatus: 422, field: 'hostOwner.principalId', unchanged },
      ];
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
    hostile: async (ctx) => {
      const p = await proposalOf(ctx);
      return [
        {
          kind: 'partner',
          what: "a partner organisation's manager declines",
          path: `/v1/match-proposals/${p.proposalId}/decline`,
          body: { reason: 'Not ours to decide.' },
          as: p.partnerManager,
          expectStatus: 403,
          unchanged: proposalState(ctx, p.proposalId),
        },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/pilots',
    roles: READERS,
    setup: async (ctx) => ({ as: (await pilotIn(ctx, 'approved')).startup, otherTenant: null }),
    hostile: async (ctx) => {
      const mine = await pilotIn(ctx, 'approved');
      const theirs = await pilotIn(ctx, 'approved');
      const unchanged = pilotState(ctx, theirs.pilotId);
      const refused = (what: string, as: TestApiKey, query: string, field: string): HostileCase => ({
        kind: 'foreign-id',
        what,
        path: `/v1/pilots?${query}`,
        as,
        expectStatus: 422,
        field,
        unchanged,
      });
      return [
        refused("a manager names another organisation's programme", mine.manager, `programmeId=${theirs.programmeId}`, 'programmeId'),
        refused('a manager names a random programme', mine.manager, `programmeId=${randomUUID()}`, 'programmeId'),
        refused("a host names another host's site", mine.host, `siteId=${theirs.siteId}`, 'siteId'),
        refused('a startup names a random site', mine.startup, `siteId=${randomUUID()}`, 'siteId'),
      ];
    },
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
    hostile: async (ctx) => {
      const p = await pilotIn(ctx, 'approved');
      return [
        {
          kind: 'partner',
          what: "a partner organisation's manager cancels",
          path: `/v1/pilots/${p.pilotId}/cancel`,
          body: { reason: 'Not ours to cancel.' },
          as: p.partnerManager,
          expectStatus: 403,
          unchanged: pilotState(ctx, p.pilotId),
        },
      ];
    },
  },
  {
    method: 'POST',
    path: '/v1/open-calls',
    roles: ['host'],
    setup: async (ctx) => {
      const { host, site } = await siteOf(ctx);
      return { as: host, otherTenant: null, body: openCallBody(site.id), expectStatus: 201 };
    },
    // The site in the body is resolved for the caller: another host's site and an unknown one alike get 422.
    hostile: async (ctx) => {
      const { host, site } = await siteOf(ctx);
      const theirs = await siteOf(ctx);
      const unchanged = () => ctx.dataSource.query(`SELECT count(*)::int AS n FROM pilots.open_calls WHERE host_organisation_id = $1`, [host.organisationId]);
      return [
        { kind: 'foreign-id', what: "another host's site", as: host, body: openCallBody(theirs.site.id), expectStatus: 422, field: 'siteId', unchanged },
        { kind: 'foreign-id', what: 'a random site', as: host, body: openCallBody(randomUUID()), expectStatus: 422, field: 'siteId', unchanged },
        {
          kind: 'foreign-id',
          what: 'a programme the site is not in',
          as: host,
          body: openCallBody(site.id, { programmeId: await knownProgramme(ctx.dataSource) }),
          expectStatus: 422,
          field: 'programmeId',
          unchanged,
        },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/open-calls',
    roles: 'public',
    setup: async () => ({ path: '/v1/open-calls?q=triage&limit=5' }),
  },
  {
    method: 'GET',
    path: '/v1/open-calls/:id',
    roles: 'public',
    setup: async (ctx) => ({ path: `/v1/open-calls/${(await openCallOf(ctx)).openCallId}` }),
  },
  {
    method: 'POST',
    path: '/v1/open-calls/:id/close',
    roles: ['host'],
    setup: async (ctx) => {
      const c = await openCallOf(ctx);
      return { path: `/v1/open-calls/${c.openCallId}/close`, as: c.host, otherTenant: await ctx.key('host'), body: {} };
    },
  },
  {
    method: 'POST',
    path: '/v1/open-calls/:id/answers',
    roles: ['startup'],
    // Open calls are public: any startup may answer, so there is no other tenant to fence.
    setup: async (ctx) => {
      const c = await openCallOf(ctx);
      return { path: `/v1/open-calls/${c.openCallId}/answers`, as: await ctx.key('startup'), otherTenant: null, body: { proposal: 'We can pilot it in May.' }, expectStatus: 201 };
    },
  },
  {
    method: 'GET',
    path: '/v1/open-calls/:id/answers',
    roles: ['host'],
    setup: async (ctx) => {
      const a = await openCallAnswerOf(ctx);
      return { path: `/v1/open-calls/${a.openCallId}/answers`, as: a.host, otherTenant: await ctx.key('host') };
    },
  },
  {
    method: 'GET',
    path: '/v1/open-call-answers',
    roles: ['startup'],
    // A startup lists its own answers: nothing of another tenant to ask for.
    setup: async (ctx) => ({ as: (await openCallAnswerOf(ctx)).startup, otherTenant: null }),
  },
  {
    method: 'POST',
    path: '/v1/open-call-answers/:id/shortlist',
    roles: ['host'],
    setup: async (ctx) => {
      const a = await openCallAnswerOf(ctx);
      return { path: `/v1/open-call-answers/${a.answerId}/shortlist`, as: a.host, otherTenant: await ctx.key('host'), body: {} };
    },
  },
  {
    method: 'POST',
    path: '/v1/open-call-answers/:id/decline',
    roles: ['host'],
    setup: async (ctx) => {
      const a = await openCallAnswerOf(ctx);
      return { path: `/v1/open-call-answers/${a.answerId}/decline`, as: a.host, otherTenant: await ctx.key('host'), body: {} };
    },
  },
];
