import type { ReactNode } from 'react';
import { ErrorNotice, Loading } from '../../ui/feedback';
import { useAction } from '../../ui/forms';

/**
 * A one-click action in a table row: a short visible text, an accessible name that names the row
 * ("Accept the offer of Cohort 1a2b3c4d"; none where the visible text says it all), progress, and the
 * service's problem beside it.
 * (ui/forms ActionButton without a label of its own.)
 */
export function RowAction({ label, action, children, className }: { label?: string; action: () => Promise<unknown>; children: ReactNode; className?: string }) {
  const { run, pending, problem } = useAction(action);
  return (
    <span className="action">
      <button type="button" className={className} aria-label={label} disabled={pending} aria-busy={pending} onClick={() => void run()}>
        {children}
      </button>
      {pending && <Loading />}
      {Boolean(problem) && <ErrorNotice error={problem} />}
    </span>
  );
}
