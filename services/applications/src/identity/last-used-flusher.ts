import { authRedisKeys, getLogger, InjectRedis, PeriodicJob } from '@exchange/platform';
import { type BeforeApplicationShutdown, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { IdentityRepository } from './identity.repository';

const FLUSH_EVERY_MS = 30_000;

/**
 * Every service notes a key's last use in a Redis hash (at most once a minute per key); this
 * service, owner of the identity schema, folds the hash into api_keys.last_used_at. RENAME makes
 * the hand-over atomic, so with several instances each entry is written once.
 */
@Injectable()
export class LastUsedFlusher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job = new PeriodicJob({
    name: 'last-used flush',
    intervalMs: FLUSH_EVERY_MS,
    run: () => this.flush(),
    logger: getLogger({ component: 'api-keys' }),
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: IdentityRepository,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** Before Redis and the database close: a batch already renamed away would otherwise be lost. */
  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  async flush(): Promise<number> {
    const batch = `${authRedisKeys.lastUsed}:flushing:${randomUUID()}`;
    try {
      await this.redis.rename(authRedisKeys.lastUsed, batch);
    } catch {
      return 0; // nothing used since the last flush
    }
    const entries = Object.entries(await this.redis.hgetall(batch)).map(([id, at]) => ({ id, at }));
    await this.repository.recordLastUsed(this.dataSource.manager, entries);
    await this.redis.del(batch);
    return entries.length;
  }
}
