import type { PoolClient, QueryConfig } from 'pg';
import { type DataSource, QueryFailedError, type ReplicationMode } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { TransactionNotStartedError } from 'typeorm/error/TransactionNotStartedError';

/** PostgreSQL's `in_failed_sql_transaction`: what every statement after a failed one in a transaction answers. */
const IN_FAILED_TRANSACTION = '25P02';

/** Sent before COMMIT by a transaction allowed to commit asynchronously (commit-durability.ts). */
const ASYNCHRONOUS_COMMIT: QueryConfig = { name: 'asynchronous_commit', text: "SELECT set_config('synchronous_commit', 'off', true)" };

/**
 * A query runner whose transactions wait for fewer answers. On a pool in pg's pipeline mode every
 * statement goes on the wire at once and answers come back in order, so:
 *  - BEGIN is sent and not waited for: it travels with the transaction's first statement;
 *  - statements sent with `preparedWrite` (writes whose answer nobody reads: outbox rows, facts,
 *    projections) are not waited for either: they travel with the next statement or the COMMIT, and
 *    the COMMIT waits for their outcome.
 * Atomicity does not move: after a failed statement PostgreSQL refuses every later one of the
 * transaction and answers COMMIT with a rollback, so the transaction then fails with that first error
 * (not the `25P02` the statements after it got) and nothing of it is kept. A BEGIN that failed would
 * leave the statements after it outside a transaction; BEGIN fails only with the connection, which
 * fails them too. Savepoints (nested transactions) and an explicit isolation level take TypeORM's
 * own path, statement by statement.
 *
 * Measured by `npm run bench:round-trips`: a decision-shaped transaction (BEGIN, read, update,
 * insert, COMMIT) in 3 round trips instead of 5 costs 13–34 % less CPU, client and server together,
 * and a further 16 % when what is sent together leaves in one write (`sendTogether`).
 */
export class PipelinedQueryRunner extends PostgresQueryRunner {
  /** Statements sent and not waited for, each settled with nothing (it failed: see `failure`). */
  private unanswered: Array<Promise<void>> = [];
  /** The first statement of this transaction that failed while nobody waited for it. */
  private failure: Error | null = null;
  /** Whether the connection's socket is corked until the current tick ends (see `sendTogether`). */
  private corked = false;
  /** Whether this transaction's COMMIT may return before the log is flushed (commit-durability.ts); every transaction starts synchronous. */
  commitDurability: 'synchronous' | 'asynchronous allowed' | 'synchronous required' = 'synchronous';
  /** What runs once this transaction has committed (`afterCommit`). */
  private committed: Array<() => void | Promise<void>> = [];

  /** Whether a statement may be sent without waiting for its answer: in a transaction, not in a savepoint. */
  get pipelining(): boolean {
    return this.isTransactionActive && this.transactionDepth === 1 && this.databaseConnection !== undefined && !this.isReleased;
  }

  override async startTransaction(isolationLevel?: IsolationLevel): Promise<void> {
    if (this.transactionDepth > 0 || (isolationLevel ?? this.dataSource.options.isolationLevel)) return super.startTransaction(isolationLevel);
    this.isTransactionActive = true;
    this.commitDurability = 'synchronous';
    this.committed = [];
    try {
      await this.broadcaster.broadcast('BeforeTransactionStart');
      const client = (await this.connect()) as PoolClient;
      this.driver.dataSource.logger.logQuery('START TRANSACTION', [], this);
      this.sendTogether(client);
      this.track(client.query('START TRANSACTION'), 'START TRANSACTION', []);
    } catch (error) {
      this.isTransactionActive = false;
      throw error;
    }
    this.transactionDepth = 1;
    await this.broadcaster.broadcast('AfterTransactionStart');
  }

  /**
   * Sends a statement of this transaction without waiting for its answer (see the class). The caller
   * checks `pipelining` first.
   */
  sendUnanswered(config: QueryConfig): void {
    const client = this.databaseConnection as PoolClient;
    this.sendTogether(client);
    this.track(client.query(config), config.text, config.values ?? []);
  }

  /**
   * pg writes every statement to the socket on its own. Corked until the current tick ends, what this
   * transaction sends meanwhile — BEGIN and the first statement; the unanswered writes, the statement
   * after them or the COMMIT — leaves in one write, and the backend wakes once for it
   * (`npm run bench:round-trips`: 16 % less CPU per transaction than pipelined with a write per statement). Nothing
   * waits longer than the tick: the socket is uncorked as soon as the work of this tick is done.
   */
  private sendTogether(client: PoolClient): void {
    if (this.corked) return;
    const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    if (!stream?.cork || !stream.uncork) return;
    stream.cork();
    this.corked = true;
    process.nextTick(() => {
      this.corked = false;
      stream.uncork?.();
    });
  }

