import { Injectable } from '@nestjs/common';
import { mergeConsumers, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import { ApplicationsConsumer } from './applications.consumer';
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

  constructor(applications: ApplicationsConsumer, cohorts: CohortsConsumer, pilots: PilotsConsumer) {
    const group = mergeConsumers(applications, cohorts, pilots);
    this.topics = group.topics;
    this.handlers = group.handlers;
  }
}
