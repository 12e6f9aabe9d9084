import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { preparedQuery } from '../src/prepared-query';
import { sharedTestUrl } from './helpers';

/** The statements a connection has prepared whose text is `text`. */
async function preparedOn(tx: EntityManager | Client, text: string): Promise<number> {
  const sql = 'SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1';
  const rows: Array<{ n: number }> = tx instanceof Client ? (await tx.query(sql, [text])).rows : await tx.query(sql, [text]);
  return rows[0].n;
}

describe('preparedQuery', () => {
  let ds: DataSource;
  const table = `prepared_${randomUUID().replaceAll('-', '').slice(0, 12)}`;

  beforeAll(async () => {
    ds = createDataSource(sharedTestUrl(), { poolSize: 2 });
    await ds.initialize();
    await ds.query(`CREATE TABLE public.${table} (id int PRIMARY KEY, name text NOT NULL)`);
  });
  afterAll(async () => {
    await ds?.query(`DROP TABLE IF EXISTS public.${table}`);
    await ds?.destroy();
  });

  it('runs in the caller’s transaction, prepared once on its connection however often it runs', async () => {
    const insert = `INSERT INTO public.${table} (id, name) VALUES ($1, $2) RETURNING id, name`;
    await expect(
      ds.transaction(async (tx) => {
        const first = await preparedQuery<{ id: number; name: string }>(tx, insert, [1, 'Seoul']);
        const second = await preparedQuery<{ id: number; name: string }>(tx, insert, [2, 'Москва']);
        expect([first.rows, second.rows]).toEqual([[{ id: 1, name: 'Seoul' }], [{ id: 2, name: 'Москва' }]]);
        expect(first.rowCount).toBe(1);
        expect(await preparedOn(tx, insert)).toBe(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // Both rows went with the transaction: they ran on its connection, not on another of the pool.
    expect(await ds.query(`SELECT count(*)::int AS n FROM public.${table}`)).toEqual([{ n: 0 }]);
  });

  it('reports the rows an UPDATE touched, and runs outside a transaction on a connection the pool lends', async () => {
    await ds.query(`INSERT INTO public.${table} (id, name) VALUES (10, 'a'), (11, 'b'), (12, 'c')`);
    const result = await preparedQuery(ds.manager, `UPDATE public.${table} SET name = upper(name) WHERE id = ANY($1::int[])`, [[10, 11]]);
    expect(result).toEqual({ rows: [], rowCount: 2 });
    expect(await ds.query(`SELECT name FROM public.${table} WHERE id >= 10 ORDER BY id`)).toEqual([{ name: 'A' }, { name: 'B' }, { name: 'c' }]);
  });

  it('fails as TypeORM’s QueryFailedError with the database’s code, and the transaction’s connection stays usable after a rollback', async () => {
    const insert = `INSERT INTO public.${table} (id, name) VALUES ($1, $2)`;
    const failure = await ds.transaction((tx) => preparedQuery(tx, insert, [20, null])).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23502');
    await ds.transaction((tx) => preparedQuery(tx, insert, [20, 'ok']));
    expect(await ds.query(`SELECT name FROM public.${table} WHERE id = 20`)).toEqual([{ name: 'ok' }]);
  });

  it('runs on a pg client itself, and a column added later does not break a statement that names its columns', async () => {
    const client = new Client({ connectionString: sharedTestUrl() });
    await client.connect();
    try {
      const select = `SELECT id, name FROM public.${table} WHERE id = $1`;
      await client.query(`INSERT INTO public.${table} (id, name) VALUES (30, 'Busan')`);
      expect((await preparedQuery(client, select, [30])).rows).toEqual([{ id: 30, name: 'Busan' }]);
      await ds.query(`ALTER TABLE public.${table} ADD COLUMN city text`);
      expect((await preparedQuery(client, select, [30])).rows).toEqual([{ id: 30, name: 'Busan' }]);
      expect(await preparedOn(client, select)).toBe(1);
    } finally {
      await client.end();
    }
  });

  it('refuses what is neither TypeORM nor pg', async () => {
    await expect(preparedQuery({ query: async () => [] }, 'SELECT 1', [])).rejects.toThrow(TypeError);
  });
});
