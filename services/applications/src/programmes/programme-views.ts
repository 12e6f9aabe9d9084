import type { Programme } from '@exchange/data';
import type { AuthenticatedPrincipal } from '@exchange/platform';
import { minimumGradeOf } from '../applications/eligibility';
import type { ProgrammeResponse } from './dto/programme.dto';
import { instantToZoned } from './zoned-time';

export function programmeView(p: Programme): ProgrammeResponse {
  const minGrade = p.requiredCertificationMinGrade ?? minimumGradeOf(p.requiredCertificationGrades);
  return {
    id: p.id,
    name: p.name,
    nameLatin: p.nameLatin,
    description: p.description,
    kind: p.kind,
    state: p.state,
    organiserOrganisationId: p.organiserOrganisationId,
    partnerOrganisationIds: p.partnerOrganisationIds,
    hostCountry: p.hostCountry,
    hostCity: p.hostCity,
    window: {
      opensAt: p.windowOpensAt.toISOString(),
      closesAt: p.windowClosesAt.toISOString(),
      opensAtLocal: instantToZoned(p.windowOpensAt, p.timeZone),
      closesAtLocal: instantToZoned(p.windowClosesAt, p.timeZone),
      timeZone: p.timeZone,
    },
    capacity: p.capacity,
    eligibility: {
      countries: p.eligibleCountries,
      technologyFields: p.eligibleTechnologyFields,
      minTrl: p.minTrl,
      maxTrl: p.maxTrl,
      requiredCertification: p.requiredCertificationKind
        ? {
            kind: p.requiredCertificationKind,
            ...(minGrade ? { minGrade } : {}),
            verified: p.requiresVerifiedCertification,
            issuerOrganisationIds: p.requiredCertificationIssuers,
          }
        : null,
      maxCompanyAgeYears: p.maxCompanyAgeYears,
    },
    rubric: { criteria: p.rubricCriteria, scaleMin: p.scoreScaleMin, scaleMax: p.scoreScaleMax },
    reviewsRequired: p.reviewsRequired,
    blindReview: p.blindReview,
    normalisation: p.normalisation,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export { programmeRef } from '@exchange/data';

/** Managers (and admins) of the organising organisation run the programme. */
export function managesProgramme(principal: AuthenticatedPrincipal, p: Programme): boolean {
  return (principal.role === 'programme_manager' || principal.role === 'admin') && principal.organisationId === p.organiserOrganisationId;
}

/** The organiser's people and the partner agencies see everything about a programme. */
export function isProgrammeInsider(principal: AuthenticatedPrincipal, p: Programme): boolean {
  return (
    principal.organisationId !== null &&
    (principal.organisationId === p.organiserOrganisationId || p.partnerOrganisationIds.includes(principal.organisationId))
  );
}

/**
 * The one rule for an organiser-only action on a programme (DESIGN.md §9): the organiser's managers
 * act. An insider who may read the programme but not manage it (a partner organisation's staff) is
 * refused with the capability's 403; anyone else gets the 404 of an unknown id, so the answer tells an
 * outsider nothing about what exists.
 */
export function requireManager(
  principal: AuthenticatedPrincipal,
  programme: Programme | null | undefined,
  refuse: { notFound: () => Error; notOrganiser: () => Error },
): Programme {
  if (!programme || !isProgrammeInsider(principal, programme)) throw refuse.notFound();
  if (!managesProgramme(principal, programme)) throw refuse.notOrganiser();
  return programme;
}

/** Published (and closed) programmes are public to every caller; drafts only to insiders. */
export function mayViewProgramme(principal: AuthenticatedPrincipal, p: Programme): boolean {
  return p.state !== 'draft' || isProgrammeInsider(principal, p);
}
