import { useProgramme, useStartup } from '../api/queries';
import { ProblemError } from '../api/client';
import { useText } from '../i18n/language';
import { uiText } from './messages';
import { NativeName } from './names';

/** The short form of an id people can quote (the first block of the UUID). */
export function shortRef(id: string): string {
  return id.slice(0, 8);
}

/** While a name loads: the id's short form; when it cannot be read: said so, with the service's reason. */
function NameFallback({ id, error }: { id: string; error: unknown }) {
  const t = useText(uiText);
  if (!error) return <span className="code" aria-busy="true">{shortRef(id)}</span>;
  return (
    <span>
      {t('UNKNOWN_NAME')}
      {error instanceof ProblemError && <small> ({error.problem.title})</small>}
    </span>
  );
}

/** A startup's name (native, with the Latin form) from its id. */
export function StartupName({ startupId }: { startupId: string }) {
  const startup = useStartup(startupId);
  if (!startup.data) return <NameFallback id={startupId} error={startup.error} />;
  return <NativeName name={startup.data.name} latin={startup.data.nameLatin} />;
}

/** A programme's name (native, with the Latin form) from its id. */
export function ProgrammeName({ programmeId }: { programmeId: string }) {
  const programme = useProgramme(programmeId);
  if (!programme.data) return <NameFallback id={programmeId} error={programme.error} />;
  return <NativeName name={programme.data.name} latin={programme.data.nameLatin} />;
}
