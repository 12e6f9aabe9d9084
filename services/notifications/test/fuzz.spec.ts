import { randomBytes } from 'node:crypto';
import { describeOpenApiFuzz } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { notificationsConfigSchema, SERVICE_NAME } from '../src/config';

// No delivery worker or sweeper, and a queue of its own: every row change must come from a request.
describeOpenApiFuzz(
  { name: SERVICE_NAME, module: AppModule, schema: notificationsConfigSchema },
  { env: { WEBHOOK_WORKER_ENABLED: 'false', WEBHOOK_QUEUE_NAME: `fuzz-${randomBytes(4).toString('hex')}` } },
);
