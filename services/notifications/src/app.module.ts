import { checkKafka, MessagingModule } from '@exchange/messaging';
import { DatabaseModule, ReadinessCheckModule, RedisModule } from '@exchange/platform';
import { Module } from '@nestjs/common';

/** Root module of the notifications service: Webhook endpoints, fan-out, signed delivery with retries and the delivery log. */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    RedisModule.forRoot(),
    // The outbox relay of this service's schema (and, once it consumes events, its consumer).
    MessagingModule.forService({ schema: 'notifications' }),
    ReadinessCheckModule.register('kafka', ({ config, serviceName }) => () =>
      checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }, config.HEALTH_CHECK_TIMEOUT_MS),
    ),
  ],
})
export class AppModule {}
