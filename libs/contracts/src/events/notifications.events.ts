import { z } from 'zod';
import { IsoTime, Uuid } from './common';

export const WebhookEndpointDisabled = z.object({
  endpointId: Uuid,
  organisationId: Uuid,
  url: z.string(),
  reason: z.enum(['gone', 'no_success']),
  lastSuccessAt: IsoTime.nullable(),
});

export const notificationEvents = {
  'webhook.endpoint_disabled': WebhookEndpointDisabled,
} as const;
