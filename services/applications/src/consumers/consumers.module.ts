import { Global, Module } from '@nestjs/common';
import { StartupRelationsRepository } from '../relations/startup-relations.repository';
import { CohortsConsumer } from './cohorts.consumer';
import { PilotsConsumer } from './pilots.consumer';

/** Global: the consumer class lives in MessagingModule and needs the per-topic consumers from there. */
@Global()
@Module({ providers: [StartupRelationsRepository, CohortsConsumer, PilotsConsumer], exports: [CohortsConsumer, PilotsConsumer] })
export class ConsumersModule {}
