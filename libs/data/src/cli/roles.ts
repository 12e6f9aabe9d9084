/**
 * Creates each service's own database role and grants it exactly what it may write (DESIGN.md §9).
 * Runs as the owner of the schemas (DATABASE_URL), after the migrations:
 *   APPLICATIONS_DB_PASSWORD=… PILOTS_DB_PASSWORD=… COHORTS_DB_PASSWORD=… NOTIFICATIONS_DB_PASSWORD=… npm run db:roles
 * Each service then connects as exchange_<service> with its password (docker-compose.yml does so).
 */
import { Client } from 'pg';
import { databaseUrl, redactUrl } from '../database-url';
import { grantServiceRoles, SERVICE_NAMES, type ServiceName } from '../service-roles';

async function main(): Promise<void> {
  const variable = (service: ServiceName) => `${service.toUpperCase()}_DB_PASSWORD`;
  const missing = SERVICE_NAMES.filter((s) => (process.env[variable(s)] ?? '').length < 12).map(variable);
  if (missing.length > 0) {
    throw new Error(`set ${missing.join(', ')} (at least 12 characters each): the password of each service's database role`);
  }
  const passwords = Object.fromEntries(SERVICE_NAMES.map((s) => [s, process.env[variable(s)]!])) as Record<ServiceName, string>;
  const url = databaseUrl();
  console.log(`[roles] database: ${redactUrl(url)}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await grantServiceRoles(client, passwords, { log: (line) => console.log(`[roles] ${line}`) });
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error('[roles] failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
