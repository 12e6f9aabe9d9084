import { api, unwrap } from '../../api/client';
import type { Cohort } from './types';

/** Query keys of this area. */
export const cohortKeys = {
  cohorts: ['cohorts', 'list'] as const,
  cohort: (id: string) => ['cohorts', 'cohort', id] as const,
  /** Everything listed under one cohort: candidates and members. */
  within: (id: string) => ['cohorts', 'within', id] as const,
};

export const loadCohort = (id: string): Promise<Cohort> => unwrap(api.cohorts.GET('/v1/cohorts/{id}', { params: { path: { id } } }));
