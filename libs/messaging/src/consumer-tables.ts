import type { EntityManager } from 'typeorm';
import { EVENT_TYPES, type AnyEventEnvelope } from '@exchange/contracts';
import type { EventHandlers } from './event-consumer';
import type { ServiceEventHandlers } from './nest/messaging.module';

/** A dispatch table that hands every event type to one function (a service that fans everything out). */
export function handleEveryType(handle: (event: AnyEventEnvelope, tx: EntityManager) => Promise<void>): EventHandlers {
  const handlers: EventHandlers = {};
  // One function taking any envelope is a handler of each single type.
  for (const type of EVENT_TYPES) handlers[type] = handle;
  return handlers;
}

/**
 * The per-topic consumers of a service as its one consumer group: every topic they read, and their
 * dispatch tables together. Two tables naming the same event type are a wiring mistake, refused.
 */
export function mergeConsumers(...consumers: ServiceEventHandlers[]): ServiceEventHandlers {
  const handlers: EventHandlers = {};
  for (const consumer of consumers) {
    for (const type of Object.keys(consumer.handlers) as Array<keyof EventHandlers>) {
      if (handlers[type]) throw new Error(`two consumers handle ${type}`);
    }
    Object.assign(handlers, consumer.handlers);
  }
  return { topics: [...new Set(consumers.flatMap((c) => c.topics))], handlers };
}
