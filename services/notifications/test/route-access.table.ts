import { randomUUID } from 'node:crypto';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { RouteAccessContext, RouteAccessEntry } from '@exchange/platform/testing';
import type { NotificationsConfig } from '../src/config';
import { unsubscribeToken } from '../src/mail/unsubscribe-links';

/**
 * Every route of the notifications service and who may call it (see describeRouteAccess in
 * libs/platform/src/testing/route-access.ts). Add an entry with each new route; give it a `setup`
 * that creates the tenant's object so the 404-for-another-tenant and success checks run too.
 */

// Any delivery these objects cause is refused at once (loopback, private networks not allowed here):
// no test depends on the network.
const UNREACHABLE = 'https://127.0.0.1:9/never';
const SECRET = `whsec_${Buffer.alloc(32, 3).toString('base64')}`;

/** A partner agency's endpoint (written directly), its key, and a key of another agency. */
async function endpointOf(ctx: RouteAccessContext, state: 'active' | 'paused' = 'active') {
  const as = await ctx.key('partner_agency');
  const otherTenant = await ctx.key('partner_agency');
  const [row] = (await ctx.dataSource.query(
    `INSERT INTO notifications.webhook_endpoints (organisation_id, url, event_types, secret, state) VALUES ($1, $2, '{*}', $3, $4) RETURNING id`,
    [as.organisationId, UNREACHABLE, SECRET, state],
  )) as Array<{ id: string }>;
  return { as, otherTenant, id: row.id };
}

/** A person of an organisation as the mail projection knows them, and the unsubscribe link of their mail. */
async function mailedPerson(ctx: RouteAccessContext) {
  const as = await ctx.key('admin');
  const otherTenant = await ctx.key('admin');
  const id = randomUUID();
  await ctx.dataSource.query(
    `INSERT INTO notifications.people (id, role, organisation_id, display_name, email, language, as_of) VALUES ($1, 'reviewer', $2, 'Reviewer', $3, 'en', now())`,
    [id, as.organisationId, `${id}@agency.test`],
  );
  const secret = ctx.service.app.get<NotificationsConfig>(SERVICE_CONFIG).MAIL_LINK_SECRET;
  const link = `/v1/mail/unsubscribe?token=${encodeURIComponent(unsubscribeToken(secret, { personId: id, category: 'reviews' }))}`;
  return { as, otherTenant, id, link };
}

/** A failed delivery of a test event to such an endpoint. */
async function deliveryOf(ctx: RouteAccessContext) {
  const endpoint = await endpointOf(ctx);
  const eventId = randomUUID();
  await ctx.dataSource.query(
    `INSERT INTO notifications.events (id, type, source, topic, time, organisation_ids, data) VALUES ($1, 'webhook.test', '/test', 'none', now(), ARRAY[$2::uuid], '{}')`,
    [eventId, endpoint.as.organisationId],
  );
  const [row] = (await ctx.dataSource.query(
    `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, state, attempt_count) VALUES ($1, $2, 'webhook.test', now(), 'failed', 0) RETURNING id`,
    [endpoint.id, eventId],
  )) as Array<{ id: string }>;
  return { ...endpoint, deliveryId: row.id };
}

const AGENCIES = ['partner_agency', 'admin'] as const;

