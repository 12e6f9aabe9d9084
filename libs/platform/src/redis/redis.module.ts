import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { BaseConfig } from '../config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from '../config/config.tokens';
import { ReadinessChecks } from '../health/readiness-checks';
import { getLogger } from '../logging/logger';

/** Injection token of the shared ioredis client: `@InjectRedis() redis: Redis`. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
export const InjectRedis = (): ParameterDecorator => Inject(REDIS_CLIENT);

@Injectable()
class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Provides one ioredis client for request-path work (rate limits, idempotency keys, key cache) and
 * registers the `redis` readiness check (`PING`). BullMQ workers need their own connections with
 * `maxRetriesPerRequest: null`; create those from REDIS_URL where the queues live.
 */
@Global()
@Module({})
export class RedisModule {
  static forRoot(): DynamicModule {
    return {
      module: RedisModule,
      providers: [
        {
          provide: REDIS_CLIENT,
          inject: [SERVICE_CONFIG, SERVICE_NAME, ReadinessChecks],
          useFactory: (config: BaseConfig, serviceName: string, checks: ReadinessChecks) => {
            const logger = getLogger({ component: 'redis' });
            // Not blocking boot on Redis: ioredis reconnects by itself and readiness reports the outage.
            const redis = new Redis(config.REDIS_URL, { connectionName: serviceName, maxRetriesPerRequest: 2 });
            let lastError = '';
            redis.on('error', (err: Error) => {
              if (err.message !== lastError) logger.warn({ err: err.message }, 'Redis connection error');
              lastError = err.message;
            });
            redis.on('ready', () => (lastError = ''));
            checks.register('redis', () => redis.ping());
            return redis;
          },
        },
        RedisCloser,
      ],
      exports: [REDIS_CLIENT],
    };
  }
}
