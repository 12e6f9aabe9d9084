import { baseConfigSchema, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'pilots';

/** Environment of the pilots service: the shared variables plus its own. */
export const pilotsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3002),
});

export type PilotsConfig = z.infer<typeof pilotsConfigSchema>;
