import { baseConfigSchema, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'cohorts';

/** Environment of the cohorts service: the shared variables plus its own. */
export const cohortsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3003),
});

export type CohortsConfig = z.infer<typeof cohortsConfigSchema>;
