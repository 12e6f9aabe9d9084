import { Inject, Injectable, type OnApplicationShutdown, Optional } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Queues } from '@exchange/contracts';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { DELIVER_JOB, deliverJobOptions, jobDataOf, type DeliverJobData, type DeliveryRef } from './delivery-jobs';

/**
 * Injection token, optional: a queue of deliveries other than `Queues.webhookDelivery`. Only a test
 * provides it (a scratch queue, so parallel runs share no jobs): a queue renamed while jobs wait
 * strands them, so a running service never takes the name from its environment.
 */
export const WEBHOOK_QUEUE = Symbol('WEBHOOK_QUEUE');

/**
 * The producer side of the delivery queue: one job per delivery, job id = delivery id. The worker and
 * the per-endpoint slots take the queue's name from here.
 */
@Injectable()
export class DeliveryQueue implements OnApplicationShutdown {
  readonly queue: Queue<DeliverJobData>;
  private readonly connection: Redis;
  private readonly logger = getLogger({ component: 'delivery-queue' });

  constructor(
    @Inject(SERVICE_CONFIG) config: NotificationsConfig,
    @Optional() @Inject(WEBHOOK_QUEUE) name: string = Queues.webhookDelivery,
  ) {
    this.connection = new Redis(config.REDIS_URL, { connectionName: 'notifications-queue', maxRetriesPerRequest: 2 });
    this.connection.on('error', (err: Error) => this.logger.warn({ err: err.message }, 'delivery queue Redis error'));
    this.queue = new Queue<DeliverJobData>(name, { connection: this.connection });
  }

  /**
   * Adds a job for each delivery that has none, to run at once or from `at` on; existing jobs
   * (waiting, delayed, active) are left alone.
   */
  async enqueue(deliveries: readonly DeliveryRef[], at?: Date): Promise<void> {
    const delayMs = at ? Math.max(0, at.getTime() - Date.now()) : 0;
    for (let i = 0; i < deliveries.length; i += 1_000) {
      const slice = deliveries.slice(i, i + 1_000).map(jobDataOf);
      await this.queue.addBulk(slice.map((data) => ({ name: DELIVER_JOB, data, opts: deliverJobOptions(data.deliveryId, delayMs) })));
    }
  }

  /** Runs a delivery as soon as possible: promotes its delayed job, or adds one. */
  async runNow(deliveryId: string): Promise<void> {
    const job = await this.queue.getJob(deliveryId);
    if (job) {
      const state = await job.getState();
      if (state === 'delayed') {
        await job.promote().catch(() => undefined);
        return;
      }
      if (state === 'waiting' || state === 'active' || state === 'prioritized' || state === 'waiting-children') return;
      await job.remove().catch(() => undefined);
    }
    await this.enqueue([deliveryId]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close().catch(() => undefined);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
