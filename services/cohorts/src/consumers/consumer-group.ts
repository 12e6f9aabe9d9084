import { Injectable } from '@nestjs/common';
import { mergeConsumers, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import { ApplicationsConsumer } from './applications.consumer';
import { PilotsConsumer } from './pilots.consumer';

/**
 * The one consumer of the cohorts service (a consumer group named after it), reading every topic of
 * the per-topic consumers. Each event is applied in one transaction with its inbox row.
 */
@Injectable()
export class CohortsConsumerGroup implements ServiceEventHandlers {
  readonly topics: string[];
  readonly handlers: EventHandlers;

  constructor(applications: ApplicationsConsumer, pilots: PilotsConsumer) {
    const group = mergeConsumers(applications, pilots);
    this.topics = group.topics;
    this.handlers = group.handlers;
  }
}
