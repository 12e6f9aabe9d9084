import { Counter, Histogram, collectDefaultMetrics, register } from 'prom-client';

/**
 * The one registry `/metrics` serves: prom-client's process-wide default registry, so metrics that
 * other libraries create without naming a registry (messaging: outbox lag, consumer lag, delivery
 * outcomes) are served too.
 */
export const metricsRegistry = register;

let defaultsCollected = false;

/** How often the event loop's delay is sampled (prom-client's default: 10 ms). */
export const EVENT_LOOP_SAMPLE_MS = 50;

/** Process metrics (CPU, memory, event loop lag, GC). Idempotent: tests boot several apps per process. */
export function collectProcessMetrics(labels: Record<string, string> = {}): void {
  if (defaultsCollected) return;
  defaultsCollected = true;
  if (Object.keys(labels).length > 0) metricsRegistry.setDefaultLabels(labels);
  // The event-loop delay histogram samples on a libuv timer: every 10 ms by default, which woke each
  // idle process 200 times a second (with the wake-up after it). Lag worth an alert is tens of
  // milliseconds or more, which a 50 ms sample still sees.
  collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
}

/** Metrics are process-wide: a second app booted in the same process (tests) reuses them. */
function once<T>(name: string, create: () => T): T {
  return (metricsRegistry.getSingleMetric(name) as T | undefined) ?? create();
}

export const httpRequestDuration: Histogram<'method' | 'route' | 'status_code'> = once('http_request_duration_seconds', () => new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds, by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
}));

export const httpRequestsTotal: Counter<'method' | 'route' | 'status_code'> = once('http_requests_total', () => new Counter({
  name: 'http_requests_total',
  help: 'HTTP requests answered, by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  registers: [metricsRegistry],
}));
