import type { PersonSummary } from '@exchange/contracts';
import type { Principal } from './entities/identity';

type PersonFields = Pick<Principal, 'id' | 'role' | 'organisationId' | 'startupId' | 'displayName' | 'email' | 'preferredLanguage' | 'timeZone' | 'state'>;

/** A principal as `person.*` events carry it: written by the applications service, and by the seed for its people. */
export function personSummary(p: PersonFields): PersonSummary {
  return {
    id: p.id,
    role: p.role,
    organisationId: p.organisationId,
    startupId: p.startupId,
    displayName: p.displayName,
    email: p.email,
    preferredLanguage: p.preferredLanguage,
    // Rows written without it (TypeORM leaves an unset column undefined) have none.
    timeZone: p.timeZone ?? null,
    state: p.state,
  };
}
