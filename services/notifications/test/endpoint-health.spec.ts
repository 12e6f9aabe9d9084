import { waitFor } from '@exchange/messaging/testing';
import { applicationSubmitted, programme, harnessWithReceiver } from './support/harness';

/** An endpoint with no success for the configured time (5 days in production; 1 s here) is disabled. */
describe('disabling an endpoint without success', () => {
  const { harness, receiver } = harnessWithReceiver({ WEBHOOK_DISABLE_AFTER_MS: '1000', WEBHOOK_RETRY_SCHEDULE_MS: '0,400,400,400,400,400' });

  it('disables it after the failure run lasts long enough, tells the organisation, and cancels what was pending', async () => {
    receiver.on('/broken', (_req, res) => {
      res.statusCode = 500;
      res.end('broken');
    });
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/broken'), ['application.*']);
    await harness.publish(applicationSubmitted(programme(agency.organisationId)));

    const row = await waitFor(
      async () => {
        const [r] = await harness.db.query(
          `SELECT state, disabled_reason, failing_since, disabled_at FROM notifications.webhook_endpoints WHERE id = $1`,
          [endpoint.id],
        );
        return r.state === 'disabled' ? r : undefined;
      },
      { what: 'the endpoint disabled' },
    );
    expect(row.disabled_reason).toBe('no_success');
    const outbox = await harness.db.query(
      `SELECT payload FROM notifications.outbox WHERE type = 'webhook.endpoint_disabled' AND payload->>'endpointId' = $1`,
      [endpoint.id],
    );
    expect(outbox).toHaveLength(1);
    expect(outbox[0].payload).toMatchObject({ organisationId: agency.organisationId, reason: 'no_success' });
    // The failure run lasted the configured second before the endpoint was disabled. The rule is
    // judged when an attempt's failure is recorded, so the attempt that disables may have started
    // before the second was up (under load its record waits): compare the run's start with the
    // disabling transaction (its start, a few statements before the judgement), not arrivals here.
    expect(new Date(row.disabled_at).getTime() - new Date(row.failing_since).getTime()).toBeGreaterThanOrEqual(1_000 - 100);
    // Retried on the schedule meanwhile (0, 400, 800 ms): no disabling at the first failures.
    expect(receiver.forPath('/broken').length).toBeGreaterThanOrEqual(3);
    // The delivery in progress ends (cancelled at its next turn, or failed when it was its last attempt).
    await waitFor(async () => (await harness.deliveries(endpoint.id)).every((d) => d.state !== 'pending'), { what: 'no pending delivery' });
  });
});
