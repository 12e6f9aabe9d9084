import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { AfterCommitBatcher } from '../common/after-commit';
import type { DeliveryRef } from './delivery-jobs';
import { DeliveryQueue } from './delivery-queue';
import { DeliveryProcessor } from './delivery.processor';
import { SendRate } from './send-rate';

type KnownEndpoint = Exclude<DeliveryRef, string>;

/**
 * Hands the deliveries of a transaction on once it has committed: their first attempt starts at once
 * in this process, and the queue takes only what this cannot do — a retry (added delayed until it is
 * due), an endpoint without a free slot, a delivery not claimable now (paused, not due), a first
 * attempt beyond WEBHOOK_WORKER_CONCURRENCY in flight here or beyond the shared
 * WEBHOOK_RATE_LIMIT_PER_SECOND, and everything of an instance whose worker is off. A queue job per
 * first attempt cost a quarter of this service's time and most of a webhook's wait at 100 events/s
 * (README "Benchmarks"). A crash between the commit and the attempt leaves the delivery pending and
 * due: the sweeper enqueues it.
 */
@Injectable()
export class PostCommitDispatch extends AfterCommitBatcher<DeliveryRef> implements OnModuleInit {
  private readonly attempts = new Set<Promise<void>>();
  /** First attempts running here, and the ones being granted a send. */
  private active = 0;
  private closed = false;
  private readonly logger = getLogger({ component: 'delivery-worker' });

  constructor(
    @Inject(DataSource) dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    private readonly queue: DeliveryQueue,
    private readonly processor: DeliveryProcessor,
    private readonly rate: SendRate,
  ) {
    super(dataSource, 'webhook deliveries');
  }

  onModuleInit(): void {
    this.listen();
  }

  protected async flush(deliveries: DeliveryRef[]): Promise<void> {
    const room = this.config.WEBHOOK_WORKER_ENABLED && !this.closed ? this.config.WEBHOOK_WORKER_CONCURRENCY - this.active : 0;
    const now: KnownEndpoint[] = [];
    const queued: DeliveryRef[] = [];
    // Without its endpoint a delivery needs a lookup first: the queue's worker does it.
    for (const ref of deliveries) {
      if (typeof ref !== 'string' && now.length < room) now.push(ref);
      else queued.push(ref);
    }
    this.active += now.length;
    let granted = 0;
    try {
      granted = await this.rate.take(now.length);
    } finally {
      this.active -= now.length - granted;
    }
    queued.push(...now.splice(granted));
    for (const ref of now) {
      const attempt = this.firstAttempt(ref).finally(() => {
        this.active -= 1;
        this.attempts.delete(attempt);
      });
      this.attempts.add(attempt);
    }
    if (queued.length > 0) await this.queue.enqueue(queued);
  }

  private async firstAttempt(ref: KnownEndpoint): Promise<void> {
    try {
      const tried = await this.processor.attempt(ref.deliveryId, ref.endpointId);
      if (tried.kind === 'retry') await this.queue.enqueue([ref], tried.nextAttemptAt);
      // The queue's worker waits for a slot, and finds out why a delivery was not claimable.
      else if (tried.kind === 'saturated' || tried.kind === 'not claimed') await this.queue.enqueue([ref]);
    } catch (error) {
      this.logger.warn({ deliveryId: ref.deliveryId, err: (error as Error).message }, 'first attempt failed; the delivery goes to the queue');
      await this.queue.enqueue([ref]).catch((err: Error) => {
        this.logger.warn({ deliveryId: ref.deliveryId, err: err.message }, 'enqueue failed; the sweeper will find the delivery');
      });
    }
  }

  /** Starts no more first attempts (what commits from now on is queued) and waits for those running. */
  async drain(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.attempts]);
  }
}
