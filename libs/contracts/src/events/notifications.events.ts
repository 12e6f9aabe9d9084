import { z } from 'zod';
import { IsoTime, Uuid, type EventKeyRules } from './common';

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

/** Keyed by the endpoint's organisation: what one organisation is told stays in order. */
export const notificationEventKeys: EventKeyRules<typeof notificationEvents> = {
  'webhook.endpoint_disabled': (data) => data.organisationId,
};
