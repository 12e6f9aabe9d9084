import type { AuthenticatedPrincipal } from '@exchange/platform';

/** The organisation whose webhooks a caller manages (partner agencies and admins act for one). */
export function organisationOf(principal: AuthenticatedPrincipal): string | null {
  return principal.organisationId;
}
