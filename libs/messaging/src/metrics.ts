import { Counter, Gauge, Histogram, register } from 'prom-client';

/** Registers a metric once per process; relays and consumers may be created many times (tests). */
function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

export const messagingMetrics = {
  outboxPublished: once(
    'outbox_published_events_total',
    () => new Counter({ name: 'outbox_published_events_total', help: 'Events the outbox relay published', labelNames: ['schema'] }),
  ),
  outboxLag: once(
    'outbox_publish_lag_seconds',
    () =>
      new Histogram({
        name: 'outbox_publish_lag_seconds',
        help: 'Time from an event entering the outbox to its publication on Kafka',
        labelNames: ['schema'],
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60],
      }),
  ),
  relayActive: once(
    'outbox_relay_active',
    () =>
      new Gauge({
        name: 'outbox_relay_active',
        help: '1 while this instance holds the relay lock of the schema and publishes; 0 on standby',
        labelNames: ['schema'],
      }),
  ),
  outboxPending: once(
    'outbox_unpublished_events',
    () => new Gauge({ name: 'outbox_unpublished_events', help: 'Outbox rows not yet published', labelNames: ['schema'] }),
  ),
  outboxParkedTotal: once(
    'outbox_parked_events_total',
    () =>
      new Counter({
        name: 'outbox_parked_events_total',
        help: 'Outbox rows the relay parked because the broker refused them for good (too large, invalid record)',
        labelNames: ['schema', 'reason'],
      }),
  ),
  outboxParked: once(
    'outbox_parked_events',
    () =>
      new Gauge({
        name: 'outbox_parked_events',
        help: 'Outbox rows parked now, waiting for an operator (npm run outbox -- parked)',
        labelNames: ['schema'],
      }),
  ),
  consumed: once(
    'consumer_events_total',
    () =>
      new Counter({
        name: 'consumer_events_total',
        help: 'Consumed events by outcome (applied, duplicate, ignored, dead_lettered)',
        labelNames: ['consumer', 'type', 'outcome'],
      }),
  ),
  consumerLag: once(
    'consumer_lag_messages',
    () =>
      new Gauge({
        name: 'consumer_lag_messages',
        help: 'Messages behind the partition end, as seen by the last batch',
        labelNames: ['consumer', 'topic', 'partition'],
      }),
  ),
};
