import { Topics } from '@exchange/contracts';
import { baseConfigSchema, envInt, envPort, envString } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'applications';

/** Environment of the applications service: the shared variables plus its own. */
export const applicationsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3001),
  /** How often overdue review assignments are looked for (ms); 0 turns the sweep off. */
  REVIEW_OVERDUE_SWEEP_MS: envInt({ min: 0, max: 86_400_000, default: 60_000, example: '60000' }),
  /** The topics this service consumes (graduations and cohort places; pilots); a test gives its own. */
  APPLICATIONS_COHORTS_TOPIC: envString({ default: Topics.cohorts, example: Topics.cohorts }),
  APPLICATIONS_PILOTS_TOPIC: envString({ default: Topics.pilots, example: Topics.pilots }),
});

export type ApplicationsConfig = z.infer<typeof applicationsConfigSchema>;
