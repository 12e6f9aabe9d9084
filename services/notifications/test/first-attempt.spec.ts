import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { waitFor } from '@exchange/messaging/testing';
import { DeliveryQueue } from '../src/webhook-sending/delivery-queue';
import { RATE_WINDOW_MS, SendRate } from '../src/webhook-sending/send-rate';
import { applicationSubmitted, harnessWithReceiver, programme } from './support/harness';

const RATE_LIMIT = 5;

/**
 * A delivery's first attempt leaves straight after the consumer's commit, without a queue job; the
 * queue keeps retries and what the rate budget does not allow now. Real Kafka, PostgreSQL, Redis and
 * receiver; the queue's own event stream says which deliveries ever had a job.
 */
describe('first attempt straight after the commit', () => {
  const { harness, receiver } = harnessWithReceiver({ WEBHOOK_RATE_LIMIT_PER_SECOND: String(RATE_LIMIT) });
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

  afterAll(async () => {
    await redis.quit();
  });

  const queue = () => harness.get(DeliveryQueue).queue;

  /** The job ids the queue ever recorded an event for (added, delayed, active, completed…). */
  async function jobsEverSeen(): Promise<Map<string, string[]>> {
    const entries = await redis.xrange(queue().keys.events, '-', '+');
    const seen = new Map<string, string[]>();
    for (const [, fields] of entries) {
      const at = (name: string) => fields[fields.indexOf(name) + 1];
      const jobId = at('jobId');
      if (jobId) seen.set(jobId, [...(seen.get(jobId) ?? []), at('event')]);
    }
    return seen;
  }

  async function deliverOne(path: string) {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url(path), ['application.*']);
    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    return endpoint;
  }

  it('sends the first attempt with no queue job, and queues only the retry of a failed one', async () => {
    receiver.on('/direct', (_req, res) => res.end('ok'));
    receiver.on('/fails-once', (_req, res, _body, nth) => {
      res.statusCode = nth === 1 ? 503 : 200;
      res.end(nth === 1 ? 'busy' : 'ok');
    });
    const direct = await deliverOne('/direct');
    const flaky = await deliverOne('/fails-once');
    const sent = await harness.waitForDelivery(direct.id, 'succeeded');
    const retried = await harness.waitForDelivery(flaky.id, 'succeeded');

    expect((await harness.attempts(sent.id)).map((a) => a.status_code)).toEqual([200]);
    expect((await harness.attempts(retried.id)).map((a) => a.status_code)).toEqual([503, 200]);
    const jobs = await jobsEverSeen();
    expect(jobs.has(sent.id)).toBe(false);
    // The retry went through the queue: a job added, then run and completed by the worker.
    expect(jobs.get(retried.id)).toEqual(expect.arrayContaining(['added', 'completed']));
  });

  it('takes its sends from the budget of the queue’s limiter: with the window spent, the delivery waits in the queue', async () => {
    receiver.on('/limited', (_req, res) => res.end('ok'));
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/limited'), ['application.*']);
    // Another instance (or the queue's worker) has spent the budget of the next 3 s: the key is the
    // one the worker's limiter counts on.
    const limiter = queue().keys.limiter;
    await redis.set(limiter, RATE_LIMIT, 'PX', 3_000);
    const spentUntil = Date.now() + 3_000 - 50;
    await harness.publish(applicationSubmitted(programme(agency.organisationId)));

    const [pending] = await waitFor(async () => {
      const rows = await harness.deliveries(endpoint.id);
      return rows.length === 1 ? rows : undefined;
    }, { what: 'the delivery recorded' });
    await waitFor(async () => (await jobsEverSeen()).has(pending.id), { what: 'the delivery queued' });
    // The fan-out had leased it for a first attempt here: queued instead, it was given back, so the
    // queue's worker finds it due as soon as the budget allows.
    const [{ due }] = await harness.db.query(`SELECT next_attempt_at <= now() AS due FROM notifications.deliveries WHERE id = $1`, [pending.id]);
    expect(due).toBe(true);
    // Nothing is sent while the budget is spent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.forPath('/limited')).toHaveLength(0);
    expect((await harness.deliveries(endpoint.id))[0]).toMatchObject({ state: 'pending', attempt_count: 0 });

    const succeeded = await harness.waitForDelivery(endpoint.id, 'succeeded');
    expect(receiver.forPath('/limited')).toHaveLength(1);
    const [attempt] = await harness.attempts(succeeded.id);
    expect(attempt.started_at.getTime()).toBeGreaterThan(spentUntil);
  });

  it('grants at most what is left of the window, on the limiter’s counter, which expires with the window', async () => {
    const key = `test-send-rate:${randomUUID()}`;
    const rate = new SendRate(redis, key, RATE_LIMIT, RATE_WINDOW_MS);
    try {
      expect(await rate.take(3)).toBe(3);
      expect(await rate.take(3)).toBe(2);
      expect(await rate.take(1)).toBe(0);
      expect(await rate.take(0)).toBe(0);
      expect(Number(await redis.get(key))).toBe(RATE_LIMIT);
      const ttl = await redis.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(RATE_WINDOW_MS);
      // A window the limiter opened (INCR, then PEXPIRE) is shared: what it counted is not granted again.
      await redis.del(key);
      await redis.incr(key);
      await redis.pexpire(key, RATE_WINDOW_MS);
      expect(await rate.take(RATE_LIMIT)).toBe(RATE_LIMIT - 1);
      await waitFor(async () => (await redis.exists(key)) === 0, { what: 'the window to end', timeoutMs: 3_000 });
      expect(await rate.take(2)).toBe(2);
    } finally {
      await redis.del(key);
    }
  });

  it('takes 1 % of a large budget ahead and spends it before asking Redis again, within the window', async () => {
    const key = `test-send-rate:${randomUUID()}`;
    const rate = new SendRate(redis, key, 500, 60_000);
    const counted = async () => Number(await redis.get(key));
    try {
      expect(await rate.take(1)).toBe(1);
      expect(await counted()).toBe(5);
      // Three more from what is held: the counter does not move.
      expect(await rate.take(3)).toBe(3);
      expect(await counted()).toBe(5);
      // One left here, two wanted: the next call takes another 5 and keeps 4.
      expect(await rate.take(2)).toBe(2);
      expect(await counted()).toBe(10);
      expect(await rate.take(4)).toBe(4);
      expect(await counted()).toBe(10);
      // A commit larger than the reserve takes what it needs.
      expect(await rate.take(20)).toBe(20);
      expect(await counted()).toBe(30);
    } finally {
      await redis.del(key);
    }
  });

  it('writes the delivery leased for its first attempt and records its success, with no claim between and without waiting for the log flush', async () => {
    receiver.on('/durability', (_req, res) => res.end('ok'));
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/durability'), ['application.*']);
    // A deferred trigger runs inside COMMIT, just before the commit record, and keeps the
    // synchronous_commit that record is written under; only for this test's endpoint.
    const name = `durability_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await harness.db.query(`
      CREATE TABLE public.${name} (seq bigserial PRIMARY KEY, state text NOT NULL, attempts int NOT NULL, setting text NOT NULL);
      CREATE FUNCTION public.${name}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO public.${name} (state, attempts, setting) VALUES (NEW.state, NEW.attempt_count, current_setting('synchronous_commit'));
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT OR UPDATE ON notifications.deliveries DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (NEW.endpoint_id = '${endpoint.id}') EXECUTE FUNCTION public.${name}();`);
    try {
      await harness.publish(applicationSubmitted(programme(agency.organisationId)));
      await harness.waitForDelivery(endpoint.id, 'succeeded');
      const commits: Array<{ state: string; attempts: number; setting: string }> = await harness.db.query(
        `SELECT state, attempts, setting FROM public.${name} ORDER BY seq`,
      );
      // The fan-out (the consumer's transaction, which leased it) and the recorded success: no claim.
      expect(commits).toEqual([
        { state: 'pending', attempts: 0, setting: 'off' },
        { state: 'succeeded', attempts: 1, setting: 'off' },
      ]);
    } finally {
      await harness.db.query(`DROP TRIGGER ${name} ON notifications.deliveries; DROP FUNCTION public.${name}(); DROP TABLE public.${name}`);
    }
  });
});
