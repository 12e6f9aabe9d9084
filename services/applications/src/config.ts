import { baseConfigSchema, envInt, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'applications';

/** Environment of the applications service: the shared variables plus its own. */
export const applicationsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3001),
  /** How often overdue review assignments are looked for (ms); 0 turns the sweep off. */
  REVIEW_OVERDUE_SWEEP_MS: envInt({ min: 0, max: 86_400_000, default: 60_000, example: '60000' }),
  /** How often certificates whose validity ended are looked for, to flag applications that relied on them (ms); 0 turns the sweep off. */
  CERTIFICATION_EXPIRY_SWEEP_MS: envInt({ min: 0, max: 86_400_000, default: 60_000, example: '60000' }),
});

export type ApplicationsConfig = z.infer<typeof applicationsConfigSchema>;
