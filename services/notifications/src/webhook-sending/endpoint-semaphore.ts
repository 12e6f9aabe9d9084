import type Redis from 'ioredis';

/**
 * A per-endpoint concurrency limit shared by every worker instance: a Redis sorted set per endpoint
 * whose members are the deliveries in flight, scored by the time their lease ends. A crashed worker
 * never leaks a slot: expired leases are dropped on the next acquire.
 */
const ACQUIRE = `
local key, member = KEYS[1], ARGV[1]
local now, leaseEnd, limit = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
if redis.call('ZSCORE', key, member) or redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, leaseEnd, member)
  redis.call('PEXPIREAT', key, math.ceil(leaseEnd))
  return 1
end
return 0`;

type AcquireCommand = (key: string, holder: string, now: number, leaseEnd: number, limit: number) => Promise<number>;

export class EndpointSemaphore {
  /** In this process: per endpoint, the jobs waiting for one of its slots (each a wake-up). */
  private readonly waiting = new Map<string, Set<() => void>>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly limit: number,
    private readonly leaseMs: number,
  ) {
    if (!('webhookSlotAcquire' in redis)) redis.defineCommand('webhookSlotAcquire', { numberOfKeys: 1, lua: ACQUIRE });
  }

  private key(endpointId: string): string {
    return `${this.keyPrefix}:endpoint-slots:${endpointId}`;
  }

  async acquire(endpointId: string, holder: string): Promise<boolean> {
    const now = Date.now();
    // EVALSHA with a fallback to EVAL: the script is not sent on every call.
    const result = await (this.redis as Redis & { webhookSlotAcquire: AcquireCommand }).webhookSlotAcquire(
      this.key(endpointId),
      holder,
      now,
      now + this.leaseMs,
      this.limit,
    );
    return result === 1;
  }

  /**
   * A slot, waiting up to `maxWaitMs` for one instead of giving up at once: a busy (not dead) endpoint's
   * next delivery then starts as soon as a slot frees, without a trip through the queue's delayed set.
   * At most `limit` jobs of this process wait per endpoint (more would take the worker's concurrency
   * from other endpoints); the rest answer false at once. A release in this process wakes one waiter
   * at once; another instance's release is seen at the next look, every `pollMs`.
   */
  async acquireWaiting(endpointId: string, holder: string, maxWaitMs: number, pollMs = 100): Promise<boolean> {
    if (await this.acquire(endpointId, holder)) return true;
    const waiters = this.waiting.get(endpointId) ?? new Set<() => void>();
    if (maxWaitMs <= 0 || waiters.size >= this.limit) return false;
    this.waiting.set(endpointId, waiters);
    const deadline = Date.now() + maxWaitMs;
    try {
      for (let left = maxWaitMs; left > 0; left = deadline - Date.now()) {
        await new Promise<void>((resume) => {
          const wake = () => {
            clearTimeout(timer);
            waiters.delete(wake);
            resume();
          };
          const timer = setTimeout(wake, Math.min(pollMs, left));
          waiters.add(wake);
        });
        if (await this.acquire(endpointId, holder)) return true;
      }
      return false;
    } finally {
      if (waiters.size === 0 && this.waiting.get(endpointId) === waiters) this.waiting.delete(endpointId);
    }
  }

  async release(endpointId: string, holder: string): Promise<void> {
    await this.redis.zrem(this.key(endpointId), holder);
    // The slot just freed goes to the job of this process that has waited longest.
    const first = this.waiting.get(endpointId)?.values().next().value;
    first?.();
  }

  async inFlight(endpointId: string): Promise<number> {
    await this.redis.zremrangebyscore(this.key(endpointId), '-inf', Date.now());
    return this.redis.zcard(this.key(endpointId));
  }
  /** Closes the connection it was given, which is its own (see sending.providers.ts). */
  async close(): Promise<void> {
    // A lazy connection never used has nothing to say goodbye to: quit() would first open it.
    if (this.redis.status === 'wait') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
