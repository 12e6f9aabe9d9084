import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { SCHEMAS, SERVICE_SCHEMAS } from '../src/enums';
import { ALL_ENTITIES, ENTITIES_BY_SCHEMA } from '../src/entities';
import { pendingMigrations } from '../src/migrate';
import { sharedTestUrl } from './helpers';

/** Read-only checks of the shared, migrated test database. */
describe('migrated schema', () => {
  let ds: DataSource;

  beforeAll(async () => {
    ds = createDataSource(sharedTestUrl(), { poolSize: 2 });
    await ds.initialize();
  });
  afterAll(() => ds?.destroy());

  it('has no pending migrations after the global setup', async () => {
    expect(await pendingMigrations(ds)).toEqual([]);
  });

  it('creates one schema per owner', async () => {
    const rows: Array<{ schema_name: string }> = await ds.query(
      `SELECT schema_name FROM information_schema.schemata WHERE schema_name = ANY($1)`,
      [[...SCHEMAS]],
    );
    expect(rows.map((r) => r.schema_name).sort()).toEqual([...SCHEMAS].sort());
  });

  it('registers every entity with an explicit schema, and every schema has entities', () => {
    for (const meta of ds.entityMetadatas) {
      expect(SCHEMAS).toContain(meta.schema);
    }
    expect(ds.entityMetadatas).toHaveLength(ALL_ENTITIES.length);
    for (const [schema, entities] of Object.entries(ENTITIES_BY_SCHEMA)) {
      for (const entity of entities) expect(ds.getMetadata(entity).schema).toBe(schema);
    }
  });

  it('has a table and matching columns (name, type, nullability) for every entity', async () => {
    const cols: Array<{ table_schema: string; table_name: string; column_name: string; udt_name: string; is_nullable: string }> =
      await ds.query(
        `SELECT table_schema, table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = ANY($1)`,
        [[...SCHEMAS]],
      );
    const byTable = new Map<string, Map<string, { udt: string; nullable: boolean }>>();
    for (const c of cols) {
      const key = `${c.table_schema}.${c.table_name}`;
      const table = byTable.get(key) ?? new Map<string, { udt: string; nullable: boolean }>();
      byTable.set(key, table);
      table.set(c.column_name, { udt: c.udt_name, nullable: c.is_nullable === 'YES' });
    }
    const udtOf: Record<string, string> = {
      uuid: 'uuid', text: 'text', timestamptz: 'timestamptz', integer: 'int4', int: 'int4', smallint: 'int2',
      bigint: 'int8', int4: 'int4', boolean: 'bool', jsonb: 'jsonb', 'double precision': 'float8', char: 'bpchar', numeric: 'numeric', date: 'date',
    };
    const problems: string[] = [];
    for (const meta of ds.entityMetadatas) {
      const table = byTable.get(`${meta.schema}.${meta.tableName}`);
      if (!table) {
        problems.push(`missing table ${meta.schema}.${meta.tableName}`);
        continue;
      }
      for (const col of meta.columns) {
        const where = `${meta.schema}.${meta.tableName}.${col.databaseName}`;
        const db = table.get(col.databaseName);
        if (!db) {
          problems.push(`missing column ${where}`);
          continue;
        }
        const base = udtOf[String(col.type)];
        if (!base) problems.push(`unmapped type ${String(col.type)} of ${where}`);
        const expected = col.isArray ? `_${base}` : base;
        if (db.udt !== expected) problems.push(`${where}: db type ${db.udt}, entity ${expected}`);
        if (db.nullable !== col.isNullable) problems.push(`${where}: db nullable ${db.nullable}, entity ${col.isNullable}`);
      }
      const mapped = new Set(meta.columns.map((c) => c.databaseName));
      for (const name of table.keys()) if (!mapped.has(name)) problems.push(`column ${meta.schema}.${meta.tableName}.${name} not mapped`);
    }
    expect(problems).toEqual([]);
  });

  it.each([...SERVICE_SCHEMAS])('%s has the outbox and inbox libs/messaging expects', async (schema) => {
    const cols: Array<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }> =
      await ds.query(
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
          WHERE table_schema = $1 AND table_name IN ('outbox', 'inbox') ORDER BY table_name, ordinal_position`,
        [schema],
      );
    const shape = cols.map((c) => `${c.table_name}.${c.column_name} ${c.data_type} ${c.is_nullable === 'YES' ? 'null' : 'not null'}`);
    expect(shape).toEqual([
      'inbox.consumer text not null',
      'inbox.event_id uuid not null',
      'inbox.topic text not null',
      'inbox.received_at timestamp with time zone not null',
      'outbox.id uuid not null',
      'outbox.seq bigint not null',
      'outbox.topic text not null',
      'outbox.key text not null',
      'outbox.type text not null',
      'outbox.source text not null',
      'outbox.subject text null',
      'outbox.time timestamp with time zone not null',
      'outbox.headers jsonb not null',
      'outbox.payload jsonb not null',
      'outbox.created_at timestamp with time zone not null',
      'outbox.published_at timestamp with time zone null',
      'outbox.parked_at timestamp with time zone null',
      'outbox.parked_error text null',
    ]);
    const def = (t: string, c: string) => cols.find((x) => x.table_name === t && x.column_name === c)?.column_default;
    expect(def('outbox', 'seq')).toMatch(/^nextval\(/);
    expect(def('outbox', 'headers')).toBe("'{}'::jsonb");
    expect(def('outbox', 'created_at')).toBe('now()');
    expect(def('inbox', 'received_at')).toBe('now()');

    const constraints: Array<{ table: string; type: string; cols: string[] }> = await ds.query(
      `SELECT t.relname AS table, c.contype AS type,
              array_agg(a.attname ORDER BY k.ord)::text[] AS cols
         FROM pg_constraint c
         JOIN pg_class t ON t.oid = c.conrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
        WHERE n.nspname = $1 AND t.relname IN ('outbox', 'inbox') AND c.contype IN ('p', 'u')
        GROUP BY t.relname, c.contype, c.oid ORDER BY 1, 2, 3`,
      [schema],
    );
    expect(constraints).toEqual([
      { table: 'inbox', type: 'p', cols: ['consumer', 'event_id'] },
      { table: 'outbox', type: 'p', cols: ['id'] },
      { table: 'outbox', type: 'u', cols: ['seq'] },
    ]);

    const idx: Array<{ indexdef: string }> = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'outbox'`,
      [schema],
    );
    // The relay's scan skips parked rows; the operator's listing finds them.
    expect(idx.map((i) => i.indexdef)).toContainEqual(expect.stringMatching(/\(seq\) WHERE \(\(published_at IS NULL\) AND \(parked_at IS NULL\)\)$/));
    expect(idx.map((i) => i.indexdef)).toContainEqual(expect.stringMatching(/\(seq\) WHERE \(parked_at IS NOT NULL\)$/));

    const triggers: Array<{ action_timing: string; event_manipulation: string; action_orientation: string }> = await ds.query(
      `SELECT action_timing, event_manipulation, action_orientation FROM information_schema.triggers
        WHERE event_object_schema = $1 AND event_object_table = 'outbox'`,
      [schema],
    );
    expect(triggers).toEqual([{ action_timing: 'AFTER', event_manipulation: 'INSERT', action_orientation: 'STATEMENT' }]);
  });

  it('enforces one active application per startup and programme with a partial unique index', async () => {
    const rows: Array<{ indexdef: string }> = await ds.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'applications' AND indexname = 'applications_active_uq'`,
    );
    expect(rows[0]?.indexdef).toMatch(/UNIQUE INDEX .*\(startup_id, programme_id\) WHERE \(state <> 'withdrawn'::text\)/);
  });

  // An instant is timestamptz. A calendar day that is not an instant (the day an agreement was
  // signed, a host's pilot window) may be a `date`, so no time zone can move it.
  it('uses timestamptz for every instant: no time column without a time zone', async () => {
    const rows: Array<{ col: string }> = await ds.query(
      `SELECT table_schema || '.' || table_name || '.' || column_name AS col FROM information_schema.columns
        WHERE table_schema = ANY($1)
          AND data_type IN ('timestamp without time zone', 'time without time zone')`,
      [[...SCHEMAS]],
    );
    expect(rows).toEqual([]);
  });
});
