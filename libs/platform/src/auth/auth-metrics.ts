import { Counter } from 'prom-client';
import { metricsRegistry } from '../metrics/metrics-registry';

/** Metrics are process-wide: a second app booted in the same process (tests) reuses them. */
function once<T>(name: string, create: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? create();
}

/** Every API-key lookup that reached PostgreSQL (cache misses), by whether a usable key was found. */
export const authKeyLookupsTotal: Counter<'result'> = once(
  'auth_key_lookups_total',
  () => new Counter({ name: 'auth_key_lookups_total', help: 'API-key lookups in PostgreSQL (key cache misses), by result', labelNames: ['result'] as const, registers: [metricsRegistry] }),
);

/** Cached principals not trusted: unsigned, a MAC that does not match, or unreadable. Any of them is worth an alert. */
export const authCacheRejectedTotal: Counter<'reason'> = once(
  'auth_cache_rejected_total',
  () => new Counter({ name: 'auth_cache_rejected_total', help: 'Key cache entries refused (no or bad MAC, unreadable) and looked up again', labelNames: ['reason'] as const, registers: [metricsRegistry] }),
);

/** Failed authentications: answered 401 (`refused`) or 429 because the address used up its failures (`limited`). */
export const authFailuresTotal: Counter<'outcome'> = once(
  'auth_failures_total',
  () => new Counter({ name: 'auth_failures_total', help: 'Requests with a key that did not authenticate, by outcome (refused 401, limited 429)', labelNames: ['outcome'] as const, registers: [metricsRegistry] }),
);
