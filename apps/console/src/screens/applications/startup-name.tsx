import { NativeName } from '../../ui/names';
import { useStartup } from './application-api';

/** A startup's name (native, with the Latin form) from its id; the id's start until it has loaded. */
export function StartupName({ startupId }: { startupId: string }) {
  const startup = useStartup(startupId);
  if (!startup.data) return <span className="subtle">{`${startupId.slice(0, 8)}…`}</span>;
  return <NativeName name={startup.data.name} latin={startup.data.nameLatin} />;
}
