import type { ConsoleRoute } from '../console-route';
import { DeliveryDetail } from './delivery-detail';
import { EndpointDetail } from './endpoint-detail';
import { EndpointList } from './endpoint-list';
import { webhooksText } from './messages';

/** The partner liaison's screens: endpoints, one endpoint with its delivery log, one delivery (docs/console.md). */
export const webhooksRoutes: ConsoleRoute[] = [
  { path: 'webhooks', element: <EndpointList />, nav: { label: webhooksText.NAV_WEBHOOKS, roles: ['partner_agency'] } },
  { path: 'webhooks/:endpointId', element: <EndpointDetail /> },
  { path: 'webhooks/:endpointId/deliveries/:deliveryId', element: <DeliveryDetail /> },
];
