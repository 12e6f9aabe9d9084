import { createRequire } from 'node:module';

/**
 * kafkajs 2.2.4 (its last release) re-arms a timer on every broker connection forever, even when no
 * request waits: `scheduleCheckPendingRequests` computes a negative delay when the connection is not
 * throttled and arms it anyway, so each check arms the next one a millisecond later (kafkajs issue
 * 1556). Every process with a Kafka client woke about 1,500 times a second doing nothing (measured
 * with strace on an idle pilots service), which on 2 cores taxes everything else that runs.
 *
 * The replacement arms the check only when a request waits to be sent: when the connection is
 * throttled, at the throttle's end; otherwise after kafkajs's own 10 ms. Nothing else needs it: a
 * request pushed later arms it itself, and each answer or timeout checks the queue again.
 */
export const PATCHED_KAFKAJS_VERSION = '2.2.4';
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/** The members of kafkajs's internal RequestQueue the replacement reads and writes. */
export interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

const requireFromKafkajs = createRequire(require.resolve('kafkajs'));

/** kafkajs's RequestQueue class (internal: its module path is checked with the version below). */
export const RequestQueue = requireFromKafkajs('./src/network/requestQueue') as { prototype: RequestQueueInternals } & (new (
  options: Record<string, unknown>,
) => RequestQueueInternals);

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const throttledFor = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    throttledFor > 0 ? throttledFor : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

const installedVersion = (requireFromKafkajs('./package.json') as { version: string }).version;

/**
 * Installs the replacement on the version it was written for; another version keeps its own (a test
 * fails until the replacement is checked against it, or removed).
 */
export function fixIdlePendingCheck(): boolean {
  if (installedVersion !== PATCHED_KAFKAJS_VERSION) return false;
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}
