import { baseConfigSchema, envInt, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'pilots';

/** Environment of the pilots service: the shared variables plus its own. */
export const pilotsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3002),
  /** Its consumer is off the partners' latency path: fuller batches cost less per event. */
  KAFKA_CONSUMER_GATHER_MS: envInt({ min: 0, max: 1_000, default: 100, example: '100' }),
  /** Sites proposed to each new candidate. */
  PILOTS_PROPOSALS_PER_CANDIDATE: envInt({ min: 1, max: 50, default: 3, example: '3' }),
  /** Startups proposed per free slot when a site is added or frees capacity. */
  PILOTS_PROPOSALS_PER_FREE_SLOT: envInt({ min: 1, max: 50, default: 3, example: '3' }),
  /** How often the overdue-report sweep runs (milliseconds). */
  PILOTS_OVERDUE_SWEEP_INTERVAL_MS: envInt({ min: 1_000, max: 86_400_000, default: 60_000, example: '60000' }),
  /** Days after the planned end without a report before a pilot counts as very late. */
  PILOTS_REPORT_VERY_LATE_DAYS: envInt({ min: 1, max: 365, default: 14, example: '14' }),
  /** How often open calls past their answer deadline are closed (milliseconds). */
  PILOTS_OPEN_CALL_SWEEP_INTERVAL_MS: envInt({ min: 1_000, max: 86_400_000, default: 60_000, example: '60000' }),
});

export type PilotsConfig = z.infer<typeof pilotsConfigSchema>;
