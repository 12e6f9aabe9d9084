import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

/** Names change rarely: one read serves every row and screen that names them for a while. */
const NAMES_STALE_MS = 5 * 60_000;

/** The query keys more than one area reads (an area's own keys live beside its screens). */
export const sharedKeys = {
  startup: (id: string) => ['startups', id] as const,
  programme: (id: string) => ['programmes', 'one', id] as const,
};

export function useStartup(id: string) {
  return useQuery({
    queryKey: sharedKeys.startup(id),
    queryFn: () => unwrap(api.applications.GET('/v1/startups/{id}', { params: { path: { id } } })),
    staleTime: NAMES_STALE_MS,
  });
}

export function useProgramme(id: string) {
  return useQuery({
    queryKey: sharedKeys.programme(id),
    queryFn: () => unwrap(api.applications.GET('/v1/programmes/{id}', { params: { path: { id } } })),
    staleTime: NAMES_STALE_MS,
  });
}
