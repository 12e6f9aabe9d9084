import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BaseConfig } from '../config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from '../config/config.tokens';
import { ReadinessChecks } from '../health/readiness-checks';
import { getLogger } from '../logging/logger';
import { createServiceDataSource } from './create-data-source';

/** Retries the first connection so services can start before Postgres in any order (e.g. compose up). */
async function initializeWithRetry(dataSource: DataSource, timeoutMs: number): Promise<DataSource> {
  const logger = getLogger({ component: 'database' });
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.initialize();
    } catch (err) {
      if (Date.now() >= deadline) {
        throw new Error(`Cannot connect to PostgreSQL (DATABASE_URL) after ${attempt} attempt(s): ${(err as Error).message}`);
      }
      logger.warn({ attempt, err: (err as Error).message }, 'PostgreSQL not available yet, retrying');
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * attempt, 2_000)));
    }
  }
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  // After the HTTP server has closed (Nest calls this hook after dispose), so in-flight requests keep the pool.
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Provides the TypeORM `DataSource` (inject it by class) connected to DATABASE_URL, and registers
 * the `postgres` readiness check (`select 1`).
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [SERVICE_CONFIG, SERVICE_NAME, ReadinessChecks],
          useFactory: async (config: BaseConfig, serviceName: string, checks: ReadinessChecks) => {
            const dataSource = createServiceDataSource({
              url: config.DATABASE_URL,
              applicationName: serviceName,
              poolSize: config.DATABASE_POOL_SIZE,
              connectionLifetimeSeconds: config.DATABASE_CONNECTION_LIFETIME_SECONDS,
            });
            await initializeWithRetry(dataSource, config.DATABASE_CONNECT_TIMEOUT_MS);
            checks.register('postgres', () => dataSource.query('select 1'));
            return dataSource;
          },
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
