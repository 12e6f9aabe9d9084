import { applicationSubmitted, programme, harnessWithReceiver } from './support/harness';

/**
 * A deployment that does not allow private networks (production): URLs are refused at registration,
 * and the address actually connected to is checked at every delivery, so a name that resolved to a
 * public address when registered and now resolves inside (DNS rebinding) is not reached either.
 */
describe('address checks when private networks are not allowed', () => {
  const { harness, receiver } = harnessWithReceiver({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_ALLOW_HTTP: 'true' });

  it.each(['localhost', '127.0.0.1', '[::1]', '127.1', '0x7f.0.0.1', '[::ffff:127.0.0.1]'])('refuses to register a URL on %s', async (host) => {
    const agency = await harness.agency();
    const res = await harness.call<{ code: string; detail: string; errors: Array<{ field: string; message: string }> }>(
      'POST',
      '/v1/webhook-endpoints',
      agency.key,
      { url: receiver.url('/never', host), eventTypes: ['*'] },
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('WEBHOOK_ENDPOINT.UNSAFE_URL');
    expect(res.body.detail).toMatch(/^url is not allowed: the host (name resolves to a private, loopback or link-local|is an? .*loopback) address, which this deployment does not allow$/);
    expect(res.body.errors).toEqual([{ field: 'url', message: expect.stringContaining('does not allow') }]);
  });

  it('never says which address a host name resolved to (no DNS oracle)', async () => {
    const agency = await harness.agency();
    const res = await harness.call<Record<string, unknown>>('POST', '/v1/webhook-endpoints', agency.key, {
      url: receiver.url('/never', 'localhost'),
      eventTypes: ['*'],
    });
    expect(res.status).toBe(422);
    const text = JSON.stringify(res.body);
    expect(res.body.detail).toBe('url is not allowed: the host name resolves to a private, loopback or link-local address, which this deployment does not allow');
    // Neither the address nor its kind: both would map the inside network for whoever asks.
    expect(text).not.toMatch(/127\.0\.0\.1|::1|\bloopback address\b/);
    expect((await harness.db.query(`SELECT count(*)::int AS n FROM notifications.webhook_endpoints WHERE organisation_id = $1`, [agency.organisationId]))[0].n).toBe(0);
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
        // The attempt log is the endpoint owner's to read: it says why, never the address connected to.
        expect(a.error).toMatch(/^refused: the host (name resolves to a private, loopback or link-local|is a loopback) address, which this deployment does not allow$/);
        expect(a.error).not.toMatch(/127\.0\.0\.1|::1/);
      }
    }
    expect(receiver.received).toHaveLength(0);
  });
});
