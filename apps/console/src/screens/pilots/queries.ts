import { api, unwrap } from '../../api/client';
import type { Pilot, Proposal } from './types';

/** Query keys of this area: one record per key, shared by every screen that shows it. */
export const pilotKeys = {
  proposals: ['pilots', 'proposals'] as const,
  proposal: (id: string) => ['pilots', 'proposal', id] as const,
  pilots: ['pilots', 'pilots'] as const,
  pilot: (id: string) => ['pilots', 'pilot', id] as const,
  sites: ['pilots', 'sites'] as const,
  site: (id: string) => ['pilots', 'site', id] as const,
};

export const loadProposal = (id: string): Promise<Proposal> => unwrap(api.pilots.GET('/v1/match-proposals/{id}', { params: { path: { id } } }));

export const loadPilot = (id: string): Promise<Pilot> => unwrap(api.pilots.GET('/v1/pilots/{id}', { params: { path: { id } } }));
