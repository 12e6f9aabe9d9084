import { checkKafka, MessagingModule } from '@exchange/messaging';
import { DatabaseModule, ReadinessCheckModule, RedisModule } from '@exchange/platform';
import { Module } from '@nestjs/common';
import { CandidatesModule } from './candidates/candidates.module';
import { CohortsModule } from './cohorts/cohorts.module';
import { OffersModule } from './offers/offers.module';
import { SelectionModule } from './selection/selection.module';

/** Root module of the cohorts service: Accelerator cohorts, offers, enrolment, waitlist and graduation. */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    RedisModule.forRoot(),
    CandidatesModule,
    // The outbox relay of this service's schema. The consumer (consumers/cohorts.consumer.ts) is wired
    // once MessagingModule boots without a reachable broker: its start() blocks boot today.
    MessagingModule.forService({ schema: 'cohorts' }),
    ReadinessCheckModule.register('kafka', ({ config, serviceName }) => () =>
      checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }, config.HEALTH_CHECK_TIMEOUT_MS),
    ),
    CohortsModule,
    SelectionModule,
    OffersModule,
  ],
})
export class AppModule {}
