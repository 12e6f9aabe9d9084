import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type AnyEventEnvelope } from '@exchange/contracts';
import type { EventHandlers, ServiceEventHandlers } from '@exchange/messaging';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { FanOutService } from './fan-out.service';

/** The notifications service consumes every event type of every event topic and fans it out. */
@Injectable()
export class NotificationsConsumer implements ServiceEventHandlers {
  readonly topics: string[];
  readonly handlers: EventHandlers;

  constructor(@Inject(SERVICE_CONFIG) config: NotificationsConfig, fanOut: FanOutService) {
    this.topics = config.NOTIFICATIONS_TOPICS;
    const handle = async (event: AnyEventEnvelope, tx: EntityManager) => {
      await fanOut.fanOut(event, tx);
    };
    this.handlers = Object.fromEntries(EVENT_TYPES.map((type) => [type, handle])) as EventHandlers;
  }
}
