import type Redis from 'ioredis';

/**
 * Takes up to `want` sends from the budget of the current window, on the counter the queue's worker
 * limiter uses (BullMQ: INCR, PEXPIRE on the first of a window, none taken while count ≥ max). First
 * attempts made outside the queue and the queue's jobs then share one WEBHOOK_RATE_LIMIT_PER_SECOND
 * across every instance. Returns how many were granted.
 */
const TAKE = `
local key, max, duration, want = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local granted = math.min(want, max - tonumber(redis.call('GET', key) or 0))
if granted <= 0 then return 0 end
redis.call('INCRBY', key, granted)
if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, duration) end
return granted`;

/** The window of WEBHOOK_RATE_LIMIT_PER_SECOND, for the queue's worker limiter and first attempts alike. */
export const RATE_WINDOW_MS = 1_000;

type TakeCommand = (key: string, max: number, durationMs: number, want: number) => Promise<number>;

export class SendRate {
  constructor(
    private readonly redis: Redis,
    private readonly limiterKey: string,
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
  ) {
    if (!('webhookSendRateTake' in redis)) redis.defineCommand('webhookSendRateTake', { numberOfKeys: 1, lua: TAKE });
  }

  async take(want: number): Promise<number> {
    if (want <= 0) return 0;
    const take = (this.redis as Redis & { webhookSendRateTake: TakeCommand }).webhookSendRateTake;
    return take.call(this.redis, this.limiterKey, this.maxPerWindow, this.windowMs, want);
  }
}
