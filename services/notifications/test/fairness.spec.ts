import { waitFor } from '@exchange/messaging/testing';
import { applicationSubmitted, programme, harnessWithReceiver } from './support/harness';

/** One dead partner must not hold up the others: per-endpoint slots, the rest of the workers free. */
describe('fairness between endpoints', () => {
  const { harness, receiver } = harnessWithReceiver({
    WEBHOOK_TIMEOUT_MS: '15000',
    WEBHOOK_ENDPOINT_CONCURRENCY: '3',
    WEBHOOK_WORKER_CONCURRENCY: '20',
    WEBHOOK_SATURATED_RETRY_MS: '50',
  });

  it('delivers every event to a healthy endpoint while another endpoint never answers', async () => {
    receiver.on('/dead', () => undefined); // accepts the request and never answers
    const dead = await harness.agency();
    const alive = await harness.agency();
    const deadEndpoint = await harness.endpoint(dead.key, receiver.url('/dead'), ['*']);
    await harness.endpoint(alive.key, receiver.url('/alive'), ['*']);
    // Both agencies partner in the same programme, so every event goes to both endpoints.
    const p = programme(dead.organisationId, [alive.organisationId]);
    const events = Array.from({ length: 60 }, () => applicationSubmitted(p));
    await harness.publish(...events);

    await waitFor(() => receiver.forPath('/alive').length >= 60, { timeoutMs: 12_000, what: '60 deliveries to the healthy endpoint' });
    // All of them arrived before the first request to the dead endpoint even timed out (15 s)...
    const deadAttempts = await harness.db.query(
      `SELECT count(*)::int AS n FROM notifications.delivery_attempts a JOIN notifications.deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = $1`,
      [deadEndpoint.id],
    );
    expect(deadAttempts[0].n).toBe(0);
    // ...and the dead endpoint held at most its 3 slots, never the 20 workers.
    expect(receiver.maxInFlight.get('/dead')).toBe(3);
    expect(new Set(receiver.forPath('/alive').map((r) => r.headers['webhook-id']))).toEqual(new Set(events.map((e) => e.id)));
  });
});
