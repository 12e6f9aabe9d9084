/**
 * Apply pending migrations to DATABASE_URL (creating the database if needed), or revert the last one.
 *   node -r @swc-node/register libs/data/src/cli/migrate.ts           # npm run db:migrate
 *   node -r @swc-node/register libs/data/src/cli/migrate.ts revert    # npm run db:revert
 */
import { databaseUrl, redactUrl } from '../database-url';
import { migrateDatabase, revertLastMigration } from '../migrate';

async function main(): Promise<void> {
  const url = databaseUrl();
  const command = process.argv[2] ?? 'up';
  const log = (line: string) => console.log(`[migrate] ${line}`);
  log(`database: ${redactUrl(url)}`);
  if (command === 'up') {
    await migrateDatabase(url, { log });
  } else if (command === 'revert') {
    await revertLastMigration(url, { log });
  } else {
    throw new Error(`unknown command "${command}" (expected "up" or "revert")`);
  }
}

main().catch((err: unknown) => {
  console.error('[migrate] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
