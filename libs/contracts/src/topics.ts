/**
 * Kafka topic names. Never rename one while messages are in flight: add a new version instead
 * (`.v2`) and migrate consumers. Changes within a version are additive only.
 */
export const Topics = {
  applications: 'exchange.applications.v1',
  pilots: 'exchange.pilots.v1',
  cohorts: 'exchange.cohorts.v1',
  notifications: 'exchange.notifications.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const EVENT_TOPICS: readonly TopicName[] = Object.values(Topics);

/** Each service's consumer group is named after the service. */
export const ServiceNames = ['applications', 'pilots', 'cohorts', 'notifications'] as const;
export type ServiceName = (typeof ServiceNames)[number];

/** Poison and exhausted messages of a service's consumers go here, with the error in headers. */
export function deadLetterTopic(service: string): string {
  return `exchange.dlq.${service}`;
}

/** Partitions per topic in local infrastructure (DESIGN.md section 3). */
export const LOCAL_PARTITIONS = 6;
