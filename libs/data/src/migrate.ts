import { Client } from 'pg';
import type { DataSource, Migration } from 'typeorm';
import { createDataSource } from './data-source';
import { databaseName, ensureDatabase, redactUrl } from './database-url';

/** Advisory lock key held while migrating (any number unique to this purpose). */
export const MIGRATION_LOCK_KEY = 7_236_110_001;

export interface MigrateOptions {
  /** Create the database if it does not exist (default true). */
  createDatabase?: boolean;
  log?: (line: string) => void;
}

/** Run `fn` while holding the migration advisory lock on a dedicated session. */
export async function withMigrationLock<T>(url: string, fn: () => Promise<T>, log?: (line: string) => void): Promise<T> {
  const lock = new Client({ connectionString: url, application_name: 'exchange-migrate-lock' });
  await lock.connect();
  try {
    const got = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [MIGRATION_LOCK_KEY]);
    if (!got.rows[0].ok) {
      log?.('another migration is running; waiting for its lock…');
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    try {
      return await fn();
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.end();
  }
}

async function withDataSource<T>(url: string, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const ds = createDataSource(url, { poolSize: 2, applicationName: 'exchange-migrate' });
  await ds.initialize();
  try {
    return await fn(ds);
  } finally {
    await ds.destroy();
  }
}

/**
 * Create the database if needed and apply every pending migration, under an advisory lock so that
 * concurrent callers are safe. Returns the names of the migrations applied by this call.
 */
export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log;
  if (options.createDatabase !== false && (await ensureDatabase(url))) {
    log?.(`created database ${databaseName(url)}`);
  }
  return withMigrationLock(
    url,
    () =>
      withDataSource(url, async (ds) => {
        const pending = await pendingMigrations(ds);
        if (pending.length === 0) {
          log?.(`database ${databaseName(url)} is up to date`);
          return [];
        }
        log?.(`applying ${pending.length} migration(s) to ${redactUrl(url)}`);
        const applied: Migration[] = [];
        for (const name of pending) log?.(`  pending: ${name}`);
        const started = Date.now();
        applied.push(...(await ds.runMigrations({ transaction: 'each' })));
        for (const m of applied) log?.(`  applied: ${m.name}`);
        log?.(`done in ${Date.now() - started} ms`);
        return applied.map((m) => m.name);
      }),
    log,
  );
}

/** Revert the most recent migration (under the lock). Returns its name, or null if none is applied. */
export async function revertLastMigration(url: string, options: MigrateOptions = {}): Promise<string | null> {
  return withMigrationLock(
    url,
    () =>
      withDataSource(url, async (ds) => {
        const executed = await executedMigrations(ds);
        if (executed.length === 0) {
          options.log?.('no migration to revert');
          return null;
        }
        const last = executed[executed.length - 1];
        options.log?.(`reverting ${last}`);
        await ds.undoLastMigration({ transaction: 'each' });
        options.log?.(`reverted ${last}`);
        return last;
      }),
    options.log,
  );
}

/** Names of the migrations recorded in the migrations table, oldest first. */
export async function executedMigrations(ds: DataSource): Promise<string[]> {
  const table = ds.options.migrationsTableName ?? 'migrations';
  const exists = await ds.query(`SELECT to_regclass($1) AS t`, [`public.${table}`]);
  if (!exists[0].t) return [];
  const rows: Array<{ name: string }> = await ds.query(`SELECT name FROM public.${table} ORDER BY timestamp, id`);
  return rows.map((r) => r.name);
}

/** Names of known migrations not applied yet. */
export async function pendingMigrations(ds: DataSource): Promise<string[]> {
  const done = new Set(await executedMigrations(ds));
  return ds.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !done.has(n));
}