export const routeAccessTable: RouteAccessEntry[] = [
  {
    method: 'GET',
    path: '/v1/me',
    roles: ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'],
    setup: async (ctx) => ({ as: await ctx.key('partner_agency'), otherTenant: null }),
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints',
    roles: AGENCIES,
    // A public IP literal: passes the registration check without DNS.
    setup: async (ctx) => ({ as: await ctx.key('partner_agency'), otherTenant: null, body: { url: 'https://8.8.8.8/hook', eventTypes: ['pilot.*'] }, expectStatus: 201 }),
  },
  { method: 'GET', path: '/v1/webhook-endpoints', roles: AGENCIES, setup: async (ctx) => ({ as: await ctx.key('admin'), otherTenant: null }) },
  {
    method: 'GET',
    path: '/v1/webhook-endpoints/:id',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx);
      return { path: `/v1/webhook-endpoints/${e.id}`, as: e.as, otherTenant: e.otherTenant };
    },
  },
  {
    method: 'PATCH',
    path: '/v1/webhook-endpoints/:id',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx);
      return { path: `/v1/webhook-endpoints/${e.id}`, as: e.as, otherTenant: e.otherTenant, body: { version: 1, description: 'CRM' } };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints/:id/rotate-secret',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx);
      return { path: `/v1/webhook-endpoints/${e.id}/rotate-secret`, as: e.as, otherTenant: e.otherTenant, body: { overlapSeconds: 60 } };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints/:id/pause',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx);
      return { path: `/v1/webhook-endpoints/${e.id}/pause`, as: e.as, otherTenant: e.otherTenant };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints/:id/resume',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx, 'paused');
      return { path: `/v1/webhook-endpoints/${e.id}/resume`, as: e.as, otherTenant: e.otherTenant };
    },
  },
  {
    method: 'DELETE',
    path: '/v1/webhook-endpoints/:id',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx);
      return { path: `/v1/webhook-endpoints/${e.id}`, as: e.as, otherTenant: e.otherTenant, expectStatus: 204 };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints/:id/test',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx, 'paused');
      return { path: `/v1/webhook-endpoints/${e.id}/test`, as: e.as, otherTenant: e.otherTenant, expectStatus: 202 };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook-endpoints/:id/replay',
    roles: AGENCIES,
    setup: async (ctx) => {
      const e = await endpointOf(ctx, 'paused');
      const body = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() };
      return { path: `/v1/webhook-endpoints/${e.id}/replay`, as: e.as, otherTenant: e.otherTenant, body, expectStatus: 202 };
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook-deliveries',
    roles: AGENCIES,
    // Filtering by one's own endpoint works; another organisation's or an unknown one is refused like a path id.
    setup: async (ctx) => {
      const d = await deliveryOf(ctx);
      return { path: `/v1/webhook-deliveries?endpointId=${d.id}`, as: d.as, otherTenant: null };
    },
    hostile: async (ctx) => {
      const d = await deliveryOf(ctx);
      const unchanged = () => ctx.dataSource.query('SELECT count(*)::int AS n FROM notifications.deliveries WHERE endpoint_id = $1', [d.id]);
      return [
        { kind: 'foreign-id', what: "another organisation's endpoint", path: `/v1/webhook-deliveries?endpointId=${d.id}`, as: d.otherTenant, expectStatus: 422, field: 'endpointId', unchanged },
        { kind: 'foreign-id', what: 'a random endpoint id', path: `/v1/webhook-deliveries?endpointId=${randomUUID()}`, as: d.as, expectStatus: 422, field: 'endpointId', unchanged },
        {
          kind: 'foreign-id',
          what: 'the nil UUID',
          path: '/v1/webhook-deliveries?endpointId=00000000-0000-0000-0000-000000000000',
          as: d.as,
          expectStatus: 422,
          field: 'endpointId',
          unchanged,
        },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/webhook-deliveries/:id',
    roles: AGENCIES,
    setup: async (ctx) => {
      const d = await deliveryOf(ctx);
      return { path: `/v1/webhook-deliveries/${d.deliveryId}`, as: d.as, otherTenant: d.otherTenant };
    },
  },
  {
    method: 'POST',
    path: '/v1/webhook-deliveries/:id/retry',
    roles: AGENCIES,
    setup: async (ctx) => {
      const d = await deliveryOf(ctx);
      return { path: `/v1/webhook-deliveries/${d.deliveryId}/retry`, as: d.as, otherTenant: d.otherTenant, expectStatus: 202 };
    },
  },
  {
    method: 'GET',
    path: '/v1/mail-messages',
    roles: ['admin'],
    setup: async (ctx) => ({ as: await ctx.key('admin'), otherTenant: null }),
    hostile: async (ctx) => {
      const p = await mailedPerson(ctx);
      const unchanged = () => ctx.dataSource.query('SELECT count(*)::int AS n FROM notifications.mail_messages WHERE recipient_id = $1', [p.id]);
      return [
        { kind: 'foreign-id', what: "a person of another organisation", path: `/v1/mail-messages?recipientId=${p.id}`, as: p.otherTenant, expectStatus: 422, field: 'recipientId', unchanged },
        { kind: 'foreign-id', what: 'a random person id', path: `/v1/mail-messages?recipientId=${randomUUID()}`, as: p.as, expectStatus: 422, field: 'recipientId', unchanged },
      ];
    },
  },
  {
    method: 'GET',
    path: '/v1/mail/unsubscribe',
    roles: 'public',
    setup: async (ctx) => ({ path: (await mailedPerson(ctx)).link, expectStatus: 200 }),
  },
  {
    method: 'POST',
    path: '/v1/mail/unsubscribe',
    roles: 'public',
    setup: async (ctx) => ({ path: (await mailedPerson(ctx)).link, body: { 'List-Unsubscribe': 'One-Click' }, expectStatus: 200 }),
  },
];
