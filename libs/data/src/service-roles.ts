import type { ClientBase } from 'pg';

/**
 * The database role of each service and what it may write (DESIGN.md §9): its own schema, plus the
 * two identity tables every service writes by convention (audit log, idempotency keys). Every role
 * reads `identity` (API keys, principals, organisations). Applications owns `identity` and writes it.
 * Migrations and the seed run as the owner of the schemas, never as one of these roles.
 */
export const SERVICE_SCHEMAS = {
  applications: ['applications', 'identity'],
  pilots: ['pilots'],
  cohorts: ['cohorts'],
  notifications: ['notifications'],
} as const;

export type ServiceName = keyof typeof SERVICE_SCHEMAS;
export const SERVICE_NAMES = Object.keys(SERVICE_SCHEMAS) as ServiceName[];

/** Identity tables every service writes (audit of its actions, Idempotency-Key records). */
export const SHARED_WRITABLE_TABLES = ['identity.audit_log', 'identity.idempotency_keys'] as const;

/** `exchange_pilots` by default; tests give a prefix of their own (roles are cluster-wide). */
export function serviceRoleName(service: ServiceName, prefix = 'exchange'): string {
  return `${prefix}_${service}`;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Creates (or updates the password of) each service's login role and grants exactly its rights on
 * the tables that exist now: run after every migration (`npm run db:roles`). Idempotent.
 */
export async function grantServiceRoles(
  client: ClientBase,
  passwords: Record<ServiceName, string>,
  opts: { prefix?: string; log?: (line: string) => void } = {},
): Promise<void> {
  const { rows } = await client.query<{ db: string }>('SELECT current_database() AS db');
  const database = ident(rows[0].db);
  for (const service of SERVICE_NAMES) {
    const role = ident(serviceRoleName(service, opts.prefix));
    const password = passwords[service];
    if (!password || password.length < 12) throw new Error(`the ${service} role needs a password of at least 12 characters`);
    await client.query('BEGIN');
    try {
      // No CREATE ROLE IF NOT EXISTS in PostgreSQL: a DO block keeps the command idempotent.
      await client.query(
        `DO $$ BEGIN
           IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${literal(serviceRoleName(service, opts.prefix))}) THEN
             CREATE ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
           END IF;
         END $$`,
      );
      await client.query(`ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT PASSWORD ${literal(password)}`);
      await client.query(`GRANT CONNECT ON DATABASE ${database} TO ${role}`);
      await client.query(`GRANT USAGE ON SCHEMA identity TO ${role}`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA identity TO ${role}`);
      for (const table of SHARED_WRITABLE_TABLES) await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO ${role}`);
      for (const schema of SERVICE_SCHEMAS[service]) {
        await client.query(`GRANT USAGE ON SCHEMA ${ident(schema)} TO ${role}`);
        await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${ident(schema)} TO ${role}`);
        await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${role}`);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
    opts.log?.(`${serviceRoleName(service, opts.prefix)}: writes ${[...SERVICE_SCHEMAS[service], ...SHARED_WRITABLE_TABLES].join(', ')}; reads identity`);
  }
}

/** Removes roles made by grantServiceRoles (tests only: a role owning nothing can be dropped). */
export async function dropServiceRoles(client: ClientBase, prefix: string): Promise<void> {
  for (const service of SERVICE_NAMES) {
    const role = ident(serviceRoleName(service, prefix));
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [serviceRoleName(service, prefix)]);
    if (!exists.rowCount) continue;
    await client.query(`DROP OWNED BY ${role}`);
    await client.query(`DROP ROLE ${role}`);
  }
}
