import { z } from 'zod';
import { EVENT_TYPES, Uuid, type EventType } from '../events';

/**
 * Event types no partner agency receives: they belong to no programme, so the notifications
 * service's fan-out finds no organisation entitled to them. `person.*` carry personal data (address,
 * language, time zone) that only the exchange's own services may read.
 */
export const UNDELIVERED_EVENT_TYPES = ['startup.registered', 'startup.updated', 'person.registered', 'person.updated'] as const satisfies readonly EventType[];

/** The event `POST /v1/webhook-endpoints/{id}/test` sends to one endpoint, whatever its subscriptions. */
export const WEBHOOK_TEST_EVENT_TYPE = 'webhook.test';

/** The data of a `webhook.test` event. */
export const WebhookTestData = z.object({
  endpointId: Uuid,
  message: z.string(),
  /** The principal who asked for the test. */
  requestedBy: Uuid,
});

export type DeliveredEventType = Exclude<EventType, (typeof UNDELIVERED_EVENT_TYPES)[number]>;
export type WebhookEventType = DeliveredEventType | typeof WEBHOOK_TEST_EVENT_TYPE;

const undelivered: ReadonlySet<string> = new Set(UNDELIVERED_EVENT_TYPES);

/** The event types partner agencies receive as webhooks (they subscribe with patterns over them). */
export const DELIVERED_EVENT_TYPES: readonly DeliveredEventType[] = EVENT_TYPES.filter((type): type is DeliveredEventType => !undelivered.has(type));

/** Every `type` a webhook body may carry: the delivered event types and the test event. */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [...DELIVERED_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE];
