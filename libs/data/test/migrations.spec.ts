import { Client } from 'pg';
import { SCHEMAS } from '../src/enums';
import { migrateDatabase, revertLastMigration } from '../src/migrate';
import { MIGRATIONS } from '../src/migrations';
import { dropTestDatabase, scratchDatabaseUrl } from './helpers';

/** Runs in its own scratch database (never the shared one): concurrent migrate, revert, re-apply. */
describe('migrations in a scratch database', () => {
  const url = scratchDatabaseUrl('migrate');
  let client: Client | undefined;

  const connect = async () => {
    client = new Client({ connectionString: url });
    await client.connect();
    return client;
  };
  const schemas = async (c: Client) =>
    (await c.query(`SELECT schema_name FROM information_schema.schemata WHERE schema_name = ANY($1) ORDER BY 1`, [[...SCHEMAS]])).rows.map(
      (r) => r.schema_name as string,
    );
  const tableCount = async (c: Client) =>
    Number((await c.query(`SELECT count(*) FROM information_schema.tables WHERE table_schema = ANY($1)`, [[...SCHEMAS]])).rows[0].count);

  afterAll(async () => {
    await client?.end();
    await dropTestDatabase(url);
  });

  it('creates the database, and concurrent runs apply each migration exactly once', async () => {
    const results = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    const all = MIGRATIONS.map((m) => m.name);
    expect(results.flat().sort()).toEqual([...all].sort()); // a copy: `all` keeps the order they run in
    expect(results.filter((r) => r.length > 0)).toHaveLength(1);

    const c = await connect();
    expect(await schemas(c)).toEqual([...SCHEMAS].sort());
    const recorded = await c.query(`SELECT name FROM public.migrations ORDER BY id`);
    expect(recorded.rows.map((r) => r.name)).toEqual(all);
    expect(await tableCount(c)).toBeGreaterThanOrEqual(30);
  });

  it('reverts the initial model completely and re-applies it', async () => {
    if (!client) throw new Error('the first test did not connect');
    const c = client;
    const tablesBefore = await tableCount(c);
    // Revert everything, newest first.
    for (let i = MIGRATIONS.length; i > 0; i--) expect(await revertLastMigration(url)).not.toBeNull();
    expect(await revertLastMigration(url)).toBeNull();
    expect(await schemas(c)).toEqual([]);
    expect((await c.query(`SELECT count(*) FROM public.migrations`)).rows[0].count).toBe('0');

    expect(await migrateDatabase(url)).toHaveLength(MIGRATIONS.length);
    expect(await schemas(c)).toEqual([...SCHEMAS].sort());
    expect(await tableCount(c)).toBe(tablesBefore);
    // And again: nothing left to do.
    expect(await migrateDatabase(url)).toEqual([]);
  });
});
