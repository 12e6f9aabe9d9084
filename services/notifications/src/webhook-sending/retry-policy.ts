/**
 * When the next attempt of a delivery happens. Pure functions: the worker passes the clock and the
 * random source, unit tests pass fixed ones.
 */
export interface RetryPolicy {
  /** The wait before attempt n+1 of a round is schedule[n]; the round has schedule.length attempts. */
  scheduleMs: readonly number[];
  jitterPercent: number;
}

/**
 * The wait before the next attempt after `attemptsInRound` attempts failed, or null when the round is
 * over (the delivery has failed). `retryAfterMs` (429/503) is a floor that jitter never goes below.
 */
export function nextAttemptDelay(
  policy: RetryPolicy,
  attemptsInRound: number,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number | null {
  if (attemptsInRound >= policy.scheduleMs.length) return null;
  const base = policy.scheduleMs[attemptsInRound];
  const spread = (policy.jitterPercent / 100) * base;
  const jittered = Math.round(base - spread + 2 * spread * random());
  return Math.max(jittered, retryAfterMs ?? 0, 0);
}

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; null when absent or unusable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | null {
  const raw = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return Number(raw) * 1_000;
  const at = Date.parse(raw);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
