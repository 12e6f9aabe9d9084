import { ProblemError } from '@exchange/sdk';
import { waitFor } from '@exchange/platform/testing';

/**
 * A create that names a programme: the pilots and cohorts services check it against what they have
 * learned from `programme.published`, which may reach them after it reached the partner; until then
 * they refuse the programme with `notYetKnown` (422), and the create is tried again.
 */
export function createOnceKnown<T>(create: () => Promise<T>, notYetKnown: string, what: string, timeoutMs: number): Promise<T> {
  return waitFor(
    () =>
      create().catch((err: unknown) => {
        if (err instanceof ProblemError && err.status === 422 && err.code === notYetKnown) return false as const;
        throw err;
      }),
    { timeoutMs, intervalMs: 200, what },
  );
}
