import { Webhook } from 'standardwebhooks';
import { waitFor } from '@exchange/messaging/testing';
import { applicationSubmitted, pilotStarted, programme, harnessWithReceiver } from './support/harness';

interface Endpoint {
  id: string;
  url: string;
  state: string;
  eventTypes: string[];
  version: number;
  secret?: string;
}
interface Delivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  state: string;
  attemptCount: number;
  attempts?: Array<{ attemptNumber: number; statusCode: number | null; error: string | null; responseExcerpt: string | null; latencyMs: number }>;
}

/** The partner agency's HTTP API over its endpoints and its delivery log. */
describe('webhook endpoints and delivery log API', () => {
  const { harness, receiver } = harnessWithReceiver();

  it('registers an endpoint, shows its secret only once, lists with a cursor, and hides it from other tenants', async () => {
    const agency = await harness.agency();
    const created = await harness.call<Endpoint>('POST', '/v1/webhook-endpoints', agency.key, {
      url: receiver.url('/reg-1'),
      eventTypes: ['pilot.*', 'application.accepted'],
      description: '서울 사무소',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: receiver.url('/reg-1'), state: 'active', eventTypes: ['pilot.*', 'application.accepted'], version: 1 });
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(Buffer.from(created.body.secret!.slice(6), 'base64').length).toBeGreaterThanOrEqual(24);

    const shown = await harness.call<Endpoint>('GET', `/v1/webhook-endpoints/${created.body.id}`, agency.key);
    expect(shown.status).toBe(200);
    expect(shown.body).not.toHaveProperty('secret');
    await harness.endpoint(agency.key, receiver.url('/reg-2'));

    const page1 = await harness.call<{ items: Endpoint[]; nextCursor: string }>('GET', '/v1/webhook-endpoints?limit=1', agency.key);
    expect(page1.body.items).toHaveLength(1);
    const page2 = await harness.call<{ items: Endpoint[]; nextCursor: string | null }>(
      'GET',
      `/v1/webhook-endpoints?limit=1&cursor=${page1.body.nextCursor}`,
      agency.key,
    );
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    expect(page1.body.items[0].id).not.toBe(page2.body.items[0].id);

    const stranger = await harness.agency();
    expect((await harness.call('GET', `/v1/webhook-endpoints/${created.body.id}`, stranger.key)).status).toBe(404);
    expect((await harness.call('POST', `/v1/webhook-endpoints/${created.body.id}/pause`, stranger.key)).status).toBe(404);
    expect((await harness.call<{ items: unknown[] }>('GET', '/v1/webhook-endpoints', stranger.key)).body.items).toEqual([]);
  });

  it('refuses unknown event types and bad patterns with the reason', async () => {
    const agency = await harness.agency();
    const res = await harness.call<{ code: string; detail: string }>('POST', '/v1/webhook-endpoints', agency.key, {
      url: receiver.url('/x'),
      eventTypes: ['pilot.aproved', 'Pilot.*'],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_ENDPOINT.INVALID_EVENT_TYPES');
    expect(res.body.detail).toContain('"pilot.aproved" matches no event type');
    const noTypes = await harness.call('POST', '/v1/webhook-endpoints', agency.key, { url: receiver.url('/x'), eventTypes: [] });
    expect(noTypes.status).toBe(400);
  });

  it('rotates the secret: during the overlap both secrets sign, each verifiable on its own', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/rotate'), ['application.*']);
    const rotated = await harness.call<{ secret: string; previousSecretExpiresAt: string }>(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
      agency.key,
      { overlapSeconds: 3_600 },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(new Date(rotated.body.previousSecretExpiresAt).getTime()).toBeGreaterThan(Date.now() + 3_500_000);

    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    await waitFor(() => receiver.forPath('/rotate').length === 1);
    const [request] = receiver.forPath('/rotate');
    const headers = request.headers as Record<string, string>;
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(endpoint.secret).verify(request.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(request.body, headers)).not.toThrow();

    // A rotation without overlap: only the new secret signs.
    const again = await harness.call<{ secret: string }>('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, agency.key, { overlapSeconds: 0 });
    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    await waitFor(() => receiver.forPath('/rotate').length === 2);
    const second = receiver.forPath('/rotate')[1];
    const h2 = second.headers as Record<string, string>;
    expect(h2['webhook-signature'].split(' ')).toHaveLength(1);
    expect(() => new Webhook(again.body.secret).verify(second.body, h2)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(second.body, h2)).toThrow();
  });

  it('holds deliveries while paused and sends them on resume; answers 409 on an illegal transition', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/paused'), ['application.*']);
    expect((await harness.call('POST', `/v1/webhook-endpoints/${endpoint.id}/pause`, agency.key)).status).toBe(200);
    const again = await harness.call<{ code: string; currentState: string }>('POST', `/v1/webhook-endpoints/${endpoint.id}/pause`, agency.key);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'WEBHOOK_ENDPOINT.ILLEGAL_TRANSITION', currentState: 'paused' });

    const event = applicationSubmitted(programme(agency.organisationId));
    await harness.publish(event);
    await waitFor(async () => (await harness.deliveries(endpoint.id)).length === 1, { what: 'the delivery created' });
    expect(receiver.forPath('/paused')).toHaveLength(0);

    const resumed = await harness.call<Endpoint>('POST', `/v1/webhook-endpoints/${endpoint.id}/resume`, agency.key);
    expect(resumed.body.state).toBe('active');
    await waitFor(() => receiver.forPath('/paused').length === 1, { what: 'the held delivery sent' });
    expect(receiver.forPath('/paused')[0].headers['webhook-id']).toBe(event.id);
  });

  it('sends a signed test event to one endpoint', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/test-event'), ['pilot.completed']);
    const res = await harness.call<{ eventId: string; deliveryId: string }>('POST', `/v1/webhook-endpoints/${endpoint.id}/test`, agency.key);
    expect(res.status).toBe(202);
    await waitFor(() => receiver.forPath('/test-event').length === 1);
    const [request] = receiver.forPath('/test-event');
    const body = new Webhook(endpoint.secret).verify(request.body, request.headers as Record<string, string>) as { type: string; data: { endpointId: string } };
    expect(body.type).toBe('webhook.test');
    expect(body.data.endpointId).toBe(endpoint.id);
    expect(request.headers['webhook-id']).toBe(res.body.eventId);
  });

  it('lists deliveries with filters and a cursor, shows attempts, and retries a failed one now', async () => {
    let healthy = false;
    receiver.on('/log', (_req, res) => {
      res.statusCode = healthy ? 200 : 500;
      res.end(healthy ? 'ok' : 'nope');
    });
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/log'), ['*']);
    const other = await harness.endpoint(agency.key, receiver.url('/log-other'), ['pilot.*']);
    const p = programme(agency.organisationId);
    const submitted = applicationSubmitted(p);
    await harness.publish(submitted);
    await harness.waitForDelivery(endpoint.id, 'failed');
    const started = pilotStarted(p);
    await harness.publish(started);
    await harness.waitForDelivery(other.id, 'succeeded');

    const failed = await harness.call<{ items: Delivery[] }>('GET', `/v1/webhook-deliveries?endpointId=${endpoint.id}&state=failed`, agency.key);
    expect(failed.body.items).toHaveLength(1);
    expect(failed.body.items[0]).toMatchObject({ eventId: submitted.id, eventType: 'application.submitted', state: 'failed', attemptCount: 3 });
    const byType = await harness.call<{ items: Delivery[] }>('GET', '/v1/webhook-deliveries?eventType=pilot.started', agency.key);
    expect(byType.body.items.map((d) => d.endpointId).sort()).toEqual([endpoint.id, other.id].sort());
    const all = await harness.call<{ items: Delivery[]; nextCursor: string }>('GET', '/v1/webhook-deliveries?limit=2', agency.key);
    expect(all.body.items).toHaveLength(2);
    const rest = await harness.call<{ items: Delivery[]; nextCursor: string | null }>('GET', `/v1/webhook-deliveries?limit=2&cursor=${all.body.nextCursor}`, agency.key);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    const future = await harness.call<{ items: Delivery[] }>('GET', `/v1/webhook-deliveries?from=${new Date(Date.now() + 60_000).toISOString()}`, agency.key);
    expect(future.body.items).toEqual([]);
    expect((await harness.call('GET', '/v1/webhook-deliveries?state=lost', agency.key)).status).toBe(400);

    const id = failed.body.items[0].id;
    const detail = await harness.call<Delivery>('GET', `/v1/webhook-deliveries/${id}`, agency.key);
    expect(detail.body.attempts!.map((a) => [a.attemptNumber, a.statusCode, a.responseExcerpt])).toEqual([
      [1, 500, 'nope'],
      [2, 500, 'nope'],
      [3, 500, 'nope'],
    ]);
    const stranger = await harness.agency();
    expect((await harness.call('GET', `/v1/webhook-deliveries/${id}`, stranger.key)).status).toBe(404);
    expect((await harness.call('POST', `/v1/webhook-deliveries/${id}/retry`, stranger.key)).status).toBe(404);

    healthy = true;
    const retried = await harness.call<Delivery>('POST', `/v1/webhook-deliveries/${id}/retry`, agency.key);
    expect(retried.status).toBe(202);
    expect(retried.body.state).toBe('pending');
    await waitFor(async () => (await harness.call<Delivery>('GET', `/v1/webhook-deliveries/${id}`, agency.key)).body.state === 'succeeded', {
      what: 'the retried delivery succeeded',
    });
    const after = await harness.call<Delivery>('GET', `/v1/webhook-deliveries/${id}`, agency.key);
    expect(after.body.attempts!.map((a) => a.statusCode)).toEqual([500, 500, 500, 200]);
    expect(new Set(receiver.forPath('/log').filter((r) => JSON.parse(r.body).type === 'application.submitted').map((r) => r.headers['webhook-id']))).toEqual(
      new Set([submitted.id]),
    );
    const twice = await harness.call<{ currentState: string }>('POST', `/v1/webhook-deliveries/${id}/retry`, agency.key);
    expect(twice.status).toBe(409);
    expect(twice.body.currentState).toBe('succeeded');
  });

  it('replays a time range to an endpoint: only events it matches and may see, again only when asked', async () => {
    const agency = await harness.agency();
    const stranger = await harness.agency();
    const from = new Date(Date.now() - 1_000).toISOString();
    const mine = [applicationSubmitted(programme(agency.organisationId)), applicationSubmitted(programme(agency.organisationId))];
    const notMine = applicationSubmitted(programme(stranger.organisationId));
    const pilotEvent = pilotStarted(mine[0].data.programme);
    await harness.publish(...mine, notMine, pilotEvent);
    for (const e of [...mine, notMine, pilotEvent]) {
      await waitFor(async () => (await harness.db.query(`SELECT 1 FROM notifications.events WHERE id = $1`, [e.id])).length === 1);
    }
    // Registered after the events: nothing was sent to it.
    const endpoint = await harness.endpoint(agency.key, receiver.url('/replay'), ['application.*']);
    const to = new Date(Date.now() + 1_000).toISOString();
    const replay = await harness.call<{ created: number; requeued: number }>('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, agency.key, { from, to });
    expect(replay.status).toBe(202);
    expect(replay.body).toEqual({ created: 2, requeued: 0 });
    await waitFor(() => receiver.forPath('/replay').length === 2, { what: 'the replayed events' });
    expect(receiver.forPath('/replay').map((r) => r.headers['webhook-id']).sort()).toEqual(mine.map((e) => e.id).sort());

    const again = await harness.call<{ created: number; requeued: number }>('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, agency.key, { from, to });
    expect(again.body).toEqual({ created: 0, requeued: 0 });
    await harness.waitForDelivery(endpoint.id, 'succeeded');
    await waitFor(async () => (await harness.deliveries(endpoint.id)).every((d) => d.state === 'succeeded'));
    const forced = await harness.call<{ created: number; requeued: number }>('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, agency.key, {
      from,
      to,
      includeSucceeded: true,
    });
    expect(forced.body).toEqual({ created: 0, requeued: 2 });
    await waitFor(() => receiver.forPath('/replay').length === 4, { what: 'sent again' });

    const bad = await harness.call<{ code: string }>('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, agency.key, { from: to, to: from });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('WEBHOOK_ENDPOINT.INVALID_TIME_RANGE');
  });

  it('deletes an endpoint: it is gone for the API and its pending deliveries are cancelled', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/deleted'), ['application.*']);
    await harness.call('POST', `/v1/webhook-endpoints/${endpoint.id}/pause`, agency.key);
    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    await waitFor(async () => (await harness.deliveries(endpoint.id)).length === 1);
    expect((await harness.call('DELETE', `/v1/webhook-endpoints/${endpoint.id}`, agency.key)).status).toBe(204);
    expect((await harness.call('GET', `/v1/webhook-endpoints/${endpoint.id}`, agency.key)).status).toBe(404);
    expect((await harness.deliveries(endpoint.id)).map((d) => d.state)).toEqual(['cancelled']);
  });
});
