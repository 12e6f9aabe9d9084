import { Injectable } from '@nestjs/common';
import { EVENT_TOPICS } from '@exchange/contracts';
import { handleEveryType, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import { FanOutService } from '../fan-out/fan-out.service';
import { MailComposer } from '../mail/mail-composer';

/** The notifications service reads every event type of every event topic: webhooks to organisations, mail to people. */
@Injectable()
export class AllTopicsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [...EVENT_TOPICS];
  readonly handlers: EventHandlers;

  constructor(fanOut: FanOutService, mail: MailComposer) {
    this.handlers = handleEveryType(async (event, tx) => {
      // Independent of each other: their statements go out together (pipelined transactions), and
      // both are answered before the transaction goes on, so nothing of either runs after a rollback.
      const outcomes = await Promise.allSettled([fanOut.fanOut(event, tx), mail.onEvent(event, tx)]);
      for (const outcome of outcomes) if (outcome.status === 'rejected') throw outcome.reason;
    });
  }
}
