import { describeOpenApiFuzz } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { cohortsConfigSchema, SERVICE_NAME } from '../src/config';
import { CohortsConsumerGroup } from '../src/consumers/consumer-group';

// The offer-expiry sweep as rare as it gets: every row change must come from a request. The
// consumer learns the seed's programmes and accepted startups, so cohorts have candidates.
describeOpenApiFuzz(
  { name: SERVICE_NAME, module: AppModule, schema: cohortsConfigSchema },
  { consumer: CohortsConsumerGroup, env: { OFFER_EXPIRY_SWEEP_INTERVAL_MS: '3600000' } },
);
