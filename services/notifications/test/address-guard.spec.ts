import { Receiver } from './support/receiver';
import { applicationSubmitted, NotificationsHarness, programme } from './support/harness';

/**
 * A deployment that does not allow private networks (production): URLs are refused at registration,
 * and the address actually connected to is checked at every delivery, so a name that resolved to a
 * public address when registered and now resolves inside (DNS rebinding) is not reached either.
 */
describe('address checks when private networks are not allowed', () => {
  const harness = new NotificationsHarness({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_ALLOW_HTTP: 'true' });
  const receiver = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
    await receiver.stop();
  });

  it.each(['localhost', '127.0.0.1', '[::1]', '127.1', '0x7f.0.0.1', '[::ffff:127.0.0.1]'])('refuses to register a URL on %s', async (host) => {
    const agency = await harness.agency();
    const res = await harness.call<{ code: string; detail: string }>('POST', '/v1/webhook-endpoints', agency.key, {
      url: receiver.url('/never', host),
      eventTypes: ['*'],
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_ENDPOINT.UNSAFE_URL');
    expect(res.body.detail).toMatch(/loopback address, which webhooks may not reach/);
  });

  it('refuses link-local and private addresses too', async () => {
    const agency = await harness.agency();
    for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.0.0.1/hook', 'http://192.168.1.1/hook', 'http://[fe80::1]/hook']) {
      const res = await harness.call<{ code: string }>('POST', '/v1/webhook-endpoints', agency.key, { url, eventTypes: ['*'] });
      expect({ url, status: res.status, code: res.body.code }).toEqual({ url, status: 422, code: 'WEBHOOK_ENDPOINT.UNSAFE_URL' });
    }
  });

  it('checks the address connected to at delivery: a name now resolving to loopback is not reached', async () => {
    const agency = await harness.agency();
    // As if registered while `localhost` resolved to a public address (the row is written directly).
    const rows: Array<{ id: string }> = await harness.db.query(
      `INSERT INTO notifications.webhook_endpoints (organisation_id, url, event_types, secret)
       VALUES ($1, $2, '{*}', $3), ($1, $4, '{*}', $3) RETURNING id`,
      [agency.organisationId, receiver.url('/rebound', 'localhost'), `whsec_${Buffer.alloc(32, 7).toString('base64')}`, receiver.url('/literal')],
    );
    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    for (const { id } of rows) {
      const delivery = await harness.waitForDelivery(id, 'failed');
      const attempts = await harness.attempts(delivery.id);
      expect(attempts).toHaveLength(3);
      for (const a of attempts) {
        expect(a.status_code).toBeNull();
        expect(a.error).toMatch(/^refused: (localhost|127\.0\.0\.1) resolves to (127\.0\.0\.1|::1), a loopback address/);
      }
    }
    expect(receiver.received).toHaveLength(0);
  });
});
