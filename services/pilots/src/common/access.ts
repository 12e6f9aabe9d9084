import type { AuthenticatedPrincipal } from '@exchange/platform';

/**
 * Who may see what in the pilots service, as a SQL condition. Another tenant's object is simply not
 * found (404), never 403.
 *  - admin: everything;
 *  - programme_manager, partner_agency: the programmes their organisation organises or partners in
 *    (known from the candidate projection of `application.accepted`);
 *  - host: their own sites and what happens there;
 *  - startup: their own proposals and pilots.
 */
export type AccessScope =
  | { kind: 'all' }
  | { kind: 'programme'; organisationId: string }
  | { kind: 'host'; organisationId: string }
  | { kind: 'startup'; startupId: string }
  | { kind: 'none' };

export function scopeOf(principal: AuthenticatedPrincipal): AccessScope {
  switch (principal.role) {
    case 'admin':
      return { kind: 'all' };
    case 'programme_manager':
    case 'partner_agency':
      return principal.organisationId ? { kind: 'programme', organisationId: principal.organisationId } : { kind: 'none' };
    case 'host':
      return principal.organisationId ? { kind: 'host', organisationId: principal.organisationId } : { kind: 'none' };
    case 'startup':
      return principal.startupId ? { kind: 'startup', startupId: principal.startupId } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}

/**
 * The condition for rows joined as `c` (pilots.candidates), `s` (pilots.pilot_sites) and carrying a
 * startup id in `startupColumn`. Appends its parameter to `params` and returns the SQL.
 */
export function scopeCondition(scope: AccessScope, params: unknown[], startupColumn: string): string {
  switch (scope.kind) {
    case 'all':
      return 'true';
    case 'programme':
      params.push(scope.organisationId);
      return `$${params.length}::uuid = ANY (c.programme_organisation_ids)`;
    case 'host':
      params.push(scope.organisationId);
      return `s.host_organisation_id = $${params.length}::uuid`;
    case 'startup':
      params.push(scope.startupId);
      return `${startupColumn} = $${params.length}::uuid`;
    case 'none':
      return 'false';
  }
}

/** The organiser of a row's programme, from the programme projection (null while unknown), selected as `organiser_org_id`. */
export const organiserColumn = (programmeColumn: string) =>
  `(SELECT pr.organiser_org_id FROM pilots.programmes pr WHERE pr.id = ${programmeColumn}) AS organiser_org_id`;

/**
 * Who decides in a programme (DESIGN.md §9): the programme managers of the organiser. Partner
 * organisations read its proposals and pilots and are notified, but approving, declining and
 * cancelling is not theirs: they are refused with 403 (they can see the object), where a caller who
 * cannot see it gets 404.
 */
export function decidesFor(principal: AuthenticatedPrincipal, organiserOrgId: string | null): boolean {
  return principal.role === 'programme_manager' && principal.organisationId !== null && principal.organisationId === organiserOrgId;
}
