import { Counter, Histogram, register } from 'prom-client';

function once<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}

/** Delivery outcomes on /metrics (DESIGN.md section 7). */
export const deliveryMetrics = {
  attempts: once(
    'webhook_delivery_attempts_total',
    () =>
      new Counter({
        name: 'webhook_delivery_attempts_total',
        help: 'Webhook delivery attempts by outcome (succeeded, retrying, failed, gone)',
        labelNames: ['outcome'],
      }),
  ),
  latency: once(
    'webhook_delivery_latency_seconds',
    () =>
      new Histogram({
        name: 'webhook_delivery_latency_seconds',
        help: 'Time from sending a webhook to its answer',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
      }),
  ),
  saturated: once(
    'webhook_delivery_endpoint_saturated_total',
    () => new Counter({ name: 'webhook_delivery_endpoint_saturated_total', help: 'Jobs postponed because their endpoint had no free slot' }),
  ),
};
