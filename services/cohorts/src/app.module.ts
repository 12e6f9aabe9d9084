import { checkKafka, MessagingModule } from '@exchange/messaging';
import { DatabaseModule, ReadinessCheckModule, RedisModule } from '@exchange/platform';
import { Module } from '@nestjs/common';
import { CandidatesModule } from './candidates/candidates.module';
import { CohortsModule } from './cohorts/cohorts.module';
import { CohortsConsumerGroup } from './consumers/consumer-group';
import { ConsumersModule } from './consumers/consumers.module';
import { OffersModule } from './offers/offers.module';
import { PitchDaysModule } from './pitch-days/pitch-days.module';
import { PitchGroupsModule } from './pitch-groups/pitch-groups.module';
import { SelectionModule } from './selection/selection.module';

/** Root module of the cohorts service: Accelerator cohorts, offers, enrolment, waitlist and graduation. */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    RedisModule.forRoot(),
    CandidatesModule,
    // The outbox relay of this service's schema and its consumer of accepted applications and completed pilots.
    ConsumersModule,
    MessagingModule.forService({ schema: 'cohorts', consumer: CohortsConsumerGroup }),
    ReadinessCheckModule.register('kafka', ({ config, serviceName }) => () =>
      checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }, config.HEALTH_CHECK_TIMEOUT_MS),
    ),
    CohortsModule,
    SelectionModule,
    PitchGroupsModule,
    PitchDaysModule,
    OffersModule,
  ],
})
export class AppModule {}
