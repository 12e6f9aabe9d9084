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
  /**
   * The language to answer in when the request names none: the person's preferred language, else
   * their organisation's; a startup's own, else the first of its team's languages that we write;
   * null when none is known (English then), absent in principals cached before it was resolved.
   */
  language?: Language | null;
}
