import { useQuery } from '@tanstack/react-query';
import type { ApplicationsApi } from '@exchange/sdk/browser';
import { APPLICATION_STATES } from '@exchange/data/enums';
import { api, unwrap } from '../../api/client';

type Schemas = ApplicationsApi.components['schemas'];
export type Application = Schemas['ApplicationResponse'];
export type ApplicationState = Application['state'];
export type Review = Schemas['ReviewResponse'];
export type Startup = Schemas['StartupResponse'];

export { APPLICATION_STATES };
/** The states a decision is made from (the service's lifecycle: review starts when reviewers are assigned). */
export const DECIDABLE_STATES: readonly ApplicationState[] = ['under_review', 'waitlisted'];

export const applicationKeys = {
  all: ['applications'] as const,
  one: (id: string) => ['applications', 'one', id] as const,
  history: (id: string) => ['applications', 'history', id] as const,
  reviews: (id: string) => ['applications', 'reviews', id] as const,
};

export function useApplication(id: string) {
  return useQuery({ queryKey: applicationKeys.one(id), queryFn: () => unwrap(api.applications.GET('/v1/applications/{id}', { params: { path: { id } } })) });
}

export function useApplicationHistory(id: string) {
  return useQuery({ queryKey: applicationKeys.history(id), queryFn: () => unwrap(api.applications.GET('/v1/applications/{id}/history', { params: { path: { id } } })) });
}

export function useApplicationReviews(id: string) {
  return useQuery({ queryKey: applicationKeys.reviews(id), queryFn: () => unwrap(api.applications.GET('/v1/applications/{id}/reviews', { params: { path: { id } } })) });
}

/** The plain mean of the weighted scores of the reviews given (abstentions do not score). */
export function rawMean(reviews: readonly Review[]): number | null {
  const scores = reviews.filter((r) => !r.abstained && r.weightedScore !== null).map((r) => r.weightedScore as number);
  return scores.length === 0 ? null : scores.reduce((sum, s) => sum + s, 0) / scores.length;
}
