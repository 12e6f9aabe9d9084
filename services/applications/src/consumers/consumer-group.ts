import { Injectable } from '@nestjs/common';
import { mergeConsumers, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import { CohortsConsumer } from './cohorts.consumer';
import { PilotsConsumer } from './pilots.consumer';

/**
 * The one consumer of the applications service (a consumer group named after it), reading every
 * topic of the per-topic consumers. An event no handler names is skipped without an inbox row.
 */
@Injectable()
export class ApplicationsConsumerGroup implements ServiceEventHandlers {
  readonly topics: string[];
  readonly handlers: EventHandlers;

  constructor(cohorts: CohortsConsumer, pilots: PilotsConsumer) {
    const group = mergeConsumers(cohorts, pilots);
    this.topics = group.topics;
    this.handlers = group.handlers;
  }
}
