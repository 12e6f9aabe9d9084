import type { z } from 'zod';
import { Topics, type TopicName } from '../topics';
import { applicationEventKeys, applicationEvents } from './applications.events';
import { cohortEventKeys, cohortEvents } from './cohorts.events';
import { acceptingEarlierShape, type EventKeyRules } from './common';
import { missionEventKeys, missionEvents } from './missions.events';
import { notificationEventKeys, notificationEvents } from './notifications.events';
import { openCallEventKeys, openCallEvents, pilotEventKeys, pilotEvents } from './pilots.events';

export * from './common';
export * from './applications.events';
export * from './pilots.events';
export * from './cohorts.events';
export * from './notifications.events';
export * from './missions.events';

/** Every event type with the one schema its producer writes (the OutboxWriter validates against it). */
export const ProducedEventSchemas = {
  ...applicationEvents,
  ...pilotEvents,
  ...openCallEvents,
  ...cohortEvents,
  ...notificationEvents,
  ...missionEvents,
} as const;

/**
 * Every event type with the schema it is read with: the produced one, or for pilot and cohort events
 * also the shape they had before they carried `programme` (events a topic may still hold).
 */
export const EventSchemas = {
  ...applicationEvents,
  ...acceptingEarlierShape(pilotEvents),
  // Open call events carried `programme` (when they have one) from the start: no earlier shape.
  ...openCallEvents,
  ...acceptingEarlierShape(cohortEvents),
  ...notificationEvents,
  ...missionEvents,
} as const;

export type EventType = keyof typeof EventSchemas;
/** The payload type of one event type as consumers read it, inferred from its schema. */
export type EventData<T extends EventType> = z.infer<(typeof EventSchemas)[T]>;
/** Any payload of one event type that decodes (defaults may still be applied by the schema). */
export type EventInput<T extends EventType> = z.input<(typeof EventSchemas)[T]>;
/** What a producer hands in for one event type. */
export type ProducedEventInput<T extends EventType> = z.input<(typeof ProducedEventSchemas)[T]>;
/** A produced payload once validated. */
export type ProducedEventData<T extends EventType> = z.output<(typeof ProducedEventSchemas)[T]>;

/** How each event type's Kafka key is taken from its payload (see each family's key rules). */
export const EventKey: EventKeyRules<typeof ProducedEventSchemas> = {
  ...applicationEventKeys,
  ...pilotEventKeys,
  ...openCallEventKeys,
  ...cohortEventKeys,
  ...notificationEventKeys,
  ...missionEventKeys,
};

/** The Kafka key of an event: the same key, the same partition, the order kept. */
export function eventKey<T extends EventType>(type: T, data: ProducedEventInput<T>): string {
  const rule: (data: ProducedEventInput<T>) => string = EventKey[type];
  return rule(data);
}

/** The topic that carries each event type, fixed by the producing service. */
export const EventTopic: { readonly [T in EventType]: TopicName } = Object.fromEntries([
  ...Object.keys(applicationEvents).map((t) => [t, Topics.applications]),
  ...Object.keys(pilotEvents).map((t) => [t, Topics.pilots]),
  ...Object.keys(openCallEvents).map((t) => [t, Topics.pilots]),
  ...Object.keys(cohortEvents).map((t) => [t, Topics.cohorts]),
  ...Object.keys(notificationEvents).map((t) => [t, Topics.notifications]),
  // Missions are the applications service's: they go on its topic.
  ...Object.keys(missionEvents).map((t) => [t, Topics.applications]),
]) as { [T in EventType]: TopicName };

export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EventSchemas, value);
}
