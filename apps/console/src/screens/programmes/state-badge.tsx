import { useText } from '../../i18n/language';
import { programmesText } from './messages';
import type { ProgrammeState } from './programme-api';

/** A programme's state in words (the colour only repeats what the word says). */
export function StateBadge({ state }: { state: ProgrammeState }) {
  const t = useText(programmesText);
  return <span className={state === 'published' ? 'badge ok' : 'badge'}>{t(`STATE_${state}`)}</span>;
}
