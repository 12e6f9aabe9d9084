import { checkKafka, MessagingModule } from '@exchange/messaging';
import { DatabaseModule, ReadinessCheckModule, RedisModule } from '@exchange/platform';
import { Module } from '@nestjs/common';
import { AgreementsModule } from './agreements/agreements.module';
import { IdentityModule } from './identity/identity.module';
import { MissionsModule } from './missions/missions.module';
import { ApplicationsModule } from './applications/applications.module';
import { CertificationsModule } from './certifications/certifications.module';
import { CommonModule } from './common/common.module';
import { WrittenExchangeFacts } from './agreements/written-exchange-facts';
import { ApplicationsConsumerGroup } from './consumers/consumer-group';
import { ConsumersModule } from './consumers/consumers.module';
import { DecisionsModule } from './decisions/decisions.module';
import { ProgrammesModule } from './programmes/programmes.module';
import { ReviewsModule } from './reviews/reviews.module';
import { StartupsModule } from './startups/startups.module';

/** Root module of the applications service: Startups, programmes, applications, reviews, decisions and identity (organisations, API keys). */
@Module({
  imports: [
    DatabaseModule.forRoot(),
    RedisModule.forRoot(),
    IdentityModule,
    // The outbox relay of this service's schema and its consumer (cohorts and pilots topics, and its own).
    ConsumersModule,
    MessagingModule.forService({ schema: 'applications', consumer: ApplicationsConsumerGroup, writtenEvents: WrittenExchangeFacts }),
    ReadinessCheckModule.register('kafka', ({ config, serviceName }) => () =>
      checkKafka({ brokers: config.KAFKA_BROKERS, clientId: `${serviceName}-health` }, config.HEALTH_CHECK_TIMEOUT_MS),
    ),
    CommonModule,
    StartupsModule,
    ProgrammesModule,
    ApplicationsModule,
    ReviewsModule,
    DecisionsModule,
    AgreementsModule,
    CertificationsModule,
    MissionsModule,
  ],
})
export class AppModule {}
