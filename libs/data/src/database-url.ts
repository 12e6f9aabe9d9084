import { Client } from 'pg';

/** The development database: the local server, trust auth, as the superuser. The only place it is written. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/exchange';
/** The tests' database: the same server, its own database. */
export const DEFAULT_TEST_DATABASE_URL = withDatabase(DEFAULT_DATABASE_URL, 'exchange_test');

/** DATABASE_URL from the environment, else the development default. */
export function databaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/** The database name of a postgres:// URL. */
export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`DATABASE_URL names no database: ${redactUrl(url)}`);
  return name;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** The URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Create the database named in `url` if it does not exist, by connecting to the `postgres`
 * database of the same server. Safe to call concurrently. Returns true if it created it.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return false;
    try {
      await admin.query(`CREATE DATABASE ${quoteIdent(name)}`);
      return true;
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 42P04 duplicate_database; 23505 when two CREATE DATABASE race on the catalog.
      if (code === '42P04' || code === '23505') return false;
      throw err;
    }
  } finally {
    await admin.end();
  }
}

/** Drop a database (terminating its connections). Only for scratch databases whose name contains `test`. */
export async function dropTestDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  if (!name.includes('test')) throw new Error(`Refusing to drop "${name}": not a test database`);
  const admin = new Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
