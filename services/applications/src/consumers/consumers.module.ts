import { Global, Module } from '@nestjs/common';
import { ExchangeFactsRecorder } from '../agreements/exchange-facts.recorder';
import { ExchangeFactsRepository } from '../agreements/exchange-facts.repository';
import { AlumniRecorder } from '../alumni/alumni-recorder';
import { AlumniRepository } from '../alumni/alumni.repository';
import { StartupRelationsRepository } from '../relations/startup-relations.repository';
import { ApplicationsConsumer } from './applications.consumer';
import { CohortsConsumer } from './cohorts.consumer';
import { PilotsConsumer } from './pilots.consumer';

/**
 * Global: the consumer class lives in MessagingModule and needs the per-topic consumers from there.
 * The applications topic is read back for the reciprocity report's facts (agreements/).
 */
@Global()
@Module({
  providers: [StartupRelationsRepository, AlumniRepository, AlumniRecorder, ExchangeFactsRepository, ExchangeFactsRecorder, ApplicationsConsumer, CohortsConsumer, PilotsConsumer],
  exports: [ApplicationsConsumer, CohortsConsumer, PilotsConsumer],
})
export class ConsumersModule {}
