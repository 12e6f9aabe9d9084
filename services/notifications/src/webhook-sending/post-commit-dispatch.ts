import { Inject, Injectable } from '@nestjs/common';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { AfterCommitBatcher } from '../common/after-commit';
import type { DeliveryRef } from './delivery-jobs';
import { DeliveryQueue } from './delivery-queue';
import { ATTEMPT_LEASE_MARGIN_MS, DeliveryProcessor } from './delivery.processor';
import { DeliveryRepository } from './delivery.repository';
import { SendRate } from './send-rate';

type KnownEndpoint = Exclude<DeliveryRef, string>;

/**
 * How long a delivery's first-attempt lease runs beyond the request's timeout, from the fan-out: the
 * attempt starts once the consumer's transaction has committed, and must still have a claim's worth
 * of lease left (leaseLeft), or it goes through the queue. After a crash the sweeper finds the
 * delivery once the lease has run out.
 */
const FIRST_ATTEMPT_LEASE_MARGIN_MS = 10_000;

/**
 * Hands the deliveries of a transaction on once it has committed: their first attempt starts at once
 * in this process, and the queue takes only what this cannot do — a retry (added delayed until it is
 * due), an endpoint without a free slot, a delivery not claimable now (paused, not due), a first
 * attempt beyond WEBHOOK_WORKER_CONCURRENCY in flight here or beyond the shared
 * WEBHOOK_RATE_LIMIT_PER_SECOND, and everything of an instance whose worker is off. A queue job per
 * first attempt cost a quarter of this service's time and most of a webhook's wait at 100 events/s
 * (README "Benchmarks"). The fan-out creates each delivery to an active endpoint already leased for
 * this first attempt (leaseUntil), so the attempt claims nothing; one that goes to the queue instead
 * has its lease given back first. A crash between the commit and the attempt leaves the delivery
 * pending: the sweeper enqueues it once its lease has run out.
 */
@Injectable()
export class PostCommitDispatch extends AfterCommitBatcher<DeliveryRef> {
  private readonly attempts = new Set<Promise<void>>();
  /** First attempts running here, and the ones being granted a send. */
  private active = 0;
  private closed = false;
  private readonly logger = getLogger({ component: 'delivery-worker' });

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    private readonly queue: DeliveryQueue,
    private readonly processor: DeliveryProcessor,
    private readonly rate: SendRate,
    private readonly deliveries: DeliveryRepository,
  ) {
    super('webhook deliveries');
  }

  /**
   * Until when the fan-out leases the deliveries it creates for their first attempt here; null when
   * this instance makes no first attempts (its worker is off, or it is draining).
   */
  leaseUntil(): Date | null {
    if (!this.config.WEBHOOK_WORKER_ENABLED || this.closed) return null;
    return new Date(Date.now() + this.config.WEBHOOK_TIMEOUT_MS + FIRST_ATTEMPT_LEASE_MARGIN_MS);
  }

  protected async flush(deliveries: DeliveryRef[]): Promise<void> {
    const room = this.config.WEBHOOK_WORKER_ENABLED && !this.closed ? this.config.WEBHOOK_WORKER_CONCURRENCY - this.active : 0;
    const now: KnownEndpoint[] = [];
    const queued: DeliveryRef[] = [];
    // Without its endpoint a delivery needs a lookup first: the queue's worker does it.
    for (const ref of deliveries) {
      if (typeof ref !== 'string' && now.length < room && this.leaseLeft(ref)) now.push(ref);
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
    if (queued.length > 0) await this.toQueue(queued);
  }

  /** Whether a leased delivery's lease still covers a whole attempt (one without a lease is claimed). */
  private leaseLeft(ref: KnownEndpoint): boolean {
    const until = ref.leased?.delivery.nextAttemptAt;
    return !until || until.getTime() - Date.now() >= this.config.WEBHOOK_TIMEOUT_MS + ATTEMPT_LEASE_MARGIN_MS;
  }

  /** Hands deliveries to the queue, their first-attempt leases given back first so they are due at once. */
  private async toQueue(refs: DeliveryRef[]): Promise<void> {
    const leased = refs.flatMap((ref) => (typeof ref !== 'string' && ref.leased ? [ref.leased] : []));
    await this.deliveries.releaseLeases(leased);
    await this.queue.enqueue(refs);
  }

  private async firstAttempt(ref: KnownEndpoint): Promise<void> {
    try {
      const tried = await this.processor.attempt(ref.deliveryId, ref.endpointId, ref.leased ?? null);
      if (tried.kind === 'retry') await this.queue.enqueue([ref], tried.nextAttemptAt);
      // The queue's worker waits for a slot, and finds out why a delivery was not claimable. No
      // request went out: the lease goes back.
      else if (tried.kind === 'saturated' || tried.kind === 'not claimed') await this.toQueue([ref]);
    } catch (error) {
      // The lease stays: the request may have gone out, and until the lease ends no other run sends it
      // again; the queue's job finds it due then.
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
