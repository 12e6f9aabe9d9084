import { fixedWindowCounter } from '@exchange/platform';
import type Redis from 'ioredis';
import { consoleError, ConsoleErrorCode } from '../console.errors';

/**
 * Sign-in attempts per client address, in a fixed window counted in Redis (so every console
 * instance shares it). Every attempt counts, good key or bad: the limit exists to stop guessing, and
 * telling the two apart would need the lookup it saves. Over the limit: 429 with Retry-After.
 */
export class SignInLimit {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  async count(clientAddress: string): Promise<void> {
    const counter = fixedWindowCounter(`console:sign-in:ip:${clientAddress}`, this.limit, this.windowSeconds);
    const results = await this.redis.multi().incr(counter.redisKey).expire(counter.redisKey, counter.windowSeconds + 1).exec();
    const failed = results?.find(([err]) => err)?.[0];
    if (!results || failed) throw failed ?? new Error('the sign-in counter transaction was aborted');
    if (Number(results[0][1]) > counter.limit) throw consoleError(ConsoleErrorCode.SignInRateLimited, { retryAfterSeconds: counter.resetSeconds });
  }
}