  /**
   * Runs `callback` once this transaction has committed, and never if it rolls back: the one way for
   * work that must not start before the transaction's rows are visible (a relay's wake-up, the jobs
   * of the rows it created). The commit's caller resumes after the callbacks, in the order they were
   * added; a callback must not throw (the transaction has committed: there is nothing to undo).
   */
  afterCommit(callback: () => void | Promise<void>): void {
    this.committed.push(callback);
  }

  override async commitTransaction(): Promise<void> {
    if (this.transactionDepth !== 1) return super.commitTransaction();
    if (!this.isTransactionActive) throw new TransactionNotStartedError();
    await this.broadcaster.broadcast('BeforeTransactionCommit');
    // The setting lasts until the transaction ends, and the COMMIT reads it.
    if (this.commitDurability === 'asynchronous allowed') this.sendUnanswered(ASYNCHRONOUS_COMMIT);
    // Sent right behind the statements nobody waited for; PostgreSQL answers it with a rollback if one failed.
    let commitError: unknown = null;
    try {
      await super.query('COMMIT');
    } catch (error) {
      commitError = error;
    }
    const failure = await this.settle();
    // A failed COMMIT ends the transaction too (rolled back): nothing is left to roll back.
    this.isTransactionActive = false;
    this.transactionDepth = 0;
    const committed = this.committed;
    this.committed = [];
    if (failure !== null || commitError !== null) {
      await this.broadcaster.broadcast('AfterTransactionRollback');
      throw failure ?? commitError;
    }
    for (const callback of committed) await callback();
    await this.broadcaster.broadcast('AfterTransactionCommit');
  }

  override async rollbackTransaction(): Promise<void> {
    if (this.transactionDepth === 1) {
      this.committed = [];
      await this.settle();
    }
    return super.rollbackTransaction();
  }

  override async query(query: string, parameters?: unknown[], useStructuredResult = false): ReturnType<PostgresQueryRunner['query']> {
    try {
      return await super.query(query, parameters, useStructuredResult);
    } catch (error) {
      throw this.firstFailureFor(error);
    }
  }

  override async release(): Promise<void> {
    await this.settle();
    return super.release();
  }

  /**
   * The error to report for a statement that failed in this transaction: the statement sent earlier
   * that failed first, when this one was refused only because of it.
   */
  firstFailureFor(error: unknown): unknown {
    const code = (error as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (error as { code?: string }).code;
    return code === IN_FAILED_TRANSACTION && this.failure !== null ? this.failure : error;
  }

  private track(sent: Promise<unknown>, text: string, values: unknown[]): void {
    this.unanswered.push(
      sent.then(
        () => undefined,
        (error: Error) => {
          if (this.failure === null) this.failure = error instanceof QueryFailedError ? error : new QueryFailedError(text, values, error);
        },
      ),
    );
  }

  /** Waits for every statement sent without waiting; answers the first that failed, and forgets them. */
  private async settle(): Promise<Error | null> {
    while (this.unanswered.length > 0) {
      const sent = this.unanswered;
      this.unanswered = [];
      await Promise.all(sent);
    }
    const failure = this.failure;
    this.failure = null;
    return failure;
  }
}

/** Makes every transaction of `dataSource` a pipelined one (see PipelinedQueryRunner); `createDataSource` does this. */
export function usePipelinedTransactions(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as PostgresDriver;
  driver.createQueryRunner = (mode: ReplicationMode) => new PipelinedQueryRunner(driver, mode);
  return dataSource;
}

/**
 * The pipelined runner of `on`'s transaction (in a savepoint too), null outside a transaction. Its
 * `afterCommit` runs at the outer commit. A transaction of a DataSource without pipelined
 * transactions has no such hook, and is refused rather than handed on before its commit.
 */
export function transactionRunnerOf(on: unknown): PipelinedQueryRunner | null {
  const runner = (on as { queryRunner?: unknown }).queryRunner ?? on;
  if (runner instanceof PipelinedQueryRunner) return runner.isTransactionActive ? runner : null;
  if ((runner as { isTransactionActive?: boolean } | undefined)?.isTransactionActive) {
    throw new TypeError('work after the commit needs a DataSource with pipelined transactions (createDataSource)');
  }
  return null;
}

/** The pipelined runner of `on`'s transaction, when it has one that may take an unanswered statement. */
export function pipeliningRunnerOf(on: unknown): PipelinedQueryRunner | null {
  const runner = (on as { queryRunner?: unknown }).queryRunner ?? on;
  return runner instanceof PipelinedQueryRunner && runner.pipelining ? runner : null;
}
