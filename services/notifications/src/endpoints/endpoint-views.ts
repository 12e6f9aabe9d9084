import type { EndpointDto } from './dto/endpoint.dto';
import type { EndpointRow } from './endpoints.repository';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function endpointView(r: EndpointRow): EndpointDto {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    state: r.state,
    disabledReason: r.disabled_reason,
    disabledAt: iso(r.disabled_at),
    lastSuccessAt: iso(r.last_success_at),
    failingSince: iso(r.failing_since),
    previousSecretExpiresAt: iso(r.previous_secret_expires_at),
    version: r.version,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
