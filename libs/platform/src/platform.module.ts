import { type DynamicModule, Global, Injectable, Module, type OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { PUBLIC_METADATA } from './auth/auth.decorators';
import { ApiKeyAuthGuard } from './auth/auth.guard';
import { MeController } from './auth/me.controller';
import { AuditLog } from './audit/audit-log';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { getLogger } from './logging/logger';
import type { BaseConfig } from './config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from './config/config.tokens';
import { HealthController } from './health/health.controller';
import { ReadinessChecks } from './health/readiness-checks';
import { MetricsController } from './metrics/metrics.controller';
import { RequestBodyRulesInterceptor } from './validation/request-body-rules';

@Injectable()
class ShutdownLog implements OnApplicationShutdown {
  onApplicationShutdown(signal?: string): void {
    getLogger({ context: 'Shutdown' }).info({ signal }, 'stopped: connections closed');
  }
}

// Probes and scrapes stay open: the global guard lets them through like any @Public() route.
SetMetadata(PUBLIC_METADATA, true)(HealthController);
SetMetadata(PUBLIC_METADATA, true)(MetricsController);

/**
 * What every service gets: its config and name as injectables, the readiness registry, and the
 * health and metrics endpoints, the API-key guard and rate limit on every route, the audit log
 * writer, the idempotency interceptor, and the request-body rules (a body where the route takes one,
 * none where it does not). Imported once, by bootstrapService.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: { name: string; config: BaseConfig }): DynamicModule {
    return {
      module: PlatformModule,
      controllers: [HealthController, MetricsController, MeController],
      providers: [
        ShutdownLog,
        // Order matters: the rate limit counts per API key, which the auth guard resolves first.
        { provide: APP_GUARD, useClass: ApiKeyAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        // After the guards, before route interceptors and pipes: a body a route does not take is refused.
        { provide: APP_INTERCEPTOR, useClass: RequestBodyRulesInterceptor },
        AuditLog,
        IdempotencyInterceptor,
        { provide: SERVICE_CONFIG, useValue: options.config },
        { provide: SERVICE_NAME, useValue: options.name },
        {
          provide: ReadinessChecks,
          useFactory: () => {
            const checks = new ReadinessChecks();
            checks.setTimeout(options.config.HEALTH_CHECK_TIMEOUT_MS);
            return checks;
          },
        },
      ],
      exports: [SERVICE_CONFIG, SERVICE_NAME, ReadinessChecks, AuditLog, IdempotencyInterceptor],
    };
  }
}
