import type { z } from 'zod';
import { Topics, type TopicName } from '../topics';
import { applicationEvents } from './applications.events';
import { cohortEvents } from './cohorts.events';
import { notificationEvents } from './notifications.events';
import { pilotEvents } from './pilots.events';

export * from './common';
export * from './applications.events';
export * from './pilots.events';
export * from './cohorts.events';
export * from './notifications.events';

/** Every event type with its one schema. */
export const EventSchemas = {
  ...applicationEvents,
  ...pilotEvents,
  ...cohortEvents,
  ...notificationEvents,
} as const;

export type EventType = keyof typeof EventSchemas;
/** The payload type of one event type, inferred from its schema. */
export type EventData<T extends EventType> = z.infer<(typeof EventSchemas)[T]>;
/** What producers hand in (defaults may still be applied by the schema). */
export type EventInput<T extends EventType> = z.input<(typeof EventSchemas)[T]>;

/** The topic that carries each event type, fixed by the producing service. */
export const EventTopic: { readonly [T in EventType]: TopicName } = Object.fromEntries([
  ...Object.keys(applicationEvents).map((t) => [t, Topics.applications]),
  ...Object.keys(pilotEvents).map((t) => [t, Topics.pilots]),
  ...Object.keys(cohortEvents).map((t) => [t, Topics.cohorts]),
  ...Object.keys(notificationEvents).map((t) => [t, Topics.notifications]),
]) as { [T in EventType]: TopicName };

export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EventSchemas, value);
}
