/**
 * Load the demo seed into DATABASE_URL (idempotent). Run migrations first.
 *   node -r @swc-node/register libs/data/src/cli/seed.ts    # npm run db:seed
 */
import { databaseUrl, redactUrl } from '../database-url';
import { seedDatabase } from '../seed/seed';

seedDatabase(databaseUrl(), { log: (line) => console.log(`[seed] ${line}`) })
  .then(() => console.log(`[seed] done (${redactUrl(databaseUrl())})`))
  .catch((err: unknown) => {
    console.error('[seed] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
