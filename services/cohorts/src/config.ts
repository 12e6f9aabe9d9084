import { baseConfigSchema, envInt, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'cohorts';

/** Environment of the cohorts service: the shared variables plus its own. */
export const cohortsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3003),
  /** Its consumer is off the partners' latency path: fuller batches cost less per event. */
  KAFKA_CONSUMER_GATHER_MS: envInt({ min: 0, max: 1_000, default: 100, example: '100' }),
  /** How often unanswered offers past their deadline are expired (and the waitlist promoted). */
  OFFER_EXPIRY_SWEEP_INTERVAL_MS: envInt({ min: 100, max: 3_600_000, default: 60_000, example: '60000' }),
});

export type CohortsConfig = z.infer<typeof cohortsConfigSchema>;
