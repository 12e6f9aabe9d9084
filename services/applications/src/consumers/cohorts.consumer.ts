import { Injectable } from '@nestjs/common';
import { Topics } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { recordGraduation } from '../alumni/alumni-recorder';

/** What the applications service reads from the cohorts topic: graduations (alumni fast track). */
@Injectable()
export class CohortsConsumer implements ServiceEventHandlers {
  readonly topics = [Topics.cohorts];
  readonly handlers: EventHandlers = {
    'cohort.graduated': async (event, tx) => {
      await recordGraduation(event, tx);
    },
  };
}
