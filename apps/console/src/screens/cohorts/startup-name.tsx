import { useQuery } from '@tanstack/react-query';
import { api, ProblemError, unwrap } from '../../api/client';
import { useText } from '../../i18n/language';
import { NativeName } from '../../ui/names';
import { cohortsText } from './messages';
import { cohortKeys } from './queries';

// Names change rarely: one lookup serves every table on the screen for a while.
const NAME_STALE_MS = 5 * 60_000;

/** A startup's name as the applications service knows it (a member carries only the id). */
export function useStartupName(id: string) {
  return useQuery({
    queryKey: cohortKeys.startup(id),
    queryFn: () => unwrap(api.applications.GET('/v1/startups/{id}', { params: { path: { id } } })),
    staleTime: NAME_STALE_MS,
    select: (startup) => ({ name: startup.name, latin: startup.nameLatin }),
  });
}

export function StartupName({ id }: { id: string }) {
  const t = useText(cohortsText);
  const query = useStartupName(id);
  if (query.data) return <NativeName name={query.data.name} latin={query.data.latin} />;
  if (query.error)
    return (
      <span>
        {t('UNKNOWN_NAME')}
        {query.error instanceof ProblemError && <small> ({query.error.problem.title})</small>}
      </span>
    );
  return <span aria-busy="true">…</span>;
}
