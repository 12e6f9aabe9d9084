import type { HostileCase, RouteAccessContext, RouteAccessEntry, TestApiKey } from '@exchange/platform/testing';
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

/** What a hostile call must leave as it was: the rows `sql` reads. */
const rowsOf = (ctx: RouteAccessContext, sql: string, params: unknown[]) => () => ctx.dataSource.query(sql, params);
const keysOf = (ctx: RouteAccessContext, principalId: string) =>
  rowsOf(ctx, 'SELECT id, revoked_at FROM identity.api_keys WHERE principal_id = $1 ORDER BY id', [principalId]);
const peopleOf = (ctx: RouteAccessContext, organisationId: string) =>
  rowsOf(ctx, 'SELECT id, role, state FROM identity.principals WHERE organisation_id = $1 ORDER BY id', [organisationId]);
/** A person's row and the events keyed by it. */
const personOf = (ctx: RouteAccessContext, principalId: string) =>
  rowsOf(
    ctx,
    `SELECT p.display_name, p.email, p.preferred_language, p.time_zone, p.version,
            (SELECT count(*)::int FROM applications.outbox o WHERE o.key = p.id::text) AS events
       FROM identity.principals p WHERE p.id = $1`,
    [principalId],
  );

/**
 * The ladder of one organisation (admin > programme manager > reviewer, host, partner liaison) and
 * an admin and a manager of another organisation: the cast of the escalation cases.
 */
async function ladder(ctx: RouteAccessContext) {
  const org = await ctx.organisation();
  const [admin, manager, reviewer, host, liaison] = await Promise.all(
    (['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency'] as const).map((role) => ctx.key(role, { organisationId: org.id })),
  );
  const other = await ctx.organisation();
  const [otherAdmin, otherManager] = await Promise.all([ctx.key('admin', { organisationId: other.id }), ctx.key('programme_manager', { organisationId: other.id })]);
  return { org, admin, manager, reviewer, host, liaison, otherAdmin, otherManager, startup: await ctx.key('startup') };
}

/**
 * A manager acting on a person above its ladder: 403 in its own organisation, 404 in another.
 * `unchangedOf` reads what must stay as it was (the person's keys unless told).
 */
function escalations(
  ctx: RouteAccessContext,
  l: Awaited<ReturnType<typeof ladder>>,
  pathOf: (person: TestApiKey) => string,
  body?: unknown,
  unchangedOf: (person: TestApiKey) => () => Promise<unknown> = (person) => keysOf(ctx, person.principalId),
): HostileCase[] {
  return [
    { kind: 'escalation', what: "a manager on its own organisation's admin", path: pathOf(l.admin), body, as: l.manager, expectStatus: 403, unchanged: unchangedOf(l.admin) },
    { kind: 'escalation', what: "a manager on another organisation's admin", path: pathOf(l.otherAdmin), body, as: l.manager, expectStatus: 404, unchanged: unchangedOf(l.otherAdmin) },
    { kind: 'escalation', what: "a manager on another organisation's manager", path: pathOf(l.otherManager), body, as: l.manager, expectStatus: 404, unchanged: unchangedOf(l.otherManager) },
  ];
}

/** A programme of a fresh organiser with a partner organisation, the partner's manager, and a submitted application. */
async function partneredApplication(ctx: RouteAccessContext) {
  const partner = await ctx.organisation({ kind: 'partner_agency', country: 'KR' });
  const org = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
  const manager = await ctx.key('programme_manager', { organisationId: org.id });
  const partnerManager = await ctx.key('programme_manager', { organisationId: partner.id });
  const body = programmeBody({
    eligibility: {},
    reviewsRequired: 1,
    partnerOrganisationIds: [partner.id],
    rubric: { criteria: [{ key: 'fit', label: 'Fit', weight: 1 }], scaleMin: 1, scaleMax: 10 },
  });
  const draft = await ok(ctx.call('POST', '/v1/programmes', { key: manager, body }), 'programme');
  const programme = await ok(ctx.call('POST', `/v1/programmes/${draft.id}/publish`, { key: manager }), 'publish');
  const startup = await ctx.key('startup');
  const created = await ok(ctx.call('POST', '/v1/applications', { key: startup, body: { programmeId: programme.id, answers: { pitch: 'Faster triage' } } }), 'application');
  const application = await ok(ctx.call('POST', `/v1/applications/${created.id}/submit`, { key: startup }), 'submit');
  const reviewer = await ctx.key('reviewer', { organisationId: org.id });
  return { org, partner, manager, partnerManager, programme, startup, application, reviewer };
}

/** A draft programme of a fresh organiser naming a partner organisation (partners see drafts), and the partner's manager. */
async function partneredDraft(ctx: RouteAccessContext) {
  const partner = await ctx.organisation();
  const org = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
  const manager = await ctx.key('programme_manager', { organisationId: org.id });
  const draft = await ok(ctx.call('POST', '/v1/programmes', { key: manager, body: programmeBody({ partnerOrganisationIds: [partner.id] }) }), 'programme');
  return { manager, draft, partnerManager: await ctx.key('programme_manager', { organisationId: partner.id }) };
}

const programmeRow = (ctx: RouteAccessContext, id: string) => rowsOf(ctx, 'SELECT state, version, partner_organisation_ids, host_city FROM applications.programmes WHERE id = $1', [id]);
const applicationRow = (ctx: RouteAccessContext, id: string) => rowsOf(ctx, 'SELECT state, version, decided_by FROM applications.applications WHERE id = $1', [id]);
const assignmentsOf = (ctx: RouteAccessContext, programmeId: string) =>
  rowsOf(ctx, 'SELECT id, application_id, reviewer_principal_id, state FROM applications.review_assignments WHERE programme_id = $1 ORDER BY id', [programmeId]);
