import { Inject, Injectable } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { getLogger, SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import type { DeliverJobData } from './delivery-jobs';
import { deliveryMetrics } from './delivery-metrics';
import { DeliveryRepository, type AttemptContext, type AttemptResult } from './delivery.repository';
import { EndpointDisabler } from './endpoint-disabler';
import { EndpointSemaphore } from './endpoint-semaphore';
import { nextAttemptDelay, type RetryPolicy } from './retry-policy';
import { WebhookSender, type AttemptOutcome } from './webhook-sender';
import { EndpointSecrets, type OpenSecrets } from '../signing/endpoint-secrets';
import { SecretBoxError } from '../signing/secret-box';

/**
 * How long an attempt's lease outlasts its request's timeout: another run may take the delivery only
 * once the request has surely ended. A first attempt leased by the fan-out must have this much left.
 */
export const ATTEMPT_LEASE_MARGIN_MS = 5_000;

/** The longest a saturated job waits before looking again for a free slot of its endpoint. */
const MAX_SATURATED_WAIT_MS = 5_000;

/**
 * How long a job waits in the worker for a slot of its busy endpoint before it is postponed through
 * the queue. Under a burst to one endpoint the slots free within milliseconds; postponing each job
 * instead cost several Redis round trips and a backoff that grew to seconds (bench:latency at 100/s
 * to one endpoint: webhooks out 72/s → see README "Benchmarks").
 */
const SLOT_WAIT_MS = 1_000;

/**
 * What a try of a delivery came to: an attempt recorded (its result), or none made because the
 * endpoint had no free slot, the delivery could not be claimed, or another run recorded it first.
 */
export type TryResult = AttemptResult | { kind: 'saturated' } | { kind: 'not claimed' } | { kind: 'recorded elsewhere' };

/** The body of a webhook (Standard Webhooks): type, timestamp (the event's time), data. */
export function webhookBody(event: { type: string; time: Date; data: unknown }): string {
  return JSON.stringify({ type: event.type, timestamp: new Date(event.time).toISOString(), data: event.data });
}

/** The secrets that sign now: the current one, and the previous one while its overlap lasts. */
export function signingSecrets(secrets: OpenSecrets, previousExpiresAt: Date | null, now: number): string[] {
  const { current, previous } = secrets;
  return previous !== null && previousExpiresAt !== null && new Date(previousExpiresAt).getTime() > now ? [current, previous] : [current];
}

/**
 * One run of a delivery job. The database is the truth: the job only says "look at this delivery".
 * A job that runs twice, early, or for a delivery already done does nothing harmful: the attempt is
 * claimed with a conditional update and recorded under a unique (delivery, attempt number).
 */
@Injectable()
export class DeliveryProcessor {
  private readonly logger = getLogger({ component: 'delivery-worker' });
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
    private readonly repository: DeliveryRepository,
    private readonly disabler: EndpointDisabler,
    private readonly secrets: EndpointSecrets,
    private readonly sender: WebhookSender,
    private readonly semaphore: EndpointSemaphore,
  ) {
    this.policy = { scheduleMs: config.WEBHOOK_RETRY_SCHEDULE_MS, jitterPercent: config.WEBHOOK_RETRY_JITTER_PERCENT };
  }

  /**
   * One run of a job of the queue: a try of its delivery, and what the queue does with the job after
   * it (postponed while the endpoint is saturated or the retry is not due, removed otherwise).
   */
  async process(job: Job<DeliverJobData>, token: string | undefined): Promise<string> {
    const { deliveryId } = job.data;
    let endpointId = job.data.endpointId;
    if (!endpointId) {
      const ctx = await this.repository.load(deliveryId);
      if (!ctx || ctx.delivery.state !== 'pending') return 'done';
      endpointId = ctx.endpoint.id;
    }
    const startedAt = Date.now();
    const tried = await this.attempt(deliveryId, endpointId);
    if (tried.kind === 'saturated') {
      // The endpoint has all its slots busy: wait without it counting as an attempt, backing off so
      // a dead endpoint's backlog does not keep the workers busy.
      deliveryMetrics.saturated.inc();
      const waits = job.data.waits ?? 0;
      const wait = Math.min(this.config.WEBHOOK_SATURATED_RETRY_MS * 2 ** waits, MAX_SATURATED_WAIT_MS) * (0.75 + Math.random() / 2);
      await job.updateData({ ...job.data, waits: waits + 1 });
      return this.postpone(job, token, startedAt + Math.round(wait));
    }
    if (tried.kind === 'not claimed') return this.notClaimed(job, token);
    if (tried.kind === 'retry') {
      if (job.data.waits) await job.updateData({ deliveryId, endpointId });
      return this.postpone(job, token, tried.nextAttemptAt.getTime());
    }
    return tried.kind;
  }

  /**
   * One try of a delivery, for the queue's worker and for the first attempt straight after fan-out
   * (FirstAttempts). The common path costs one Redis call for the endpoint's slot, one statement that
   * claims the attempt and reads what it needs, the request, one statement that records it, and the
   * slot's release. Nothing is done when the endpoint has no free slot, or when the delivery cannot
   * be claimed (not pending, not due, endpoint not active: `notClaimed` finds out which). A delivery
   * the fan-out created `leased` (with its context) is not claimed again: the statement is saved.
   */
  async attempt(deliveryId: string, endpointId: string, leased: AttemptContext | null = null): Promise<TryResult> {
    const now = Date.now();
    // The slot comes before the database: a saturated endpoint's backlog costs no query.
    if (!(await this.semaphore.acquireWaiting(endpointId, deliveryId, SLOT_WAIT_MS))) return { kind: 'saturated' };
    let ctx: AttemptContext | null = null;
    let outcome: AttemptOutcome | null = null;
    try {
      ctx = leased ?? (await this.repository.claim(deliveryId, endpointId, new Date(now), new Date(now + this.config.WEBHOOK_TIMEOUT_MS + ATTEMPT_LEASE_MARGIN_MS)));
      if (ctx) {
        const secrets = this.openSecrets(ctx, now);
        outcome = Array.isArray(secrets)
          ? await this.sender.send({ url: ctx.endpoint.url, messageId: ctx.event.id, body: webhookBody(ctx.event), secrets })
          : secrets;
      }
    } finally {
      // The slot bounds the requests in flight to the partner: it is free as soon as the answer is
      // in, not after the attempt is recorded (under load the record waits for its batch, and a slot
      // held meanwhile sent the endpoint's other deliveries into saturation backoff).
      await this.semaphore.release(endpointId, deliveryId).catch(() => undefined);
    }
    if (!ctx || !outcome) return { kind: 'not claimed' };
    return (await this.record(ctx, outcome)) ?? { kind: 'recorded elsewhere' };
  }

  /**
   * The secrets to sign with, opened only for this request. One that cannot be opened (its key is
   * not configured here, or the stored value was altered) is an attempt that fails without being
   * sent, retried on the schedule: the operator is told, the endpoint's owner reads only that the
   * secret could not be used.
   */
  private openSecrets(ctx: AttemptContext, now: number): string[] | AttemptOutcome {
    try {
      return signingSecrets(this.secrets.open(ctx.endpoint.id, ctx.endpoint), ctx.endpoint.previousSecretExpiresAt, now);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      this.logger.error({ endpointId: ctx.endpoint.id, keyId: error.keyId, err: error }, 'a webhook signing secret cannot be opened with the configured keys');
      return {
        startedAt: new Date(now),
        latencyMs: 0,
        statusCode: null,
        responseExcerpt: null,
        error: 'not sent: the signing secret could not be read on our side; it is retried',
        retryAfterMs: null,
      };
    }
  }

  /** The attempt could not be claimed: find out why, and act on it. */
  private async notClaimed(job: Job<DeliverJobData>, token: string | undefined): Promise<string> {
    const ctx = await this.repository.load(job.data.deliveryId);
    if (!ctx || ctx.delivery.state !== 'pending') return 'done';
    if (ctx.endpoint.deletedAt !== null) {
      await this.repository.cancel(ctx.delivery.id, 'endpoint deleted');
      return 'cancelled';
    }
    if (ctx.endpoint.state === 'disabled') {
      await this.repository.cancel(ctx.delivery.id, 'endpoint disabled');
      return 'cancelled';
    }
    // Paused: the delivery waits in the database; resuming the endpoint enqueues it again.
    if (ctx.endpoint.state === 'paused') return 'paused';
    const now = Date.now();
    // Not due yet (a retry's wait, or another run's lease): look again when it is.
    const { nextAttemptAt } = ctx.delivery;
    if (nextAttemptAt && nextAttemptAt.getTime() > now) {
      return this.postpone(job, token, nextAttemptAt.getTime());
    }
    // Due and active now: it changed between the two statements; look again shortly.
    return this.postpone(job, token, now + this.config.WEBHOOK_SATURATED_RETRY_MS);
  }

  /** Moves the job back to delayed until `at`; BullMQ does not count this as a failed attempt. */
  private async postpone(job: Job<DeliverJobData>, token: string | undefined, at: number): Promise<never> {
    await job.moveToDelayed(at, token);
    throw new DelayedError();
  }

  private async record(ctx: AttemptContext, outcome: AttemptOutcome): Promise<AttemptResult | null> {
    const status = outcome.statusCode;
    const success = outcome.error === null && status !== null && status >= 200 && status < 300;
    const gone = status === 410;
    let result: AttemptResult;
    if (success) result = { kind: 'succeeded' };
    else if (gone) result = { kind: 'failed' };
    else {
      const delay = nextAttemptDelay(this.policy, ctx.delivery.attemptCount + 1 - ctx.delivery.retryRoundStart, outcome.retryAfterMs);
      result = delay === null ? { kind: 'failed' } : { kind: 'retry', nextAttemptAt: new Date(Date.now() + delay) };
    }
    deliveryMetrics.latency.observe(outcome.latencyMs / 1_000);
    if (success) {
      // The attempt, the delivery and (when stale) the endpoint's health in one statement.
      if (!(await this.repository.recordSuccess(ctx, outcome))) return null;
      deliveryMetrics.attempts.inc({ outcome: 'succeeded' });
      return result;
    }
    return this.repository.dataSource.transaction(async (tx) => {
      if (!(await this.repository.recordAttempt(tx, ctx, outcome, result))) return null;
      const failingSince = await this.repository.markEndpointHealth(tx, ctx.endpoint.id, success, outcome.startedAt);
      if (gone) {
        await this.disabler.disable(tx, ctx.endpoint.id, 'gone');
        this.logger.warn({ endpointId: ctx.endpoint.id }, 'endpoint answered 410 Gone: disabled');
      } else if (!success && failingSince && Date.now() - new Date(failingSince).getTime() >= this.config.WEBHOOK_DISABLE_AFTER_MS) {
        await this.disabler.disable(tx, ctx.endpoint.id, 'no_success');
        this.logger.warn({ endpointId: ctx.endpoint.id, failingSince }, 'endpoint without success for too long: disabled');
      }
      deliveryMetrics.attempts.inc({ outcome: gone ? 'gone' : result.kind === 'retry' ? 'retrying' : result.kind });
      return result;
    });
  }
}
