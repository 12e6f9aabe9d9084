import { Global, Module } from '@nestjs/common';
import { ApplicationsConsumer } from './applications.consumer';
import { PilotsConsumer } from './pilots.consumer';

/** Global: the consumer group lives in MessagingModule and needs the per-topic consumers from there. */
@Global()
@Module({ providers: [ApplicationsConsumer, PilotsConsumer], exports: [ApplicationsConsumer, PilotsConsumer] })
export class ConsumersModule {}
