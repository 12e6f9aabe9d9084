import type { WebhookEndpoint } from '@exchange/data';
import type { EndpointDto } from './dto/endpoint.dto';

export function endpointView(e: WebhookEndpoint): EndpointDto {
  return {
    id: e.id,
    organisationId: e.organisationId,
    url: e.url,
    description: e.description,
    eventTypes: e.eventTypes,
    state: e.state,
    disabledReason: e.disabledReason,
    disabledAt: e.disabledAt?.toISOString() ?? null,
    lastSuccessAt: e.lastSuccessAt?.toISOString() ?? null,
    failingSince: e.failingSince?.toISOString() ?? null,
    previousSecretExpiresAt: e.previousSecretExpiresAt?.toISOString() ?? null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}
