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
      await fanOut.fanOut(event, tx);
      await mail.onEvent(event, tx);
    });
  }
}
