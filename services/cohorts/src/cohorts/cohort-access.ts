import type { Cohort } from '@exchange/data';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { CohortError, CohortErrorCode, cohortNotFound } from './cohorts.errors';

/**
 * Who sees and who runs a cohort: people of the organising organisation and of its partner
 * organisations see it; only programme managers of the organising organisation change it.
 * Anyone else is told it does not exist (404), as for every other tenant's object.
 */
export function canRead(cohort: Pick<Cohort, 'organiserOrganisationId' | 'partnerOrganisationIds'>, principal: AuthenticatedPrincipal): boolean {
  const org = principal.organisationId;
  return org !== null && (cohort.organiserOrganisationId === org || cohort.partnerOrganisationIds.includes(org));
}

export function assertCanRead(cohort: Cohort | null, principal: AuthenticatedPrincipal, id: string): Cohort {
  if (!cohort || !canRead(cohort, principal)) throw cohortNotFound(id);
  return cohort;
}

export function assertCanManage(cohort: Cohort | null, principal: AuthenticatedPrincipal, id: string): Cohort {
  const readable = assertCanRead(cohort, principal, id);
  if (principal.role !== 'programme_manager' || readable.organiserOrganisationId !== principal.organisationId) {
    throw new CohortError(CohortErrorCode.ReadOnly, 'only programme managers of the organising organisation change a cohort');
  }
  return readable;
}
