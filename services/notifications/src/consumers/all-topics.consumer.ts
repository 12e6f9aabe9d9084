import { Injectable } from '@nestjs/common';
import { EVENT_TOPICS } from '@exchange/contracts';
import { handleEveryType, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import { FanOutService } from '../fan-out/fan-out.service';

/** The notifications service reads every event type of every event topic and fans each one out. */
@Injectable()
export class AllTopicsConsumer implements ServiceEventHandlers {
  readonly topics: string[] = [...EVENT_TOPICS];
  readonly handlers: EventHandlers;

  constructor(fanOut: FanOutService) {
    this.handlers = handleEveryType(async (event, tx) => {
      await fanOut.fanOut(event, tx);
    });
  }
}