const dueAt = () => new Date(Date.now() + 7 * DAY).toISOString();

/**
 * An agreement between a fresh organisation (its manager created it: party A) and another (party B),
 * the partner liaison of party B, and a manager of a third organisation (no party: 404).
 */
async function agreementOf(ctx: RouteAccessContext) {
  const [a, b] = await Promise.all([ctx.organisation({ kind: 'organising_agency', country: 'RU' }), ctx.organisation({ kind: 'partner_agency', country: 'KR' })]);
  const manager = await ctx.key('programme_manager', { organisationId: a.id });
  const body = { counterpartOrganisationId: b.id, title: 'Exchange MOU', signedOn: '2025-12-10', validFrom: '2026-01-01', validUntil: '2026-12-31', partyATarget: 5 };
  const agreement = await ok(ctx.call('POST', '/v1/agreements', { key: manager, body }), 'agreement');
  return { a, b, manager, agreement, liaison: await ctx.key('partner_agency', { organisationId: b.id }), otherManager: await ctx.key('programme_manager') };
}
const agreementsOfOrganisation = (ctx: RouteAccessContext, organisationId: string) =>
  rowsOf(ctx, 'SELECT id, version, state FROM applications.agreements WHERE party_a_organisation_id = $1 OR party_b_organisation_id = $1 ORDER BY id', [organisationId]);

/** A certification body with an innovation-certificate scale and its manager, and a manager of another body. */
async function certificationBodyOf(ctx: RouteAccessContext) {
  const body = await ctx.organisation({ kind: 'certification_body', country: 'KR' });
  const manager = await ctx.key('programme_manager', { organisationId: body.id });
  await ok(ctx.call('PUT', `/v1/certification-bodies/${body.id}/grade-scales`, { key: manager, body: { kind: 'innovation_certificate', grades: ['A', 'AA', 'AAA'] } }), 'grade scale');
  const other = await ctx.organisation({ kind: 'certification_body', country: 'KR' });
  return { body, manager, otherManager: await ctx.key('programme_manager', { organisationId: other.id }) };
}

const issueBody = (startupId: string) => ({ startupId, kind: 'innovation_certificate', grade: 'AA', validFrom: '2026-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' });

/** A certificate a body issued to a startup, the body's manager and another body's manager. */
async function issuedCertificateOf(ctx: RouteAccessContext) {
  const b = await certificationBodyOf(ctx);
  const startup = await ctx.key('startup');
  const certificate = await ok<{ id: string; verificationCode: string }>(ctx.call('POST', '/v1/certifications', { key: b.manager, body: issueBody(startup.startupId!) }), 'certificate');
  return { ...b, startup, certificate };
}

