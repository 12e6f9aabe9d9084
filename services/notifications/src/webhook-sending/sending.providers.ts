import type { Provider } from '@nestjs/common';
import Redis from 'ioredis';
import { getLogger, REDIS_CLIENT, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { DeliveryQueue } from './delivery-queue';
import { EndpointSemaphore } from './endpoint-semaphore';
import { RATE_WINDOW_MS, SendRate } from './send-rate';
import { WebhookSender } from './webhook-sender';

/** The HTTP side of delivery, built from the config once; the delivery worker closes it on shutdown. */
export const webhookSenderProvider: Provider = {
  provide: WebhookSender,
  inject: [SERVICE_CONFIG],
  useFactory: (c: NotificationsConfig) =>
    new WebhookSender({ allowHttp: c.WEBHOOK_ALLOW_HTTP, allowPrivateNetworks: c.WEBHOOK_ALLOW_PRIVATE_NETWORKS }, c.WEBHOOK_TIMEOUT_MS),
};

/**
 * The per-endpoint slots, on their own Redis connection with auto-pipelining: the acquires and
 * releases of the jobs in flight that fall in the same tick go out in one write. The connection is
 * lazy, so a service whose worker is off never opens it; the delivery worker closes it on shutdown.
 */
export const endpointSemaphoreProvider: Provider = {
  provide: EndpointSemaphore,
  inject: [SERVICE_CONFIG, DeliveryQueue],
  useFactory: (c: NotificationsConfig, deliveries: DeliveryQueue) => {
    const logger = getLogger({ component: 'delivery-worker' });
    const connection = new Redis(c.REDIS_URL, { connectionName: 'notifications-slots', enableAutoPipelining: true, maxRetriesPerRequest: 2, lazyConnect: true });
    connection.on('error', (err: Error) => logger.warn({ err: err.message }, 'endpoint slots Redis error'));
    return new EndpointSemaphore(connection, `notifications:${deliveries.queue.name}`, c.WEBHOOK_ENDPOINT_CONCURRENCY, c.WEBHOOK_TIMEOUT_MS + 10_000);
  },
};

/** The shared send budget, on the counter of the queue's worker limiter (see SendRate). */
export const sendRateProvider: Provider = {
  provide: SendRate,
  inject: [SERVICE_CONFIG, REDIS_CLIENT, DeliveryQueue],
  useFactory: (c: NotificationsConfig, redis: Redis, deliveries: DeliveryQueue) =>
    new SendRate(redis, deliveries.queue.keys.limiter, c.WEBHOOK_RATE_LIMIT_PER_SECOND, RATE_WINDOW_MS),
};
