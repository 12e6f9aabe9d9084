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

  async release(endpointId: string, holder: string): Promise<void> {
    await this.redis.zrem(this.key(endpointId), holder);
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
