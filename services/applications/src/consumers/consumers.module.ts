import { Global, Module } from '@nestjs/common';
import { ExchangeFactsRecorder } from '../agreements/exchange-facts.recorder';
import { ExchangeFactsRepository } from '../agreements/exchange-facts.repository';
import { AlumniRecorder } from '../alumni/alumni-recorder';
import { AlumniRepository } from '../alumni/alumni.repository';
import { StartupRelationsRepository } from '../relations/startup-relations.repository';
import { WrittenExchangeFacts } from '../agreements/written-exchange-facts';
import { CohortsConsumer } from './cohorts.consumer';
import { PilotsConsumer } from './pilots.consumer';

/**
 * Global: the consumer class lives in MessagingModule and needs the per-topic consumers from there.
 * Its own events' facts are recorded as they are written (WrittenExchangeFacts), not read back.
 */
@Global()
@Module({
  providers: [StartupRelationsRepository, AlumniRepository, AlumniRecorder, ExchangeFactsRepository, ExchangeFactsRecorder, CohortsConsumer, PilotsConsumer],
  exports: [ExchangeFactsRecorder, CohortsConsumer, PilotsConsumer],
})
export class ConsumersModule {}
