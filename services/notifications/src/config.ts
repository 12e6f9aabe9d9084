import { baseConfigSchema, envPort } from '@exchange/platform';
import type { z } from 'zod';

export const SERVICE_NAME = 'notifications';

/** Environment of the notifications service: the shared variables plus its own. */
export const notificationsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3004),
});

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;
