import type Redis from 'ioredis';

/**
 * Takes up to `want` sends from the budget of the current window, on the counter the queue's worker
 * limiter uses (BullMQ: INCR, PEXPIRE on the first of a window, none taken while count ≥ max). First
 * attempts made outside the queue and the queue's jobs then share one WEBHOOK_RATE_LIMIT_PER_SECOND
 * across every instance. Returns the sends granted and how long the window still lasts.
 */
const TAKE = `
local key, max, duration, want = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local granted = math.min(want, max - tonumber(redis.call('GET', key) or 0))
if granted <= 0 then return {0, redis.call('PTTL', key)} end
redis.call('INCRBY', key, granted)
local ttl = redis.call('PTTL', key)
if ttl < 0 then
  redis.call('PEXPIRE', key, duration)
  ttl = duration
end
return {granted, ttl}`;

/** The window of WEBHOOK_RATE_LIMIT_PER_SECOND, for the queue's worker limiter and first attempts alike. */
export const RATE_WINDOW_MS = 1_000;

type TakeCommand = (key: string, max: number, durationMs: number, want: number) => Promise<[number, number]>;

/**
 * The shared send budget, taken a little ahead: a call to Redis takes at least 1 % of the window's
 * budget and keeps what it did not need for the next commits of the same window (a send held here and
 * not used is lost to the other instances for at most that window). At the default 5,000 a second,
 * one Redis call covers 50 first attempts instead of one commit's.
 */
export class SendRate {
  private readonly reserve: number;
  private held = 0;
  private heldUntil = 0;

  constructor(
    private readonly redis: Redis,
    private readonly limiterKey: string,
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
  ) {
    if (!('webhookSendRateTake' in redis)) redis.defineCommand('webhookSendRateTake', { numberOfKeys: 1, lua: TAKE });
    this.reserve = Math.max(1, Math.floor(maxPerWindow / 100));
  }

  async take(want: number): Promise<number> {
    if (want <= 0) return 0;
    const now = Date.now();
    if (now >= this.heldUntil) this.held = 0;
    if (this.held >= want) {
      this.held -= want;
      return want;
    }
    const fromHeld = this.held;
    this.held = 0;
    const take = (this.redis as Redis & { webhookSendRateTake: TakeCommand }).webhookSendRateTake;
    const [granted, ttl] = await take.call(this.redis, this.limiterKey, this.maxPerWindow, this.windowMs, Math.max(want - fromHeld, this.reserve));
    const available = fromHeld + Number(granted);
    const given = Math.min(want, available);
    this.held += available - given;
    // What is held lapses with the window it was taken from (a little before, for the clocks' sake).
    this.heldUntil = now + Math.max(0, Number(ttl) - 10);
    return given;
  }
}
