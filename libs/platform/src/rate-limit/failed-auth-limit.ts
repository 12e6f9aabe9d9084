import type Redis from 'ioredis';
import type { BaseConfig } from '../config/base-config';
import { clientAddressKey } from './client-address';
import { fixedWindowCounter, type RateLimitCounter } from './rate-limit.guard';

/**
 * Failed authentications per client address, in one fixed-window counter shared by every service and
 * instance (they share one key space and one key cache, so a guess at any of them is a guess at all).
 * Once an address has used up its failures it is refused until the window ends, whatever key it
 * sends: telling a good key from a bad one would need the lookup the limit exists to save.
 */
export function failedAuthCounter(
  clientAddress: string,
  config: Pick<BaseConfig, 'AUTH_FAILURES_PER_IP' | 'AUTH_FAILURES_WINDOW_SECONDS'>,
  nowMs = Date.now(),
): RateLimitCounter {
  return fixedWindowCounter(`rl:auth-failures:ip:${clientAddressKey(clientAddress)}`, config.AUTH_FAILURES_PER_IP, config.AUTH_FAILURES_WINDOW_SECONDS, nowMs);
}

/** True when the address has no failures left in this window (checked before any key lookup). */
export function lockedOut(counter: RateLimitCounter, failures: number): boolean {
  return failures >= counter.limit;
}

/** Counts one failed authentication; resolves with the failures of the window so far. */
export async function recordFailedAuth(redis: Redis, counter: RateLimitCounter): Promise<number> {
  const results = await redis.multi().incr(counter.redisKey).expire(counter.redisKey, counter.windowSeconds + 1).exec();
  const failed = results?.find(([err]) => err)?.[0];
  if (!results || failed) throw failed ?? new Error('transaction aborted');
  return Number(results[0][1]);
}
