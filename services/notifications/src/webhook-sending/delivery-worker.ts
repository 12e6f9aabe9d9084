import { type BeforeApplicationShutdown, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { getLogger, PeriodicJob, REDIS_CLIENT, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import type { DeliverJobData } from './delivery-jobs';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryRepository } from './delivery.repository';
import { EndpointSemaphore } from './endpoint-semaphore';
import { PostCommitDispatch } from './post-commit-dispatch';
import { RATE_WINDOW_MS } from './send-rate';
import { WebhookSender } from './webhook-sender';

/**
 * Runs the BullMQ worker of the delivery queue and the sweeper that re-enqueues pending deliveries
 * whose job was lost. Closed on shutdown: the worker stops taking jobs, and the jobs and first
 * attempts (PostCommitDispatch) in flight end.
 */
@Injectable()
export class DeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private worker: Worker<DeliverJobData> | null = null;
  private connection: Redis | null = null;
  private readonly logger = getLogger({ component: 'delivery-worker' });
  private readonly sweeps: PeriodicJob;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly processor: DeliveryProcessor,
    private readonly repository: DeliveryRepository,
    private readonly queue: DeliveryQueue,
    private readonly sender: WebhookSender,
    private readonly semaphore: EndpointSemaphore,
    private readonly dispatch: PostCommitDispatch,
  ) {
    this.sweeps = new PeriodicJob({
      name: 'delivery sweep',
      intervalMs: config.WEBHOOK_SWEEP_INTERVAL_MS,
      run: () => this.sweep(),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    if (!this.config.WEBHOOK_WORKER_ENABLED) return;
    const c = this.config;
    // BullMQ's blocking commands need a connection that never gives up on a request.
    this.connection = new Redis(c.REDIS_URL, { connectionName: 'notifications-worker', maxRetriesPerRequest: null });
    this.connection.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'delivery worker Redis error'));
    this.worker = new Worker<DeliverJobData>(this.queue.queue.name, (job, token) => this.processor.process(job, token), {
      connection: this.connection,
      concurrency: c.WEBHOOK_WORKER_CONCURRENCY,
      limiter: { max: c.WEBHOOK_RATE_LIMIT_PER_SECOND, duration: RATE_WINDOW_MS },
      // The lock is renewed while a request runs; a crashed worker's jobs are taken back after it lapses.
      lockDuration: Math.max(5_000, c.WEBHOOK_TIMEOUT_MS * 2),
      stalledInterval: Math.max(5_000, c.WEBHOOK_TIMEOUT_MS),
      maxStalledCount: 10,
    });
    this.worker.on('failed', (job, err) => this.logger.warn({ deliveryId: job?.data.deliveryId, err: err.message }, 'delivery job error'));
    this.worker.on('error', (err) => this.logger.warn({ err: err.message }, 'delivery worker error'));
    this.sweeps.start();
  }

  /** Re-enqueues pending deliveries overdue by the grace period (a crash between commit and enqueue). */
  async sweep(): Promise<number> {
    const orphans = await this.repository.findOrphans(this.config.WEBHOOK_SWEEP_GRACE_MS, 5_000);
    if (orphans.length > 0) {
      this.logger.info({ deliveries: orphans.length }, 'sweeper: enqueueing pending deliveries without a job');
      await this.queue.enqueue(orphans);
    }
    return orphans.length;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeps.stop();
    await this.worker?.close();
    await this.dispatch.drain();
    this.sender.close();
    await this.connection?.quit().catch(() => this.connection?.disconnect());
    await this.semaphore.close();
  }
}
