import type { Language, Role } from '@exchange/data';

/**
 * Who is calling, as the auth guard resolved it from the API key. Exactly one of organisationId and
 * startupId is set: people act for an organisation, a startup for itself.
 */
export interface AuthenticatedPrincipal {
  principalId: string;
  role: Role;
  organisationId: string | null;
  startupId: string | null;
  apiKeyId: string;
  /** The person's preferred language (else their organisation's); absent where not resolved. */
  language?: Language | null;
}
