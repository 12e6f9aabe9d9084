import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ProblemError } from '../api/client';
import { useText } from '../i18n/language';
import { uiText } from './messages';

/** A slow call shows that it is under way (announced to screen readers too). */
export function Loading({ label }: { label?: string }) {
  const t = useText(uiText);
  return (
    <p className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('LOADING')}
    </p>
  );
}

/** fetch rejects with a TypeError when nothing answered; other TypeErrors are the console's own bugs. */
function isNetworkFailure(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/** A refused or failed call: the service's own title and detail (already in the reader's language). */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useText(uiText);
  const problem = error instanceof ProblemError ? error.problem : null;
  const title = problem?.title ?? t('ERROR_TITLE');
  const detail = problem ? problem.detail : isNetworkFailure(error) ? t('ERROR_NETWORK') : t('ERROR_UNEXPECTED');
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong>
      {detail && <p>{detail}</p>}
      {problem?.code && <p className="code">{problem.code}</p>}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('TRY_AGAIN')}
        </button>
      )}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <p className="notice notice-success" role="status">
      {children}
    </p>
  );
}

interface QueryLike<T> {
  data: T | undefined;
  error: unknown;
  isPending: boolean;
  refetch: () => unknown;
}

/** The one way a screen shows a query: progress while it loads, the problem if it failed, else the data. */
export function QueryView<T>({ query, children }: { query: QueryLike<T>; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data as T)}</>;
}

function ErrorFallback({ error, reset }: { error: unknown; reset: () => void }) {
  const t = useText(uiText);
  return (
    <section className="panel">
      <h1>{t('ERROR_TITLE')}</h1>
      <ErrorNotice error={error} onRetry={reset} />
    </section>
  );
}

/** A screen that throws while rendering shows a message and a way back, never a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey?: string }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error('console screen failed', error, info.componentStack);
  }

  override componentDidUpdate(previous: { resetKey?: string }) {
    if (previous.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }

  override render() {
    if (this.state.error) return <ErrorFallback error={this.state.error} reset={() => this.setState({ error: null })} />;
    return this.props.children;
  }
}
