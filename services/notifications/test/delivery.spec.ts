import { Webhook } from 'standardwebhooks';
import { waitFor } from '@exchange/messaging/testing';
import { applicationSubmitted, programme, harnessWithReceiver } from './support/harness';

/**
 * The delivery path end to end: Kafka → fan-out → BullMQ → a real HTTP receiver, with a compressed
 * retry schedule (0, 50, 100 ms: three attempts).
 */
describe('webhook delivery to a real receiver', () => {
  const { harness, receiver } = harnessWithReceiver({ WEBHOOK_TIMEOUT_MS: '1000' });

  /** An agency with one endpoint on `path`, and one event of its programme published to Kafka. */
  async function deliverOne(path: string) {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url(path), ['application.*']);
    const event = applicationSubmitted(programme(agency.organisationId));
    await harness.publish(event);
    return { agency, endpoint, event };
  }

  it('sends a Standard Webhooks request that the specification’s library verifies', async () => {
    let verified: unknown = null;
    let secret = '';
    receiver.on('/verify', (req, res, body) => {
      try {
        verified = new Webhook(secret).verify(body, req.headers as Record<string, string>);
        res.end('verified');
      } catch (error) {
        res.statusCode = 400;
        res.end((error as Error).message);
      }
    });
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/verify'), ['application.submitted']);
    secret = endpoint.secret;
    const event = applicationSubmitted(programme(agency.organisationId));
    await harness.publish(event);

    const delivery = await harness.waitForDelivery(endpoint.id, 'succeeded');
    const [request] = receiver.forPath('/verify');
    expect(request.headers['webhook-id']).toBe(event.id);
    expect(request.headers['content-type']).toBe('application/json');
    expect(Number(request.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(JSON.parse(request.body)).toEqual({ type: 'application.submitted', timestamp: event.time, data: event.data });
    expect(verified).toEqual({ type: 'application.submitted', timestamp: event.time, data: event.data });
    expect((await harness.attempts(delivery.id)).map((a) => a.status_code)).toEqual([200]);
  });

  it('retries a receiver that fails the first attempts, with the same webhook-id, until it succeeds', async () => {
    receiver.on('/flaky', (_req, res, _body, nth) => {
      res.statusCode = nth <= 2 ? 500 : 200;
      res.end(nth <= 2 ? 'database down' : 'thanks');
    });
    const { endpoint, event } = await deliverOne('/flaky');
    const delivery = await harness.waitForDelivery(endpoint.id, 'succeeded');
    const attempts = await harness.attempts(delivery.id);
    expect(attempts.map((a) => [a.attempt_number, a.status_code, a.error, a.response_excerpt])).toEqual([
      [1, 500, 'HTTP 500', 'database down'],
      [2, 500, 'HTTP 500', 'database down'],
      [3, 200, null, 'thanks'],
    ]);
    expect(attempts.every((a) => a.latency_ms >= 0)).toBe(true);
    expect(new Set(receiver.forPath('/flaky').map((r) => r.headers['webhook-id']))).toEqual(new Set([event.id]));
    // Each attempt is signed afresh (timestamp of the attempt), and the body is the same every time.
    expect(new Set(receiver.forPath('/flaky').map((r) => r.body)).size).toBe(1);
  });

  it('counts a receiver that does not answer in time as failed, and retries it', async () => {
    receiver.on('/slow-once', (_req, res, _body, nth) => {
      if (nth === 1) return; // never answers: the worker's timeout (1 s here) must cut it
      res.end('ok now');
    });
    const { endpoint } = await deliverOne('/slow-once');
    const delivery = await harness.waitForDelivery(endpoint.id, 'succeeded');
    const attempts = await harness.attempts(delivery.id);
    expect(attempts).toHaveLength(2);
    expect(attempts[0]).toMatchObject({ status_code: null, error: expect.stringContaining('timeout') });
    // It waited for the 1 s timeout rather than failing at once; timers may fire a millisecond early
    // against the clock the latency is measured with, so allow some slack below the timeout.
    expect(attempts[0].latency_ms).toBeGreaterThanOrEqual(900);
    expect(attempts[1]).toMatchObject({ status_code: 200, error: null });
  });

  it('does not follow redirects: they are failures, and the delivery fails after the last attempt', async () => {
    receiver.on('/redirect', (_req, res) => {
      res.writeHead(302, { location: receiver.url('/elsewhere') });
      res.end();
    });
    const { endpoint } = await deliverOne('/redirect');
    const delivery = await harness.waitForDelivery(endpoint.id, 'failed');
    const attempts = await harness.attempts(delivery.id);
    expect(attempts.map((a) => a.status_code)).toEqual([302, 302, 302]);
    expect(attempts[0].error).toMatch(/redirect not followed \(302 to http:\/\/127\.0\.0\.1:\d+\/elsewhere\)/);
    expect(receiver.forPath('/elsewhere')).toHaveLength(0);
  });

  it('waits at least the Retry-After of a 429 before the next attempt', async () => {
    receiver.on('/busy', (_req, res, _body, nth) => {
      if (nth === 1) {
        res.writeHead(429, { 'retry-after': '2' });
        res.end('slow down');
      } else res.end('ok');
    });
    const { endpoint } = await deliverOne('/busy');
    const delivery = await harness.waitForDelivery(endpoint.id, 'succeeded');
    const [first, second] = receiver.forPath('/busy');
    // The schedule says 50 ms; Retry-After says 2 s, and wins (a few ms of slack for timer and clock
    // granularity between processes).
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_950);
    const attempts = await harness.attempts(delivery.id);
    expect(attempts.map((a) => a.status_code)).toEqual([429, 200]);
    expect(new Date(attempts[1].started_at).getTime() - new Date(attempts[0].started_at).getTime()).toBeGreaterThanOrEqual(1_950);
  });

  it('waits at least the Retry-After of a 503 given as an HTTP date', async () => {
    receiver.on('/maintenance', (_req, res, _body, nth) => {
      if (nth === 1) {
        res.writeHead(503, { 'retry-after': new Date(Date.now() + 2_000).toUTCString() });
        res.end();
      } else res.end('ok');
    });
    const { endpoint } = await deliverOne('/maintenance');
    await harness.waitForDelivery(endpoint.id, 'succeeded');
    const [first, second] = receiver.forPath('/maintenance');
    // An HTTP date has whole seconds: at least 1 s of the 2 s remain whatever the rounding.
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_000);
  });

  it('disables the endpoint on 410 Gone, fails the delivery at once and tells the organisation', async () => {
    receiver.on('/gone', (_req, res) => {
      res.statusCode = 410;
      res.end('this hook was removed');
    });
    const { endpoint, agency } = await deliverOne('/gone');
    const delivery = await harness.waitForDelivery(endpoint.id, 'failed');
    expect(await harness.attempts(delivery.id)).toHaveLength(1);
    const [row] = await harness.db.query(`SELECT state, disabled_reason FROM notifications.webhook_endpoints WHERE id = $1`, [endpoint.id]);
    expect(row).toEqual({ state: 'disabled', disabled_reason: 'gone' });
    const outbox = await harness.db.query(
      `SELECT type, key, payload FROM notifications.outbox WHERE type = 'webhook.endpoint_disabled' AND payload->>'endpointId' = $1`,
      [endpoint.id],
    );
    expect(outbox).toEqual([
      {
        type: 'webhook.endpoint_disabled',
        key: agency.organisationId,
        payload: { endpointId: endpoint.id, organisationId: agency.organisationId, url: receiver.url('/gone'), reason: 'gone', lastSuccessAt: null },
      },
    ]);
    const shown = await harness.call<{ state: string; disabledReason: string }>('GET', `/v1/webhook-endpoints/${endpoint.id}`, agency.key);
    expect(shown.body).toMatchObject({ state: 'disabled', disabledReason: 'gone' });
    // Later events are not delivered to a disabled endpoint.
    const later = applicationSubmitted(programme(agency.organisationId));
    await harness.publish(later);
    await waitFor(async () => (await harness.db.query(`SELECT 1 FROM notifications.events WHERE id = $1`, [later.id])).length === 1, {
      what: 'the later event consumed',
    });
    expect(await harness.deliveries(endpoint.id)).toHaveLength(1);
    expect(receiver.forPath('/gone')).toHaveLength(1);
  });

  it('keeps only the first 4096 characters of a large answer, reading no more of it', async () => {
    receiver.on('/big', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      // 8 MB, written in chunks: the worker stops reading after the first 4 KB.
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const write = () => {
        while (sent < 128) {
          sent++;
          if (!res.write(chunk)) return res.once('drain', write);
        }
        res.end();
      };
      write();
    });
    const { endpoint } = await deliverOne('/big');
    const delivery = await harness.waitForDelivery(endpoint.id, 'succeeded');
    const [attempt] = await harness.attempts(delivery.id);
    expect(attempt.status_code).toBe(200);
    expect(attempt.response_excerpt).toHaveLength(4096);
  });
});