const certificationRow = (ctx: RouteAccessContext, id: string) => rowsOf(ctx, 'SELECT grade, valid_until, revoked_at FROM applications.certifications WHERE id = $1', [id]);
const certificationsOfStartup = (ctx: RouteAccessContext, startupId: string) =>
  rowsOf(ctx, 'SELECT id FROM applications.certifications WHERE startup_id = $1 ORDER BY id', [startupId]);

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
    hostile: async (ctx) => {
      const l = await ladder(ctx);
      return [
        { kind: 'escalation', what: 'a manager creating an admin', path: `/v1/organisations/${l.org.id}/people`, body: { displayName: 'Sneaky', role: 'admin' }, as: l.manager, expectStatus: 403, unchanged: peopleOf(ctx, l.org.id) },
        {
          kind: 'escalation',
          what: 'a manager creating a manager in another organisation',
          path: `/v1/organisations/${l.otherManager.organisationId}/people`,
          body: { displayName: 'Sneaky', role: 'programme_manager' },
          as: l.manager,
          expectStatus: 404,
          unchanged: peopleOf(ctx, l.otherManager.organisationId!),
        },
      ];
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
    // Listing admins was the first step of finding 1: a manager's list holds only roles it could create.
    hostile: async (ctx) => {
      const l = await ladder(ctx);
      return [
        { kind: 'escalation', what: "a manager listing its organisation's admins", path: `/v1/organisations/${l.org.id}/people?role=admin`, as: l.manager, expectStatus: 403, unchanged: peopleOf(ctx, l.org.id) },
        { kind: 'escalation', what: "a manager listing another organisation's people", path: `/v1/organisations/${l.otherAdmin.organisationId}/people?role=admin`, as: l.manager, expectStatus: 404, unchanged: peopleOf(ctx, l.otherAdmin.organisationId!) },
      ];
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
    hostile: async (ctx) => escalations(ctx, await ladder(ctx), (person) => `/v1/people/${person.principalId}`),
  },
  {
    method: 'PATCH',
    path: '/v1/people/:personId',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/people/${person.principalId}`, body: { timeZone: 'Asia/Seoul' }, as: manager, otherTenant: otherManager, expectStatus: 200 };
    },
    // Renaming someone above the ladder (or elsewhere) changes neither them nor the events about them.
    hostile: async (ctx) =>
      escalations(ctx, await ladder(ctx), (person) => `/v1/people/${person.principalId}`, { displayName: 'Escalated', email: 'attacker@example.org' }, (person) =>
        personOf(ctx, person.principalId),
      ),
  },
  {
    method: 'POST',
    path: '/v1/people/:personId/api-keys',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/people/${person.principalId}/api-keys`, body: { label: 'laptop' }, as: manager, otherTenant: otherManager, expectStatus: 201 };
    },
    hostile: async (ctx) => escalations(ctx, await ladder(ctx), (person) => `/v1/people/${person.principalId}/api-keys`, { label: 'escalation' }),
  },
  {
    method: 'GET',
    path: '/v1/people/:personId/api-keys',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/people/${person.principalId}/api-keys`, as: manager, otherTenant: otherManager };
    },
    hostile: async (ctx) => escalations(ctx, await ladder(ctx), (person) => `/v1/people/${person.principalId}/api-keys`),
  },
  {
    method: 'POST',
    path: '/v1/api-keys/:apiKeyId/revoke',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'],
    setup: async (ctx) => {
      const { person, manager, otherManager } = await managedPerson(ctx);
      return { path: `/v1/api-keys/${person.apiKeyId}/revoke`, as: manager, otherTenant: otherManager, expectStatus: 200 };
    },
    // Anyone revokes their own key; a manager its organisation's keys below admin (403 above it);
    // every other key is "not found" to the caller.
    hostile: async (ctx) => {
      const l = await ladder(ctx);
      const revoke = (target: TestApiKey, as: TestApiKey, expectStatus: number, what: string): HostileCase => ({
        kind: 'escalation',
        what,
        path: `/v1/api-keys/${target.apiKeyId}/revoke`,
        as,
        expectStatus,
        unchanged: keysOf(ctx, target.principalId),
      });
      return [
        revoke(l.admin, l.manager, 403, "a manager revoking its organisation's admin's key"),
        revoke(l.otherAdmin, l.manager, 404, "a manager revoking another organisation's admin's key"),
        revoke(l.otherManager, l.manager, 404, "a manager revoking another organisation's manager's key"),
        ...[l.reviewer, l.host, l.liaison, l.startup].flatMap((as) => [
          revoke(l.manager, as, 404, `a ${as.role} revoking its manager's key`),
          revoke(l.admin, as, 404, `a ${as.role} revoking its admin's key`),
        ]),
        revoke(l.host, l.reviewer, 404, 'a reviewer revoking a host’s key'),
      ];
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
    hostile: async (ctx) => {
      const { startup } = await certifiedStartup(ctx);
      return [
        {
          kind: 'foreign-id',
          what: 'an unknown issuer organisation',
          path: `/v1/startups/${startup.startupId}/certifications`,
          body: { ...certification, issuerOrganisationId: randomUUID() },
          as: startup,
          expectStatus: 422,
          field: 'issuerOrganisationId',
          unchanged: rowsOf(ctx, 'SELECT id FROM applications.certifications WHERE startup_id = $1 ORDER BY id', [startup.startupId]),
        },
      ];
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
    hostile: async (ctx) => {
      const manager = await ctx.key('programme_manager');
      const unchanged = rowsOf(ctx, 'SELECT id FROM applications.programmes WHERE organiser_organisation_id = $1', [manager.organisationId]);
      return [
        { kind: 'foreign-id', what: 'an unknown partner organisation', body: programmeBody({ partnerOrganisationIds: [randomUUID()] }), as: manager, expectStatus: 422, field: 'partnerOrganisationIds', unchanged },
      ];
    },
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
    hostile: async (ctx) => {
      const { manager, draft, partnerManager } = await partneredDraft(ctx);
      const path = `/v1/programmes/${draft.id}`;
      const unchanged = programmeRow(ctx, draft.id);
      return [
        { kind: 'partner', what: "a partner's manager editing the organiser's draft", path, body: { version: draft.version, hostCity: 'Kazan' }, as: partnerManager, expectStatus: 403, unchanged },
        { kind: 'foreign-id', what: 'an unknown partner organisation', path, body: { version: draft.version, partnerOrganisationIds: [randomUUID()] }, as: manager, expectStatus: 422, field: 'partnerOrganisationIds', unchanged },
      ];
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
    // Partners see the organiser's drafts; they still cannot publish them.
    hostile: async (ctx) => {
      const { draft, partnerManager } = await partneredDraft(ctx);
      return [{ kind: 'partner', what: "a partner's manager publishing the organiser's draft", path: `/v1/programmes/${draft.id}/publish`, as: partnerManager, expectStatus: 403, unchanged: programmeRow(ctx, draft.id) }];
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
    hostile: async (ctx) => {
      const a = await partneredApplication(ctx);
      return [{ kind: 'partner', what: "a partner's manager closing the programme", path: `/v1/programmes/${a.programme.id}/close`, as: a.partnerManager, expectStatus: 403, unchanged: programmeRow(ctx, a.programme.id) }];
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
    hostile: async (ctx) => {
      const draft = await programmeOf(ctx);
      const startup = await ctx.key('startup');
      const unchanged = rowsOf(ctx, 'SELECT id FROM applications.applications WHERE startup_id = $1', [startup.startupId]);
      return [
        { kind: 'foreign-id', what: "another organisation's draft programme", body: { programmeId: draft.programme.id }, as: startup, expectStatus: 404, unchanged },
        { kind: 'foreign-id', what: 'an unknown programme', body: { programmeId: randomUUID() }, as: startup, expectStatus: 404, unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/applications',
    roles: ['startup', 'programme_manager', 'partner_agency', 'admin'],
    // Filtering by a programme one may see works; another organisation's draft or an unknown id is refused like a path id.
    setup: async (ctx) => {
      const a = await applicationOf(ctx);
      return { path: `/v1/applications?programmeId=${a.programme.id}`, as: a.startup, otherTenant: null };
    },
    hostile: async (ctx) => {
      const a = await applicationOf(ctx);
      const draft = await programmeOf(ctx);
      const unchanged = rowsOf(ctx, 'SELECT count(*)::int AS n FROM applications.applications WHERE programme_id = $1', [a.programme.id]);
      const refused = (what: string, as: TestApiKey, programmeId: string): HostileCase => ({
        kind: 'foreign-id',
        what,
        path: `/v1/applications?programmeId=${programmeId}`,
        as,
        expectStatus: 422,
        field: 'programmeId',
        unchanged,
      });
      return [
        refused("another organisation's draft programme, as a startup", a.startup, draft.programme.id),
        refused("another organisation's draft programme, as a manager", a.manager, draft.programme.id),
        refused('an unknown programme', a.startup, randomUUID()),
        refused('the nil UUID', a.manager, '00000000-0000-0000-0000-000000000000'),
      ];
    },
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
    hostile: async (ctx) => {
      const a = await partneredApplication(ctx);
      const foreign = await applicationOf(ctx, 'submitted');
      const path = `/v1/programmes/${a.programme.id}/review-assignments`;
      const body = (over: Record<string, unknown> = {}) => ({ applicationId: a.application.id, reviewerPrincipalId: a.reviewer.principalId, dueAt: dueAt(), ...over });
      const unchanged = async () => [await assignmentsOf(ctx, a.programme.id)(), await assignmentsOf(ctx, foreign.programme.id)(), await applicationRow(ctx, a.application.id)()];
      return [
        { kind: 'partner', what: "a partner's manager assigning a reviewer", path, body: body(), as: a.partnerManager, expectStatus: 403, unchanged },
        { kind: 'foreign-id', what: "another organisation's application", path, body: body({ applicationId: foreign.application.id }), as: a.manager, expectStatus: 404, unchanged },
        { kind: 'foreign-id', what: 'an unknown application', path, body: body({ applicationId: randomUUID() }), as: a.manager, expectStatus: 404, unchanged },
        { kind: 'foreign-id', what: 'an unknown reviewer', path, body: body({ reviewerPrincipalId: randomUUID() }), as: a.manager, expectStatus: 404, unchanged },
        { kind: 'foreign-id', what: 'a startup named as the reviewer', path, body: body({ reviewerPrincipalId: a.startup.principalId }), as: a.manager, expectStatus: 404, unchanged },
      ];
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
    hostile: async (ctx) => {
      const a = await partneredApplication(ctx);
      const path = `/v1/programmes/${a.programme.id}/review-assignments/auto`;
      const body = (reviewerPrincipalIds: string[]) => ({ reviewerPrincipalIds, quotaPerReviewer: 5, dueAt: dueAt() });
      const unchanged = async () => [await assignmentsOf(ctx, a.programme.id)(), await applicationRow(ctx, a.application.id)()];
      return [
        { kind: 'partner', what: "a partner's manager assigning reviewers", path, body: body([a.reviewer.principalId]), as: a.partnerManager, expectStatus: 403, unchanged },
        { kind: 'foreign-id', what: 'an unknown reviewer among known ones', path, body: body([a.reviewer.principalId, randomUUID()]), as: a.manager, expectStatus: 404, unchanged },
      ];
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
    hostile: async (ctx) => {
      const a = await partneredApplication(ctx);
      return [{ kind: 'partner', what: "a partner's manager reading review progress", path: `/v1/programmes/${a.programme.id}/review-progress`, as: a.partnerManager, expectStatus: 403, unchanged: assignmentsOf(ctx, a.programme.id) }];
    },
  },
  {
    method: 'POST',
    path: '/v1/review-assignments/:id/recuse',
    roles: ['programme_manager', 'reviewer'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/review-assignments/${a.assignment.id}/recuse`, body: { reason: 'Former employee' }, as: a.manager, otherTenant: a.otherManager, expectStatus: 200 };
    },
    hostile: async (ctx) => {
      const a = await partneredApplication(ctx);
      const assignment = await ok(
        ctx.call('POST', `/v1/programmes/${a.programme.id}/review-assignments`, { key: a.manager, body: { applicationId: a.application.id, reviewerPrincipalId: a.reviewer.principalId, dueAt: dueAt() } }),
        'assignment',
      );
      return [
        {
          kind: 'partner',
          what: "a partner's manager recusing the organiser's reviewer",
          path: `/v1/review-assignments/${assignment.id}/recuse`,
          body: { reason: 'Partner says so' },
          as: a.partnerManager,
          expectStatus: 403,
          unchanged: assignmentsOf(ctx, a.programme.id),
        },
        {
          kind: 'foreign-id',
          what: "another reviewer recusing this reviewer's assignment",
          path: `/v1/review-assignments/${assignment.id}/recuse`,
          body: { reason: 'Not my call' },
          as: await ctx.key('reviewer', { organisationId: a.reviewer.organisationId ?? undefined }),
          expectStatus: 404,
          unchanged: assignmentsOf(ctx, a.programme.id),
        },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/review-assignments',
    roles: ['reviewer'],
    setup: async (ctx) => {
      const a = await assignmentOf(ctx);
      return { path: `/v1/review-assignments?programmeId=${a.programme.id}`, as: a.reviewer, otherTenant: null };
    },
    hostile: async (ctx) => {
      const a = await assignmentOf(ctx);
      const draft = await programmeOf(ctx);
      const unchanged = rowsOf(ctx, 'SELECT count(*)::int AS n FROM applications.review_assignments WHERE reviewer_principal_id = $1', [a.reviewer.principalId]);
      return [draft.programme.id, randomUUID()].map(
        (programmeId, i): HostileCase => ({
          kind: 'foreign-id',
          what: i === 0 ? "another organisation's draft programme" : 'an unknown programme',
          path: `/v1/review-assignments?programmeId=${programmeId}`,
          as: a.reviewer,
          expectStatus: 422,
          field: 'programmeId',
          unchanged,
        }),
      );
    },
  },
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
    // Finding 2: another organisation's application answered 201 where an unknown one answered 404.
    hostile: async (ctx) => {
      const foreign = await applicationOf(ctx, 'submitted');
      const reviewer = await ctx.key('reviewer');
      const unchanged = async () => [
        await rowsOf(ctx, 'SELECT startup_id, application_id FROM applications.conflicts_of_interest WHERE reviewer_principal_id = $1', [reviewer.principalId])(),
        await assignmentsOf(ctx, foreign.programme.id)(),
      ];
      return [
        { kind: 'foreign-id', what: "another organisation's application of the startup", body: { startupId: foreign.startup.startupId, applicationId: foreign.application.id }, as: reviewer, expectStatus: 404, unchanged },
        { kind: 'foreign-id', what: 'an unknown application of the startup', body: { startupId: foreign.startup.startupId, applicationId: randomUUID() }, as: reviewer, expectStatus: 404, unchanged },
        { kind: 'foreign-id', what: 'an unknown startup', body: { startupId: randomUUID() }, as: reviewer, expectStatus: 404, unchanged },
      ];
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
    hostile: async (ctx) => {
      const a = await partneredApplication(ctx);
      return [
        {
          kind: 'partner',
          what: "a partner's manager deciding the organiser's application",
          path: `/v1/applications/${a.application.id}/decision`,
          body: { outcome: 'accept', reason: 'Partner likes it' },
          as: a.partnerManager,
          expectStatus: 403,
          unchanged: applicationRow(ctx, a.application.id),
        },
      ];
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
  // agreements (issue 17): the parties' admins and managers change them; their liaisons also read
  {
    method: 'POST',
    path: '/v1/agreements',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const [a, b] = await Promise.all([ctx.organisation(), ctx.organisation()]);
      const body = { counterpartOrganisationId: b.id, title: 'Exchange MOU', signedOn: '2025-12-10', validFrom: '2026-01-01', validUntil: '2026-12-31' };
      return { body, as: await ctx.key('admin', { organisationId: a.id }), otherTenant: null, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const org = await ctx.organisation();
      const manager = await ctx.key('programme_manager', { organisationId: org.id });
      const body = (counterpartOrganisationId: string) => ({ counterpartOrganisationId, title: 'Exchange MOU', signedOn: '2025-12-10', validFrom: '2026-01-01', validUntil: '2026-12-31' });
      const unchanged = agreementsOfOrganisation(ctx, org.id);
      return [
        { kind: 'foreign-id', what: 'an unknown counterpart organisation', body: body(randomUUID()), as: manager, expectStatus: 422, field: 'counterpartOrganisationId', unchanged },
        { kind: 'foreign-id', what: 'its own organisation as the counterpart', body: body(org.id), as: manager, expectStatus: 422, field: 'counterpartOrganisationId', unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/agreements',
    roles: ['admin', 'programme_manager', 'partner_agency'],
    setup: async (ctx) => ({ as: (await agreementOf(ctx)).liaison, otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/agreements/:id',
    roles: ['admin', 'programme_manager', 'partner_agency'],
    setup: async (ctx) => {
      const g = await agreementOf(ctx);
      return { path: `/v1/agreements/${g.agreement.id}`, as: g.liaison, otherTenant: g.otherManager };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/agreements/:id',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const g = await agreementOf(ctx);
      return { path: `/v1/agreements/${g.agreement.id}`, body: { title: 'Renewed MOU', version: g.agreement.version }, as: g.manager, otherTenant: g.otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'POST',
    path: '/v1/agreements/:id/end',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const g = await agreementOf(ctx);
      return { path: `/v1/agreements/${g.agreement.id}/end`, as: await ctx.key('admin', { organisationId: g.b.id }), otherTenant: g.otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'GET',
    path: '/v1/agreements/:id/reciprocity',
    roles: ['admin', 'programme_manager', 'partner_agency'],
    setup: async (ctx) => {
      const g = await agreementOf(ctx);
      return { path: `/v1/agreements/${g.agreement.id}/reciprocity?from=2026-01-01&to=2026-06-30`, as: g.liaison, otherTenant: await ctx.key('partner_agency') };
    },
  },
  {
    method: 'GET',
    path: '/v1/agreements/:id/reciprocity.csv',
    roles: ['admin', 'programme_manager', 'partner_agency'],
    setup: async (ctx) => {
      const g = await agreementOf(ctx);
      return { path: `/v1/agreements/${g.agreement.id}/reciprocity.csv`, as: g.manager, otherTenant: g.otherManager };
    },
  },
  // certification bodies
  {
    method: 'PUT',
    path: '/v1/certification-bodies/:organisationId/grade-scales',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const b = await certificationBodyOf(ctx);
      const body = { kind: 'innovation_certificate', grades: ['A', 'AA', 'AAA', 'AAA+'] };
      return { path: `/v1/certification-bodies/${b.body.id}/grade-scales`, body, as: b.manager, otherTenant: b.otherManager, expectStatus: 200 };
    },
    hostile: async (ctx) => {
      const b = await certificationBodyOf(ctx);
      const agency = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
      const agencyManager = await ctx.key('programme_manager', { organisationId: agency.id });
      const scalesOf = (id: string) => rowsOf(ctx, 'SELECT kind, grades, version FROM applications.certification_grade_scales WHERE organisation_id = $1 ORDER BY kind', [id]);
      return [
        { kind: 'foreign-id', what: "another body's scale", path: `/v1/certification-bodies/${b.body.id}/grade-scales`, body: { kind: 'innovation_certificate', grades: ['Z'] }, as: b.otherManager, expectStatus: 404, unchanged: scalesOf(b.body.id) },
        { kind: 'escalation', what: 'an organising agency giving itself a scale', path: `/v1/certification-bodies/${agency.id}/grade-scales`, body: { kind: 'innovation_certificate', grades: ['A'] }, as: agencyManager, expectStatus: 403, unchanged: scalesOf(agency.id) },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/certification-bodies/:organisationId/grade-scales',
    roles: EVERYONE,
    // A body's scales are public to every caller: no object of a tenant.
    setup: async (ctx) => {
      const b = await certificationBodyOf(ctx);
      return { path: `/v1/certification-bodies/${b.body.id}/grade-scales`, as: await ctx.key('startup'), otherTenant: null };
    },
  },
  {
    method: 'POST',
    path: '/v1/certifications',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const b = await certificationBodyOf(ctx);
      const startup = await ctx.key('startup');
      return { body: issueBody(startup.startupId!), as: b.manager, otherTenant: null, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const b = await certificationBodyOf(ctx);
      const startup = await ctx.key('startup');
      const agency = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
      const agencyManager = await ctx.key('programme_manager', { organisationId: agency.id });
      const unchanged = certificationsOfStartup(ctx, startup.startupId!);
      return [
        { kind: 'foreign-id', what: 'an unknown startup', body: issueBody(randomUUID()), as: b.manager, expectStatus: 422, field: 'startupId', unchanged },
        { kind: 'escalation', what: 'an organising agency issuing a certificate', body: issueBody(startup.startupId!), as: agencyManager, expectStatus: 403, unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/certifications',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const c = await issuedCertificateOf(ctx);
      return { path: `/v1/certifications?startupId=${c.startup.startupId}`, as: c.manager, otherTenant: null };
    },
  },
  {
    method: 'GET',
    path: '/v1/certifications/:id',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const c = await issuedCertificateOf(ctx);
      return { path: `/v1/certifications/${c.certificate.id}`, as: c.manager, otherTenant: c.otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/certifications/:id/renew',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const c = await issuedCertificateOf(ctx);
      return { path: `/v1/certifications/${c.certificate.id}/renew`, body: { validUntil: '2032-01-01T00:00:00Z' }, as: c.manager, otherTenant: c.otherManager, expectStatus: 200 };
    },
  },
  {
    method: 'POST',
    path: '/v1/certifications/:id/revoke',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const c = await issuedCertificateOf(ctx);
      return { path: `/v1/certifications/${c.certificate.id}/revoke`, body: { reason: 'Audit' }, as: c.manager, otherTenant: c.otherManager, expectStatus: 200 };
    },
    // Only the issuing body revokes: another body, and an organising agency's admin, find nothing.
    hostile: async (ctx) => {
      const c = await issuedCertificateOf(ctx);
      const path = `/v1/certifications/${c.certificate.id}/revoke`;
      const unchanged = certificationRow(ctx, c.certificate.id);
      const agencyAdmin = await ctx.key('admin', { organisationId: (await ctx.organisation({ kind: 'organising_agency', country: 'RU' })).id });
      return [
        { kind: 'foreign-id', what: "another body revoking the certificate", path, body: { reason: 'Not mine' }, as: c.otherManager, expectStatus: 404, unchanged },
        { kind: 'escalation', what: "an organising agency's admin revoking it", path, body: { reason: 'Not mine' }, as: agencyAdmin, expectStatus: 404, unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/programmes/:id/application-flags',
    roles: ['programme_manager', 'admin', 'partner_agency'],
    setup: async (ctx) => {
      const p = await programmeOf(ctx, 'published');
      return { path: `/v1/programmes/${p.programme.id}/application-flags`, as: p.manager, otherTenant: p.otherManager };
    },
  },
  {
    method: 'GET',
    path: '/v1/certificate-verifications/:code',
    roles: 'public',
    setup: async (ctx) => {
      const c = await issuedCertificateOf(ctx);
      return { path: `/v1/certificate-verifications/${c.certificate.verificationCode}`, expectStatus: 200 };
    },
  },
  // business missions (issue 18): the organiser's admins and managers run them; partners and the
  // companies taking part read them; a company answers and records outcomes of its own meetings
  {
    method: 'POST',
    path: '/v1/missions',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const org = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
      const partner = await ctx.organisation();
      return { body: missionBody([partner.id]), as: await ctx.key('programme_manager', { organisationId: org.id }), otherTenant: null, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const org = await ctx.organisation({ kind: 'organising_agency', country: 'RU' });
      const manager = await ctx.key('programme_manager', { organisationId: org.id });
      const unchanged = rowsOf(ctx, 'SELECT id FROM applications.missions WHERE organiser_organisation_id = $1', [org.id]);
      return [
        { kind: 'foreign-id', what: 'an unknown partner organisation', body: missionBody([randomUUID()]), as: manager, expectStatus: 422, field: 'partnerOrganisationIds', unchanged },
        { kind: 'foreign-id', what: 'its own organisation as a partner', body: missionBody([org.id]), as: manager, expectStatus: 422, field: 'partnerOrganisationIds', unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/missions',
    roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
    setup: async (ctx) => ({ as: (await missionOf(ctx, 'draft')).startup, otherTenant: null }),
  },
  {
    method: 'GET',
    path: '/v1/missions/:id',
    roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'draft');
      return { path: `/v1/missions/${m.mission.id}`, as: m.partnerLiaison, otherTenant: m.otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/missions/:id/participants',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'draft');
      const company = await ctx.organisation({ kind: 'host', country: 'RU' });
      return { path: `/v1/missions/${m.mission.id}/participants`, body: { side: 'local', organisationId: company.id }, as: m.manager, otherTenant: m.otherManager, expectStatus: 201 };
    },
    hostile: async (ctx) => {
      const m = await missionOf(ctx, 'draft');
      const path = `/v1/missions/${m.mission.id}/participants`;
      const unchanged = rowsOf(ctx, 'SELECT id FROM applications.mission_participants WHERE mission_id = $1 ORDER BY id', [m.mission.id]);
      const company = await ctx.organisation({ kind: 'host', country: 'RU' });
      return [
        { kind: 'foreign-id', what: 'an unknown startup', path, body: { side: 'local', startupId: randomUUID() }, as: m.manager, expectStatus: 422, field: 'startupId', unchanged },
        { kind: 'foreign-id', what: 'an unknown organisation', path, body: { side: 'local', organisationId: randomUUID() }, as: m.manager, expectStatus: 422, field: 'organisationId', unchanged },
        { kind: 'partner', what: "a partner's manager adding a company", path, body: { side: 'local', organisationId: company.id }, as: m.partnerManager, expectStatus: 403, unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/missions/:id/participants',
    roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'draft');
      return { path: `/v1/missions/${m.mission.id}/participants`, as: m.startup, otherTenant: m.otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/missions/:id/publish',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'draft');
      return { path: `/v1/missions/${m.mission.id}/publish`, as: m.manager, otherTenant: m.otherManager, expectStatus: 200 };
    },
    hostile: async (ctx) => {
      const m = await missionOf(ctx, 'draft');
      const unchanged = missionRow(ctx, m.mission.id);
      return [
        { kind: 'partner', what: "a partner's manager publishing the organiser's mission", path: `/v1/missions/${m.mission.id}/publish`, as: m.partnerManager, expectStatus: 403, unchanged },
        { kind: 'partner', what: 'a taking-part company publishing the mission', path: `/v1/missions/${m.mission.id}/publish`, as: m.localManager, expectStatus: 403, unchanged },
      ];
    },
  },
  {
    method: 'POST',
    path: '/v1/missions/:id/proposals',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'published');
      return { path: `/v1/missions/${m.mission.id}/proposals`, as: m.manager, otherTenant: m.otherManager, expectStatus: 200 };
    },
    hostile: async (ctx) => {
      const m = await missionOf(ctx, 'published');
      const unchanged = rowsOf(ctx, 'SELECT id FROM applications.mission_meetings WHERE mission_id = $1', [m.mission.id]);
      return [{ kind: 'partner', what: "a partner's manager running matchmaking", path: `/v1/missions/${m.mission.id}/proposals`, as: m.partnerManager, expectStatus: 403, unchanged }];
    },
  },
  {
    method: 'GET',
    path: '/v1/missions/:id/meetings',
    roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'proposed');
      return { path: `/v1/missions/${m.mission.id}/meetings`, as: m.localManager, otherTenant: m.otherManager };
    },
  },
  ...(['accept', 'decline'] as const).map(
    (answer): RouteAccessEntry => ({
      method: 'POST',
      path: `/v1/missions/:id/meetings/:meetingId/${answer}`,
      roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
      setup: async (ctx) => {
        const m = await missionOf(ctx, 'proposed');
        return { path: `/v1/missions/${m.mission.id}/meetings/${m.meetingId}/${answer}`, as: m.startup, otherTenant: m.otherManager, expectStatus: 200 };
      },
      hostile: async (ctx) => {
        const m = await missionOf(ctx, 'proposed');
        const other = await missionOf(ctx, 'proposed');
        const unchanged = meetingRow(ctx, m.meetingId!);
        return [
          { kind: 'partner', what: "a partner answering for the meeting's companies", path: `/v1/missions/${m.mission.id}/meetings/${m.meetingId}/${answer}`, as: m.partnerLiaison, expectStatus: 403, unchanged },
          { kind: 'foreign-id', what: "another mission's company answering through its own mission's path", path: `/v1/missions/${other.mission.id}/meetings/${m.meetingId}/${answer}`, as: other.startup, expectStatus: 404, unchanged },
        ];
      },
    }),
  ),
  {
    method: 'POST',
    path: '/v1/missions/:id/schedule',
    roles: ['admin', 'programme_manager'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'accepted');
      return { path: `/v1/missions/${m.mission.id}/schedule`, as: m.manager, otherTenant: m.otherManager, expectStatus: 200 };
    },
    hostile: async (ctx) => {
      const m = await missionOf(ctx, 'accepted');
      const unchanged = meetingRow(ctx, m.meetingId!);
      return [{ kind: 'partner', what: "a partner's manager publishing the schedule", path: `/v1/missions/${m.mission.id}/schedule`, as: m.partnerManager, expectStatus: 403, unchanged }];
    },
  },
  {
    method: 'GET',
    path: '/v1/missions/:id/agenda',
    roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'scheduled');
      return { path: `/v1/missions/${m.mission.id}/agenda`, as: m.startup, otherTenant: m.otherManager };
    },
  },
  {
    method: 'POST',
    path: '/v1/missions/:id/meetings/:meetingId/outcome',
    roles: ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'],
    setup: async (ctx) => {
      const m = await missionOf(ctx, 'scheduled');
      return { path: `/v1/missions/${m.mission.id}/meetings/${m.meetingId}/outcome`, body: { outcome: 'follow_up' }, as: m.startup, otherTenant: m.otherManager, expectStatus: 200 };
    },
    hostile: async (ctx) => {
      const m = await missionOf(ctx, 'scheduled');
      const path = `/v1/missions/${m.mission.id}/meetings/${m.meetingId}/outcome`;
      const unchanged = meetingRow(ctx, m.meetingId!);
      const pilot = (programmeId: string) => ({ outcome: 'pilot_proposed', pilotApplication: { programmeId, startupId: m.startup.startupId } });
      return [
        { kind: 'foreign-id', what: 'a pilot application to an unknown programme', path, body: pilot(randomUUID()), as: m.startup, expectStatus: 422, field: 'pilotApplication.programmeId', unchanged },
        { kind: 'partner', what: 'a partner recording the outcome', path, body: { outcome: 'none' }, as: m.partnerLiaison, expectStatus: 403, unchanged },
      ];
    },
  },
];

/** A mission's body with its days in the past (so outcomes can be recorded at once). */
function missionBody(partnerOrganisationIds: string[]) {
  return {
    title: 'Delegation to Moscow',
    partnerOrganisationIds,
    hostCity: 'Moscow',
    country: 'RU',
    timeZone: 'Europe/Moscow',
    days: ['2025-05-12'],
    dayStartsAt: '09:00',
    dayEndsAt: '10:00',
    slotMinutes: 20,
    rooms: ['Table 1'],
  };
}

const missionRow = (ctx: RouteAccessContext, id: string) => rowsOf(ctx, 'SELECT state, version FROM applications.missions WHERE id = $1', [id]);
const meetingRow = (ctx: RouteAccessContext, id: string) =>
  rowsOf(ctx, 'SELECT delegation_answer, local_answer, slot_index, outcome, pilot_application_id FROM applications.mission_meetings WHERE id = $1', [id]);

/**
 * A mission of a fresh organiser with a partner, a delegation startup and a local organisation that
 * complement each other, taken to `stage`; with the organiser's and partner's people, the local
 * company's manager and a manager of another organisation (404).
 */
async function missionOf(ctx: RouteAccessContext, stage: 'draft' | 'published' | 'proposed' | 'accepted' | 'scheduled') {
  const [org, partner, local] = await Promise.all([
    ctx.organisation({ kind: 'organising_agency', country: 'RU' }),
    ctx.organisation({ kind: 'partner_agency', country: 'KR' }),
    ctx.organisation({ kind: 'host', country: 'RU' }),
  ]);
  const manager = await ctx.key('programme_manager', { organisationId: org.id });
  const startup = await ctx.key('startup');
  const localManager = await ctx.key('programme_manager', { organisationId: local.id });
  const mission = await ok<{ id: string; version: number }>(ctx.call('POST', '/v1/missions', { key: manager, body: missionBody([partner.id]) }), 'mission');
  const add = (body: Record<string, unknown>) => ok(ctx.call('POST', `/v1/missions/${mission.id}/participants`, { key: manager, body }), 'participant');
  await add({ side: 'delegation', startupId: startup.startupId, fields: ['medtech'], offers: ['ai-triage'], seeks: ['hospital-network'], languages: ['en'] });
  await add({ side: 'local', organisationId: local.id, fields: ['medtech'], offers: ['hospital-network'], seeks: ['ai-triage'], languages: ['en'] });
  let meetingId: string | undefined;
  if (stage !== 'draft') await ok(ctx.call('POST', `/v1/missions/${mission.id}/publish`, { key: manager }), 'publish');
  if (stage === 'proposed' || stage === 'accepted' || stage === 'scheduled') {
    await ok(ctx.call('POST', `/v1/missions/${mission.id}/proposals`, { key: manager }), 'proposals');
    const page = await ok<{ items: Array<{ id: string }> }>(ctx.call('GET', `/v1/missions/${mission.id}/meetings`, { key: manager }), 'meetings');
    meetingId = page.items[0].id;
  }
  if (stage === 'accepted' || stage === 'scheduled') {
    await ok(ctx.call('POST', `/v1/missions/${mission.id}/meetings/${meetingId}/accept`, { key: startup }), 'accept');
    await ok(ctx.call('POST', `/v1/missions/${mission.id}/meetings/${meetingId}/accept`, { key: localManager }), 'accept');
  }
  if (stage === 'scheduled') await ok(ctx.call('POST', `/v1/missions/${mission.id}/schedule`, { key: manager }), 'schedule');
  return {
    mission,
    meetingId,
    manager,
    startup,
    localManager,
    partnerLiaison: await ctx.key('partner_agency', { organisationId: partner.id }),
    partnerManager: await ctx.key('programme_manager', { organisationId: partner.id }),
    otherManager: await ctx.key('programme_manager'),
  };
}
