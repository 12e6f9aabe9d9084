import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, QueryFailedError, type EntitySubscriberInterface } from 'typeorm';
import { createDataSource } from '../src/data-source';
import { PipelinedQueryRunner, transactionRunnerOf } from '../src/pipelined-transactions';
import { preparedQuery, preparedWrite } from '../src/prepared-query';
import { sharedTestUrl } from './helpers';

/** What the driver's code of a QueryFailedError is. */
const codeOf = (error: unknown) => (error as QueryFailedError & { driverError: { code: string } }).driverError?.code;

describe('pipelined transactions (every DataSource of createDataSource)', () => {
  let ds: DataSource;
  const table = `pipelined_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const insert = `INSERT INTO public.${table} (id, name) VALUES ($1, $2)`;
  const count = async () => (await ds.query(`SELECT count(*)::int AS n FROM public.${table}`))[0].n as number;
  const ended: string[] = [];
  const listener: EntitySubscriberInterface = {
    afterTransactionCommit: () => void ended.push('commit'),
    afterTransactionRollback: () => void ended.push('rollback'),
  };

  beforeAll(async () => {
    // One connection: whatever a transaction leaves behind on it, the next one meets.
    ds = createDataSource(sharedTestUrl(), { poolSize: 1 });
    await ds.initialize();
    ds.subscribers.push(listener);
    await ds.query(`CREATE TABLE public.${table} (id int PRIMARY KEY, name text NOT NULL)`);
  });
  afterAll(async () => {
    await ds?.query(`DROP TABLE IF EXISTS public.${table}`);
    await ds?.destroy();
  });
  beforeEach(async () => {
    await ds.query(`TRUNCATE public.${table}`);
    ended.length = 0;
  });

  it('sends BEGIN with the first statement: both are on the wire before either is answered', async () => {
    const wire: string[] = [];
    await ds.transaction(async (tx) => {
      expect(tx.queryRunner).toBeInstanceOf(PipelinedQueryRunner);
      const client = (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
      expect((client as unknown as { pipeline: boolean }).pipeline).toBe(true);
      // BEGIN went out before this callback ran; its answer is read with the first statement's.
      const pending = (client as unknown as { _activeQuery: unknown })._activeQuery;
      wire.push(pending ? 'BEGIN not answered yet' : 'BEGIN answered');
      await preparedQuery(tx, insert, [1, 'Seoul']);
      wire.push('first statement answered');
    });
    expect(wire).toEqual(['BEGIN not answered yet', 'first statement answered']);
    expect(await count()).toBe(1);
    expect(ended).toEqual(['commit']);
  });

  it('what a transaction sends together leaves in one socket write: BEGIN with the first statement, the unanswered writes with the COMMIT', async () => {
    const writes: number[] = [];
    await ds.transaction(async (tx) => {
      const client = (tx.queryRunner as unknown as { databaseConnection: PoolClient }).databaseConnection;
      const socket = (client as unknown as { connection: { stream: Record<'_write' | '_writev', (...args: unknown[]) => unknown> } }).connection.stream;
      for (const method of ['_write', '_writev'] as const) {
        const original = socket[method];
        socket[method] = function (this: unknown, ...args: unknown[]) {
          writes.push(1);
          return original.apply(this, args);
        };
      }
      // BEGIN went out before this callback ran, corked with what follows in the same tick.
      await preparedQuery(tx, `SELECT count(*)::int AS n FROM public.${table}`, []);
      await preparedWrite(tx, insert, [1, 'Seoul']);
      await preparedWrite(tx, insert, [2, 'Москва']);
    });
    // BEGIN + the read; the two inserts + COMMIT. A write per statement would be five.
    expect(writes.length).toBe(2);
    expect(await count()).toBe(2);
  });

  it('a write nobody waits for commits with the transaction, and the statements after it see it', async () => {
    const seen = await ds.transaction(async (tx) => {
      await preparedWrite(tx, insert, [1, 'Москва']);
      await preparedWrite(tx, insert, [2, 'Busan']);
      const { rows } = await preparedQuery<{ n: number }>(tx, `SELECT count(*)::int AS n FROM public.${table}`, []);
      await preparedWrite(tx, insert, [3, '부산']);
      return rows[0]?.n;
    });
    expect(seen).toBe(2);
    expect(await ds.query(`SELECT id, name FROM public.${table} ORDER BY id`)).toEqual([
      { id: 1, name: 'Москва' },
      { id: 2, name: 'Busan' },
      { id: 3, name: '부산' },
    ]);
  });

  it('a failed unanswered write fails the transaction with its own error, and nothing of it is kept', async () => {
    // The failure is the last statement: the COMMIT that travels with it is answered with a rollback.
    const atCommit = await ds
      .transaction(async (tx) => {
        await preparedQuery(tx, insert, [1, 'kept only if all is']);
        await preparedWrite(tx, insert, [2, null]);
      })
      .catch((error: unknown) => error);
    expect(atCommit).toBeInstanceOf(QueryFailedError);
    expect(codeOf(atCommit)).toBe('23502');
    expect(ended).toEqual(['rollback']);

    // A statement sent after the failed one is refused (25P02); the transaction reports the first error.
    const later = await ds
      .transaction(async (tx) => {
        await preparedWrite(tx, insert, [3, null]);
        await preparedQuery(tx, `SELECT id FROM public.${table}`, []);
      })
      .catch((error: unknown) => error);
    expect(codeOf(later)).toBe('23502');
    const throughTypeorm = await ds
      .transaction(async (tx) => {
        await preparedWrite(tx, insert, [4, null]);
        await tx.query(`SELECT id FROM public.${table}`);
      })
      .catch((error: unknown) => error);
    expect(codeOf(throughTypeorm)).toBe('23502');
    expect(await count()).toBe(0);

    // The one connection is clean afterwards: the next transaction commits.
    await ds.transaction((tx) => preparedWrite(tx, insert, [5, 'after']));
    expect(await count()).toBe(1);
  });

  it('work that throws after unanswered writes rolls them back, and their outcome is awaited (no stray rejection)', async () => {
    const stray: unknown[] = [];
    const onStray = (reason: unknown) => stray.push(reason);
    process.on('unhandledRejection', onStray);
    try {
      await expect(
        ds.transaction(async (tx) => {
          await preparedWrite(tx, insert, [1, 'gone']);
          await preparedWrite(tx, insert, [1, 'duplicate key: fails unanswered']);
          throw new Error('the handler gave up');
        }),
      ).rejects.toThrow('the handler gave up');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('unhandledRejection', onStray);
    }
    expect(stray).toEqual([]);
    expect(await count()).toBe(0);
    expect(ended).toEqual(['rollback']);
  });

  it('runs what waits for the commit once it committed, before the commit listeners; never after a rollback or a failed commit', async () => {
    const calls: string[] = [];
    const runnerOf = (tx: { queryRunner?: unknown }) => tx.queryRunner as PipelinedQueryRunner;
    await ds.transaction(async (tx) => {
      runnerOf(tx).afterCommit(() => void calls.push(ended.length === 0 ? 'committed, before the listeners' : 'committed, after the listeners'));
      await preparedWrite(tx, insert, [1, 'kept']);
    });
    expect(calls).toEqual(['committed, before the listeners']);
    expect(ended).toEqual(['commit']);

    await ds
      .transaction(async (tx) => {
        runnerOf(tx).afterCommit(() => void calls.push('after a rollback'));
        throw new Error('gave up');
      })
      .catch(() => undefined);
    await ds
      .transaction(async (tx) => {
        runnerOf(tx).afterCommit(() => void calls.push('after a failed commit'));
        await preparedWrite(tx, insert, [1, 'duplicate key: the COMMIT rolls back']);
      })
      .catch(() => undefined);
    // The next transaction on the same connection starts with nothing waiting.
    await ds.transaction((tx) => preparedWrite(tx, insert, [2, 'after']));
    expect(calls).toEqual(['committed, before the listeners']);
    expect(await count()).toBe(2);
  });

  it('after-commit work finds its transaction in a savepoint too, runs at the outer commit, and is refused on a DataSource without pipelined transactions', async () => {
    const calls: string[] = [];
    expect(transactionRunnerOf(ds.manager)).toBeNull();
    await ds.transaction(async (outer) => {
      await outer.transaction(async (inner) => {
        transactionRunnerOf(inner)?.afterCommit(() => void calls.push('outer commit'));
      });
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual(['outer commit']);

    const plain = await new DataSource({ type: 'postgres', url: sharedTestUrl(), poolSize: 1 }).initialize();
    try {
      await expect(plain.transaction(async (tx) => transactionRunnerOf(tx))).rejects.toThrow('pipelined transactions');
    } finally {
      await plain.destroy();
    }
  });

  it('outside a transaction and inside a savepoint a write is waited for, as preparedQuery', async () => {
    await preparedWrite(ds.manager, insert, [1, 'alone']);
    expect(await count()).toBe(1);
    await ds.transaction(async (tx) => {
      await preparedWrite(tx, insert, [2, 'outer']);
      const inner = await tx
        .transaction(async (nested) => {
          await preparedWrite(nested, insert, [3, null]);
        })
        .catch((error: unknown) => error);
      // Waited for inside the savepoint: its error is the savepoint's, and the outer transaction goes on.
      expect(codeOf(inner)).toBe('23502');
      await preparedWrite(tx, insert, [4, 'after the savepoint']);
    });
    expect(await ds.query(`SELECT id FROM public.${table} ORDER BY id`)).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }]);
  });
});
