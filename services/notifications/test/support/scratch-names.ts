import type { Provider } from '@nestjs/common';
import { CONSUMED_TOPICS } from '@exchange/messaging';
import { withProviders } from '@exchange/platform/testing';
import { AppModule } from '../../src/app.module';
import { MAIL_QUEUE } from '../../src/mail/mail-queue';
import { WEBHOOK_QUEUE } from '../../src/webhook-sending/delivery-queue';

/**
 * The service reading only `topic`, delivering through `queue` and mailing through `${queue}-mail`:
 * scratch names, so parallel runs share nothing. `providers` adds more (a test clock).
 */
export function withScratchNames(topic: string, queue: string, providers: Provider[] = []) {
  return withProviders(AppModule, [
    { provide: CONSUMED_TOPICS, useValue: [topic] },
    { provide: WEBHOOK_QUEUE, useValue: queue },
    { provide: MAIL_QUEUE, useValue: `${queue}-mail` },
    ...providers,
  ]);
}
