import { CONSUMED_TOPICS } from '@exchange/messaging';
import { withProviders } from '@exchange/platform/testing';
import { AppModule } from '../../src/app.module';
import { WEBHOOK_QUEUE } from '../../src/webhook-sending/delivery-queue';

/** The service reading only `topic` and delivering through `queue`: scratch names, so parallel runs share nothing. */
export function withScratchNames(topic: string, queue: string) {
  return withProviders(AppModule, [
    { provide: CONSUMED_TOPICS, useValue: [topic] },
    { provide: WEBHOOK_QUEUE, useValue: queue },
  ]);
}
