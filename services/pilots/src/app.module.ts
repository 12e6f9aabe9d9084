import { checkKafka, MessagingModule } from '@exchange/messaging';
import { DatabaseModule, ReadinessCheckModule, RedisModule } from '@exchange/platform';
import { Module } from '@nestjs/common';
import { ApplicationsConsumer } from './consumers/applications.consumer';
import { MatchingModule } from './matching/matching.module';
import { OpenCallsModule } from './open-calls/open-calls.module';
import { OverdueModule } from './overdue/overdue.module';
import { PilotsModule } from './pilots/pilots.module';
import { ProposalsModule } from './proposals/proposals.module';
import { SitesModule } from './sites/sites.module';

/** Root module of the pilots service: Pilot sites, match proposals, pilot approval, pilot lifecycle and final reports. */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    RedisModule.forRoot(),
    // The outbox relay of this service's schema and its consumer of accepted applications.
    MessagingModule.forService({ schema: 'pilots', consumer: ApplicationsConsumer }),
    ReadinessCheckModule.register('kafka', ({ config, serviceName }) => () =>
      checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }, config.HEALTH_CHECK_TIMEOUT_MS),
    ),
    MatchingModule,
    SitesModule,
    ProposalsModule,
    PilotsModule,
    OverdueModule,
    OpenCallsModule,
  ],
})
export class AppModule {}
