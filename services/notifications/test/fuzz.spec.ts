import { randomBytes } from 'node:crypto';
import { describeOpenApiFuzz, withProviders } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { notificationsConfigSchema, SERVICE_NAME } from '../src/config';
import { WEBHOOK_QUEUE } from '../src/webhook-sending/delivery-queue';

// No delivery worker or sweeper, and a queue of its own: every row change must come from a request.
// Endpoints on a loopback address (allowed here only) exist before the run, so their routes go deep;
// nothing is ever delivered to them.
describeOpenApiFuzz(
  { name: SERVICE_NAME, module: withProviders(AppModule, [{ provide: WEBHOOK_QUEUE, useValue: `fuzz-${randomBytes(4).toString('hex')}` }]), schema: notificationsConfigSchema },
  {
    env: { WEBHOOK_WORKER_ENABLED: 'false', WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true' },
    setup: async (ctx) => {
      for (const role of ['admin', 'partner_agency'] as const) {
        await ctx.call('POST', '/v1/webhook-endpoints', { url: 'https://127.0.0.1:9/exchange', eventTypes: ['*'], description: 'fuzz' }, role);
      }
    },
  },
);
