import type { EntityManager } from 'typeorm';
import { findProjectedProgrammes, type ProjectedProgramme } from '@exchange/data';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { CohortError, CohortErrorCode } from './cohorts.errors';

/**
 * The programme of a new cohort, resolved against what this service has learned from
 * `programme.published` (and the programme carried by accepted applications): an accelerator
 * programme organised by the caller's organisation. An unknown id, a draft (never announced),
 * a pilot programme and another organisation's programme all get the same 422.
 */
export async function organisedAcceleratorProgramme(tx: EntityManager, principal: AuthenticatedPrincipal, programmeId: string): Promise<ProjectedProgramme> {
  const [programme] = await findProjectedProgrammes(tx, 'cohorts', [programmeId]);
  if (!programme || programme.kind !== 'accelerator' || programme.organiserOrgId !== principal.organisationId) {
    throw new CohortError(CohortErrorCode.ProgrammeNotOrganised, `Programme ${programmeId} is not an accelerator programme your organisation organises`, {
      programmeId,
      errors: [{ field: 'programmeId', message: 'must be a published accelerator programme of your organisation' }],
    });
  }
  return programme;
}

/**
 * The partner organisations a cohort may name: real organisations (identity) that partner in its
 * programme. The cohort's partners read it, are notified of its events and widen its pool of
 * pilot-derived candidates, so an organisation the programme does not partner with is refused.
 * `existing` holds the named ids that are organisations (CohortsRepository.existingOrganisations).
 */
export function assertProgrammePartners(programme: ProjectedProgramme, partnerIds: readonly string[], existing: ReadonlySet<string>): void {
  const errors = partnerIds
    .map((id, index) => ({ id: id.toLowerCase(), field: `partnerOrganisationIds.${index}` })) // as PostgreSQL prints UUIDs
    .filter(({ id }) => id !== programme.organiserOrgId && (!existing.has(id) || !programme.partnerOrgIds.includes(id)))
    .map(({ id, field }) => ({ field, message: `${id} is not a partner organisation of programme ${programme.id}` }));
  if (errors.length > 0) {
    throw new CohortError(CohortErrorCode.NotProgrammePartner, 'Every partner organisation of a cohort must partner in its programme', { errors });
  }
}

/** A programme filter must name a programme the caller's organisation organises or partners in (422 otherwise, like a body id). */
export async function assertVisibleProgramme(tx: EntityManager, principal: AuthenticatedPrincipal, programmeId: string): Promise<void> {
  const [programme] = await findProjectedProgrammes(tx, 'cohorts', [programmeId]);
  const org = principal.organisationId;
  if (!programme || org === null || (programme.organiserOrgId !== org && !programme.partnerOrgIds.includes(org))) {
    throw new CohortError(CohortErrorCode.UnknownFilterId, `Programme ${programmeId} is not one of your organisation's programmes`, {
      programmeId,
      errors: [{ field: 'programmeId', message: 'must be a programme your organisation organises or partners in' }],
    });
  }
}
