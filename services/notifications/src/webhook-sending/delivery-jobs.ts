import type { AttemptContext } from './delivery.repository';

/** The one job kind of the webhook-delivery queue, typed end to end (queue ↔ worker). */
export const DELIVER_JOB = 'deliver' as const;

export interface DeliverJobData {
  deliveryId: string;
  /**
   * The delivery's endpoint (it never changes), so the worker can take the endpoint's slot before
   * touching the database. Absent on jobs enqueued without it (retry-now): the worker looks it up.
   */
  endpointId?: string;
  /** How many times the job found its endpoint saturated since the last attempt (not attempts). */
  waits?: number;
}

/** A delivery's job has the delivery id as job id: enqueueing it twice is a no-op. */
export const deliverJobOptions = (deliveryId: string, delayMs = 0) => ({
  jobId: deliveryId,
  ...(delayMs > 0 ? { delay: delayMs } : {}),
  removeOnComplete: true,
  removeOnFail: true,
  // Only for unexpected errors (database down): webhook retries are scheduled by the worker itself.
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 1_000 },
});

/**
 * What the producers enqueue: a delivery id, with its endpoint when the caller knows it, and with its
 * attempt's context when the fan-out created it leased for a first attempt (never put in a job).
 */
export type DeliveryRef = string | { deliveryId: string; endpointId: string; leased?: AttemptContext };

export const jobDataOf = (ref: DeliveryRef): DeliverJobData => (typeof ref === 'string' ? { deliveryId: ref } : { deliveryId: ref.deliveryId, endpointId: ref.endpointId });
