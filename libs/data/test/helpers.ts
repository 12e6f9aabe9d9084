import { randomBytes } from 'node:crypto';
import { DEFAULT_TEST_DATABASE_URL, dropTestDatabase, withDatabase } from '../src/database-url';

/** The shared test database set up by the global setup. Never revert or drop it. */
export function sharedTestUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

/** A URL for a new scratch database (random name containing `test`) on the same server. */
export function scratchDatabaseUrl(purpose: string): string {
  return withDatabase(sharedTestUrl(), `exchange_scratch_test_${purpose}_${randomBytes(4).toString('hex')}`);
}

export { dropTestDatabase };

/** Resolve when `predicate` holds, polling; reject after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
