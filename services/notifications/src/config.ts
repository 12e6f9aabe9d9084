import { EVENT_TOPICS, Queues } from '@exchange/contracts';
import { baseConfigSchema, envBoolean, envInt, envPort, envString } from '@exchange/platform';
import { z } from 'zod';

export const SERVICE_NAME = 'notifications';

/** Standard Webhooks' recommended schedule (DESIGN.md section 5): the wait before attempts 1..8. */
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** A comma-separated list of millisecond waits, one per attempt; compressible in tests (`0,50,100`). */
function envMsList(opts: { default: number[]; example: string }) {
  const message = 'must be a comma-separated list of whole milliseconds >= 0, at least one (e.g. 0,5000,300000)';
  return z
    .string()
    .trim()
    .refine((v) => /^\d+(\s*,\s*\d+)*$/.test(v), message)
    .transform((v) => v.split(',').map((s) => Number(s.trim())))
    .default(opts.default)
    .meta({ example: opts.example });
}

function envTopicList() {
  return z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.length > 0 && list.every((t) => /^[A-Za-z0-9._-]+$/.test(t)), 'must be a comma-separated list of topic names')
    .default([...EVENT_TOPICS])
    .meta({ example: EVENT_TOPICS.join(',') });
}

/** Environment of the notifications service: the shared variables plus its own. */
export const notificationsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3004),
  /** Topics whose events are fanned out to webhooks (all event topics by default; tests use their own). */
  NOTIFICATIONS_TOPICS: envTopicList(),
  /** The BullMQ queue of deliveries; a test gives its own so parallel runs do not share jobs. */
  WEBHOOK_QUEUE_NAME: envString({ default: Queues.webhookDelivery, example: Queues.webhookDelivery }),
  /** A receiver must answer (status and the excerpt of the body) within this time. */
  WEBHOOK_TIMEOUT_MS: envInt({ min: 100, max: 120_000, default: 15_000, example: '15000' }),
  WEBHOOK_RETRY_SCHEDULE_MS: envMsList({ default: DEFAULT_RETRY_SCHEDULE_MS, example: '0,5000,300000,1800000' }),
  /** ± share of each wait drawn at random, so retries of many deliveries do not arrive together. */
  WEBHOOK_RETRY_JITTER_PERCENT: envInt({ min: 0, max: 100, default: 20, example: '20' }),
  /** An endpoint failing for this long without any success is disabled (5 days). */
  WEBHOOK_DISABLE_AFTER_MS: envInt({ min: 1, default: 5 * 24 * 3_600_000, example: '432000000' }),
  /** Plain http:// endpoint URLs (local development and tests only). */
  WEBHOOK_ALLOW_HTTP: envBoolean({ default: false, example: 'false' }),
  /** Loopback, private, link-local… receiver addresses (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envBoolean({ default: false, example: 'false' }),
  /** Concurrent requests to one endpoint, so one slow partner cannot take every worker slot. */
  WEBHOOK_ENDPOINT_CONCURRENCY: envInt({ min: 1, max: 1_000, default: 10, example: '10' }),
  /** Concurrent jobs of one worker process. */
  WEBHOOK_WORKER_CONCURRENCY: envInt({ min: 1, max: 2_000, default: 100, example: '100' }),
  /** Global limit of requests per second, shared by every instance (BullMQ limiter). */
  WEBHOOK_RATE_LIMIT_PER_SECOND: envInt({ min: 1, max: 1_000_000, default: 5_000, example: '5000' }),
  /** First wait of a job whose endpoint is saturated (doubles up to 5 s; not an attempt). */
  WEBHOOK_SATURATED_RETRY_MS: envInt({ min: 1, max: 60_000, default: 100, example: '100' }),
  /** How often pending deliveries that lost their job are looked for. */
  WEBHOOK_SWEEP_INTERVAL_MS: envInt({ min: 100, default: 30_000, example: '30000' }),
  /** A pending delivery overdue by this long (no attempt started) is enqueued again. */
  WEBHOOK_SWEEP_GRACE_MS: envInt({ min: 0, default: 60_000, example: '60000' }),
  /** Runs the delivery worker and sweeper in this process (an API-only instance sets false). */
  WEBHOOK_WORKER_ENABLED: envBoolean({ default: true, example: 'true' }),
});

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;
