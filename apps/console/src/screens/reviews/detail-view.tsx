import type { ReactNode } from 'react';
import { QueryView } from '../../ui/feedback';

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/**
 * A detail screen's query: the screen itself once the data is there; until then (or when it failed)
 * a panel with the screen's heading, so the page always has its one <h1> beside the progress or problem.
 */
export function DetailView<T>({ title, query, children }: { title: string; query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) return <>{children(query.data)}</>;
  return (
    <section className="panel">
      <h1>{title}</h1>
      <QueryView query={query}>{() => null}</QueryView>
    </section>
  );
}
