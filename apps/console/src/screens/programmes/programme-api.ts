import { sharedKeys } from '../../api/queries';
import { useQuery } from '@tanstack/react-query';
import { allItems, type ApplicationsApi } from '@exchange/sdk/browser';
import { NORMALISATIONS, PROGRAMME_KINDS, PROGRAMME_STATES } from '@exchange/data/enums';
import { api, unwrap } from '../../api/client';
import { usePrincipal } from '../../session/session';

type Schemas = ApplicationsApi.components['schemas'];
export type Programme = Schemas['ProgrammeResponse'];
export type ProgrammeState = Programme['state'];
export type ProgrammeKind = Programme['kind'];
export type Normalisation = Programme['normalisation'];
export type RankingEntry = Schemas['RankingEntry'];
export type Person = Schemas['PersonDto'];

export { NORMALISATIONS, PROGRAMME_KINDS, PROGRAMME_STATES };

/** Query keys of this area, so a change invalidates exactly what it touched. */
export const programmeKeys = {
  all: ['programmes'] as const,
  one: sharedKeys.programme,
  ranking: (id: string) => ['programmes', 'ranking', id] as const,
  progress: (id: string) => ['programmes', 'review-progress', id] as const,
  choices: ['programmes', 'choices'] as const,
  reviewers: (organisationId: string) => ['organisations', organisationId, 'reviewers'] as const,
};

export { useProgramme } from '../../api/queries';

/** One large page of programmes: what filters and name look-ups choose from. */
export function useProgrammeChoices() {
  return useQuery({
    queryKey: programmeKeys.choices,
    queryFn: () => unwrap(api.applications.GET('/v1/programmes', { params: { query: { limit: 200 } } })),
    staleTime: 60_000,
  });
}

export function useRanking(programmeId: string) {
  return useQuery({
    queryKey: programmeKeys.ranking(programmeId),
    queryFn: () => unwrap(api.applications.GET('/v1/programmes/{id}/ranking', { params: { path: { id: programmeId } } })),
  });
}

/** The reviewers of the signed-in person's organisation, to assign and to name in progress tables. */
export function useOrganisationReviewers() {
  const { organisationId } = usePrincipal();
  return useQuery({
    queryKey: programmeKeys.reviewers(organisationId ?? 'none'),
    staleTime: 60_000,
    queryFn: async (): Promise<Person[]> =>
      organisationId === null
        ? []
        : allItems((cursor) =>
            unwrap(api.applications.GET('/v1/organisations/{organisationId}/people', { params: { path: { organisationId }, query: { role: 'reviewer', limit: 100, cursor } } })),
          ),
  });
}

/** A reviewer's name where the organisation's list knows it, else the start of the id. */
export function reviewerName(reviewers: readonly Person[] | undefined, principalId: string): string {
  return reviewers?.find((r) => r.id === principalId)?.displayName ?? `${principalId.slice(0, 8)}…`;
}

/** The CSV of the ranking through the console server: a plain GET that carries the session cookie. */
export function rankingCsvHref(programmeId: string): string {
  return `/api/applications/v1/programmes/${encodeURIComponent(programmeId)}/ranking.csv`;
}
