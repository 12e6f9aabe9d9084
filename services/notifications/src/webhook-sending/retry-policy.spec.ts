import { DEFAULT_RETRY_SCHEDULE_MS } from '../config';
import { nextAttemptDelay, parseRetryAfter } from './retry-policy';

describe('retry policy', () => {
  const policy = { scheduleMs: DEFAULT_RETRY_SCHEDULE_MS, jitterPercent: 20 };

  it('follows 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h and then gives up', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => nextAttemptDelay(policy, n, null, middle))).toEqual([
      5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(nextAttemptDelay(policy, 8, null, middle)).toBeNull();
  });

  it('adds at most ±20 % jitter', () => {
    expect(nextAttemptDelay(policy, 2, null, () => 0)).toBe(240_000);
    expect(nextAttemptDelay(policy, 2, null, () => 1)).toBe(360_000);
    for (let i = 0; i < 200; i++) {
      const d = nextAttemptDelay(policy, 3)!;
      expect(d).toBeGreaterThanOrEqual(1_440_000);
      expect(d).toBeLessThanOrEqual(2_160_000);
    }
  });

  it('never retries sooner than Retry-After, whatever the jitter', () => {
    expect(nextAttemptDelay(policy, 1, 60_000, () => 0)).toBe(60_000);
    expect(nextAttemptDelay(policy, 2, 60_000, () => 0)).toBe(240_000);
  });

  it('works with a compressed schedule', () => {
    const fast = { scheduleMs: [0, 50, 100], jitterPercent: 0 };
    expect([1, 2, 3].map((n) => nextAttemptDelay(fast, n))).toEqual([50, 100, null]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
