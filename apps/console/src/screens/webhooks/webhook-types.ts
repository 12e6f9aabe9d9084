import type { NotificationsApi } from '@exchange/sdk/browser';
import type { webhooksText } from './messages';

export type Endpoint = NotificationsApi.components['schemas']['EndpointDto'];
export type Delivery = NotificationsApi.components['schemas']['DeliveryDto'];
export type DeliveryDetail = NotificationsApi.components['schemas']['DeliveryDetailDto'];
export type DeliveryState = Delivery['state'];

export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'succeeded', 'failed', 'cancelled'];

type Code = keyof typeof webhooksText;

export const ENDPOINT_STATE_TEXT = { active: 'STATE_active', paused: 'STATE_paused', disabled: 'STATE_disabled' } as const satisfies Record<Endpoint['state'], Code>;
export const DISABLED_REASON_TEXT = { gone: 'DISABLED_gone', no_success: 'DISABLED_no_success' } as const satisfies Record<string, Code>;
export const DELIVERY_STATE_TEXT = {
  pending: 'DELIVERY_pending',
  succeeded: 'DELIVERY_succeeded',
  failed: 'DELIVERY_failed',
  cancelled: 'DELIVERY_cancelled',
} as const satisfies Record<DeliveryState, Code>;

/** How a delivery names its event for people: its type and the first block of its id. */
export const eventLabel = (d: Pick<Delivery, 'eventType' | 'eventId'>) => `${d.eventType} ${d.eventId.slice(0, 8)}`;

export const endpointKey = (endpointId: string) => ['webhook-endpoint', endpointId] as const;
export const deliveriesKey = (endpointId: string) => ['webhook-deliveries', endpointId] as const;
