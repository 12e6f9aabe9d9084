import type { AnyEventEnvelope } from '../envelope';
import type { EventData, EventType } from '../events';

/**
 * Events that belong to no programme but to organisations, and which organisations' endpoints receive
 * them. Every other delivered event names its `programme` (its organiser and partners receive it).
 * The notifications fan-out reads this table; a new organisation-scoped event type is added here, not
 * as a branch of the fan-out.
 */
export const ORGANISATION_AUDIENCES: { readonly [T in EventType]?: (data: EventData<T>) => string[] } = {
  // Told to the endpoint's own organisation (its other endpoints subscribed to it).
  'webhook.endpoint_disabled': (data) => [data.organisationId],
  // A certificate's register is the issuing body's (programmes relying on it hear `application.flagged`).
  'certification.issued': (data) => [data.issuerOrganisationId],
  'certification.renewed': (data) => [data.issuerOrganisationId],
  'certification.revoked': (data) => [data.issuerOrganisationId],
  // A business mission: its organiser and partner organisations.
  'mission.published': (data) => [data.mission.organiserOrgId, ...data.mission.partnerOrgIds],
  'mission.schedule_published': (data) => [data.mission.organiserOrgId, ...data.mission.partnerOrgIds],
  'mission.meeting_outcome_recorded': (data) => [data.mission.organiserOrgId, ...data.mission.partnerOrgIds],
};

/** The organisations an organisation-scoped event goes to, or null for an event of a programme (or of no one). */
export function organisationAudienceOf(event: AnyEventEnvelope): string[] | null {
  // The table is typed per event type; the envelope's union cannot name which, so widen once here.
  const rule = ORGANISATION_AUDIENCES[event.type] as ((data: AnyEventEnvelope['data']) => string[]) | undefined;
  return rule ? [...new Set(rule(event.data))] : null;
}
