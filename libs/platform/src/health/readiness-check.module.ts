import { type DynamicModule, Module } from '@nestjs/common';
import type { BaseConfig } from '../config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from '../config/config.tokens';
import { type ReadinessCheck, ReadinessChecks } from './readiness-checks';

/**
 * Registers a readiness check from a service module, so platform need not depend on every client
 * library. Kafka is the case in point: platform cannot import @exchange/messaging (messaging depends
 * on platform for request ids and metrics), so each service registers it:
 *
 *   ReadinessCheckModule.register('kafka', ({ config, serviceName }) =>
 *     () => checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }))
 */
@Module({})
export class ReadinessCheckModule {
  static register(name: string, build: (deps: { config: BaseConfig; serviceName: string }) => ReadinessCheck): DynamicModule {
    return {
      module: ReadinessCheckModule,
      providers: [
        {
          provide: `readiness-check:${name}`,
          inject: [ReadinessChecks, SERVICE_CONFIG, SERVICE_NAME],
          useFactory: (checks: ReadinessChecks, config: BaseConfig, serviceName: string) => {
            checks.register(name, build({ config, serviceName }));
            return name;
          },
        },
      ],
    };
  }
}
