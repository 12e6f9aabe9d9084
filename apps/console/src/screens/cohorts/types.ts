import type { CohortsApi } from '@exchange/sdk/browser';

type Schemas = CohortsApi.components['schemas'];

export type Cohort = Schemas['CohortDto'];
export type CohortState = Cohort['state'];
export type Member = Schemas['MemberDto'];
export type MemberState = Member['state'];
export type Candidate = Schemas['CohortCandidateDto'];
export type Selection = Schemas['SelectionResultDto'];
export type SelectionEntry = Schemas['SelectionEntryDto'];

export const COHORT_STATES: readonly CohortState[] = ['planning', 'selecting', 'in_progress', 'graduated', 'cancelled'];
/** The states a startup reaches once offered a place (the waitlist has its own list). */
export const OFFER_STATES: readonly MemberState[] = ['offered', 'accepted', 'declined', 'expired', 'dropped_out', 'graduated', 'not_graduated'];
