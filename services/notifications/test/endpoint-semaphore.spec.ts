import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { EndpointSemaphore } from '../src/webhook-sending/endpoint-semaphore';

/** The per-endpoint slots on the real Redis: a busy endpoint's next job waits for a slot, boundedly. */
describe('endpoint slots: waiting for a busy endpoint', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  const prefix = `test-slots-${randomUUID().slice(0, 8)}`;
  // One slot per endpoint; leases far longer than the test.
  const semaphore = new EndpointSemaphore(redis, prefix, 1, 60_000);

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await semaphore.close();
  });

  it('gives the freed slot to the waiting job as soon as the holder releases it, not before', async () => {
    const endpoint = randomUUID();
    expect(await semaphore.acquire(endpoint, 'first')).toBe(true);
    let settled: boolean | null = null;
    const waiting = semaphore.acquireWaiting(endpoint, 'second', 30_000).then((got) => (settled = got));
    // Several looks at the busy endpoint (every 100 ms) without getting the slot.
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(settled).toBeNull();
    expect(await semaphore.inFlight(endpoint)).toBe(1);
    await semaphore.release(endpoint, 'first');
    expect(await waiting).toBe(true);
    expect(await semaphore.inFlight(endpoint)).toBe(1);
    await semaphore.release(endpoint, 'second');
  });

  it('lets no more jobs wait per endpoint than it has slots, and gives up after the wait', async () => {
    const endpoint = randomUUID();
    expect(await semaphore.acquire(endpoint, 'holder')).toBe(true);
    const patient = semaphore.acquireWaiting(endpoint, 'patient', 400);
    // The one waiting place is taken: the next job is told at once to go back to the queue.
    expect(await semaphore.acquireWaiting(endpoint, 'crowded', 30_000)).toBe(false);
    // Nobody released: the patient job gives up when its wait is over.
    expect(await patient).toBe(false);
    expect(await semaphore.inFlight(endpoint)).toBe(1);
    // A release in another instance (no wake-up here) is still seen at the next look.
    const late = semaphore.acquireWaiting(endpoint, 'late', 30_000);
    await redis.zrem(`${prefix}:endpoint-slots:${endpoint}`, 'holder');
    expect(await late).toBe(true);
    await semaphore.release(endpoint, 'late');
  });
});
