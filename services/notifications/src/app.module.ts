import { checkKafka, MessagingModule } from '@exchange/messaging';
import { DatabaseModule, ReadinessCheckModule, RedisModule } from '@exchange/platform';
import { Module } from '@nestjs/common';
import { AllTopicsConsumer } from './consumers/all-topics.consumer';
import { DeliveriesModule } from './delivery-log/deliveries.module';
import { DeliveryModule } from './webhook-sending/delivery.module';
import { EndpointsModule } from './endpoints/endpoints.module';
import { EventCatalogueModule } from './event-catalogue/event-catalogue.module';
import { MailModule } from './mail/mail.module';
import { SigningModule } from './signing/signing.module';

/** Root module of the notifications service: webhook endpoints, fan-out, signed delivery with retries, the delivery log, and mail to people. */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    RedisModule.forRoot(),
    // The outbox relay of this service's schema (webhook.endpoint_disabled) and the consumer of every event topic.
    MessagingModule.forService({ schema: 'notifications', consumer: AllTopicsConsumer }),
    ReadinessCheckModule.register('kafka', ({ config, serviceName }) => () =>
      checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }, config.HEALTH_CHECK_TIMEOUT_MS),
    ),
    SigningModule,
    DeliveryModule,
    MailModule,
    EndpointsModule,
    DeliveriesModule,
    EventCatalogueModule,
  ],
})
export class AppModule {}
