import { describeOpenApiFuzz } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema, SERVICE_NAME } from '../src/config';
import { ApplicationsConsumer } from '../src/consumers/applications.consumer';

// The overdue-report sweep as rare as it gets: every row change must come from a request. The
// consumer learns the seed's programmes and accepted startups, so proposals exist to act on.
describeOpenApiFuzz(
  { name: SERVICE_NAME, module: AppModule, schema: pilotsConfigSchema },
  { consumer: ApplicationsConsumer, env: { PILOTS_OVERDUE_SWEEP_INTERVAL_MS: '86400000' } },
);
