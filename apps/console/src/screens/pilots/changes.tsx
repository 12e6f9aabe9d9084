import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { ProblemError } from '../../api/client';
import { useText } from '../../i18n/language';
import { pilotsText } from './messages';

/** Runs a versioned change so that a 409 shows what changed (see useConflictGuard). */
export type Guard = <R>(change: () => Promise<R>) => Promise<R>;

/** One field a person would notice changing, as they read it. */
export interface WatchedField<T> {
  label: string;
  show: (record: T) => string;
  /** A change here (e.g. the state) means the person's action no longer applies as they meant it. */
  decisive?: boolean;
}

interface Change {
  label: string;
  before: string;
  after: string;
  decisive: boolean;
}

/** A 409 answer and what it changed on screen. */
export interface Conflict {
  changes: Change[];
  problem: ProblemError;
  /** Nothing decisive changed: the person's form and entries still stand, to send again. */
  stillApplies: boolean;
}

function changesBetween<T>(before: T, after: T, fields: WatchedField<T>[]): Change[] {
  return fields.map((f) => ({ label: f.label, before: f.show(before), after: f.show(after), decisive: f.decisive ?? false })).filter((c) => c.before !== c.after);
}

/**
 * Guards a versioned change (optimistic concurrency): when the service answers 409 (someone else
 * changed the record, or it moved on), the fresh record is loaded into the query, what changed is
 * kept for `ChangedNotice`, and the problem is rethrown for the form to show. The form keeps the
 * person's entries; sending again uses the fresh version.
 */
export function useConflictGuard<T>(queryKey: QueryKey, current: T, load: () => Promise<T>, fields: WatchedField<T>[]) {
  const queries = useQueryClient();
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const guard = useCallback(
    async <R,>(change: () => Promise<R>): Promise<R> => {
      // The record as the person saw it when they pressed the button, not as it is after the reload.
      const before = current;
      try {
        const result = await change();
        setConflict(null);
        return result;
      } catch (error) {
        if (error instanceof ProblemError && error.status === 409) {
          const fresh = await load().catch(() => null);
          if (fresh !== null) {
            queries.setQueryData(queryKey, fresh);
            const changes = changesBetween(before, fresh, fields);
            setConflict({ changes, problem: error, stillApplies: !changes.some((c) => c.decisive) });
          }
        }
        throw error;
      }
    },
    [queries, queryKey, current, load, fields],
  );
  return { guard, conflict };
}

/**
 * What changed since the person read the record. While their action still applies, the form they
 * used stays with their entries (and shows the service's answer itself); otherwise it is shown here.
 */
export function ChangedNotice({ conflict }: { conflict: Conflict | null }) {
  const t = useText(pilotsText);
  if (!conflict) return null;
  const { changes, problem, stillApplies: retry } = conflict;
  return (
    <div className="notice notice-warning" role="status">
      <strong>{t('CHANGED_TITLE')}</strong>
      {!retry && <p>{problem.problem.detail ?? problem.problem.title}</p>}
      {changes.length > 0 && (
        <ul>
          {changes.map((c) => (
            <li key={c.label}>
              {c.label}: <del>{c.before}</del> → <ins>{c.after}</ins>
            </li>
          ))}
        </ul>
      )}
      <p>{retry ? t('CHANGED_KEEP') : t('CHANGED_NOT_MADE')}</p>
    </div>
  );
}
