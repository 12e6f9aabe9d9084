import { Global, Module } from '@nestjs/common';
import { AlumniRecorder } from '../alumni/alumni-recorder';
import { AlumniRepository } from '../alumni/alumni.repository';
import { StartupRelationsRepository } from '../relations/startup-relations.repository';
import { CohortsConsumer } from './cohorts.consumer';
import { PilotsConsumer } from './pilots.consumer';

/** Global: the consumer class lives in MessagingModule and needs the per-topic consumers from there. */
@Global()
@Module({ providers: [StartupRelationsRepository, AlumniRepository, AlumniRecorder, CohortsConsumer, PilotsConsumer], exports: [CohortsConsumer, PilotsConsumer] })
export class ConsumersModule {}
