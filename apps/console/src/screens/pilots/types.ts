import type { PilotsApi } from '@exchange/sdk/browser';

type Schemas = PilotsApi.components['schemas'];

export type Proposal = Schemas['MatchProposalDto'];
export type Pilot = Schemas['PilotDto'];
export type PilotSite = Schemas['PilotSiteDto'];
export type PilotState = Pilot['state'];
export type ProposalState = Proposal['state'];
export type Outcome = Schemas['FinalReportInputDto']['outcome'];
export type Adoption = Schemas['FinalReportInputDto']['adoption'];

export const PROPOSAL_STATES: readonly ProposalState[] = ['proposed', 'approved', 'declined', 'superseded'];
export const PILOT_STATES: readonly PilotState[] = ['approved', 'scheduled', 'in_progress', 'completed', 'cancelled'];
export const OUTCOMES: readonly Outcome[] = ['success', 'partial', 'failure'];
export const ADOPTIONS: readonly Adoption[] = ['deploy', 'buy', 'extend', 'none'];
