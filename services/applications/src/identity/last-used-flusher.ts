import { authRedisKeys, getLogger, InjectRedis } from '@exchange/platform';
import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
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
export class LastUsedFlusher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = getLogger({ component: 'api-keys' });
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: IdentityRepository,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch((err: Error) => this.logger.warn({ err: err.message }, 'last-used flush failed')), FLUSH_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
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
