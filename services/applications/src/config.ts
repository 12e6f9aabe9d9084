import { baseConfigSchema, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'applications';

/** Environment of the applications service: the shared variables plus its own. */
export const applicationsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3001),
});

export type ApplicationsConfig = z.infer<typeof applicationsConfigSchema>;
