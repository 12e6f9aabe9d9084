import { useQuery } from '@tanstack/react-query';
import { api, ProblemError, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { NativeName } from '../../ui/names';
import { pilotsText } from './messages';
import { loadProposal, pilotKeys } from './queries';
import type { Pilot } from './types';

// Names change rarely: a lookup is reused across the screens for a while.
const NAME_STALE_MS = 5 * 60_000;

/** A name that could not be looked up: said so, with the service's reason, instead of a blank cell. */
function NameUnavailable({ error }: { error: unknown }) {
  const t = useText(pilotsText);
  return (
    <span className="pilots-name-unavailable">
      {t('UNKNOWN_NAME')}
      {error instanceof ProblemError && <small> ({error.problem.title})</small>}
    </span>
  );
}

/**
 * The startup and site of a pilot, from the proposal it came from (a pilot carries only their ids).
 * While loading, or if the proposal cannot be read, `ready` is false and `error` says why.
 */
export function usePilotParties(pilot: Pick<Pilot, 'proposalId'>) {
  const query = useQuery({ queryKey: pilotKeys.proposal(pilot.proposalId), queryFn: () => loadProposal(pilot.proposalId), staleTime: NAME_STALE_MS });
  return { startup: query.data?.startupName ?? '…', site: query.data?.siteName ?? '…', ready: Boolean(query.data), error: query.error };
}

/** "Startup · Site" of a pilot for a table cell. */
export function PilotParties({ pilot }: { pilot: Pick<Pilot, 'proposalId'> }) {
  const parties = usePilotParties(pilot);
  if (parties.error) return <NameUnavailable error={parties.error} />;
  return (
    <>
      <NativeName name={parties.startup} />
      <br />
      <small>{parties.site}</small>
    </>
  );
}
