/**
 * Jest globalSetup for the whole monorepo: makes sure the test database exists and has every
 * migration applied. Many engineers (and both Jest workers) share it, so it never drops or reverts
 * anything; migrations run under the advisory lock, so concurrent runs are safe.
 */
import { DEFAULT_TEST_DATABASE_URL, databaseName, redactUrl } from '../src/database-url';
import { migrateDatabase } from '../src/migrate';

export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
  const name = databaseName(url);
  if (!name.includes('test')) {
    throw new Error(
      `Refusing to run tests against database "${name}" (${redactUrl(url)}): its name must contain "test". ` +
        `Unset DATABASE_URL or point it at a test database such as ${DEFAULT_TEST_DATABASE_URL}.`,
    );
  }
  return url;
}

export default async function globalSetup(): Promise<void> {
  const url = testDatabaseUrl();
  process.env.DATABASE_URL = url; // inherited by the Jest workers
  const applied = await migrateDatabase(url);
  if (applied.length > 0) {
    console.log(`\n[global-setup] applied ${applied.join(', ')} to ${databaseName(url)}`);
  }
}
