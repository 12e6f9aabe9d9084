import { PipelinedQueryRunner } from './pipelined-transactions';
import { preparedQuery, type SqlExecutor } from './prepared-query';

/**
 * Which commits wait for PostgreSQL's write-ahead log to reach the disk.
 *
 * A commit is synchronous by default: when it returns, the change survives a crash of the database
 * server. PostgreSQL's asynchronous commit returns before that flush (at most about three
 * `wal_writer_delay`s, 0.6 s by default, are at risk, and only in a crash of the server, not of the
 * service); the log is still written in order, so a later synchronous commit makes every earlier
 * commit durable with it. Waiting for the flush is what a quiet pipeline's latency is made of
 * (README "Benchmarks"), and most of its commits do not need it:
 *  - a consumer's transaction is redone from Kafka if it is lost, provided its offset is committed
 *    only after a flush (`flushCommits` before each offset commit: EventConsumer);
 *  - a relay's mark or a webhook's claim and record, lost, only send again what the receiver
 *    deduplicates by its id.
 * What must stay synchronous: whatever was answered to a person (an API transaction), and a
 * transaction that writes events — the relay may publish a committed row at once, and a lost
 * transaction redone would write the same facts under new event ids.
 */

/**
 * Lets the transaction of `tx` commit asynchronously, unless it writes events (`requireSynchronousCommit`,
 * which `insertOutboxRows` calls). Only a pipelined transaction (every service's) takes it; any other
 * commits synchronously, the safe side.
 */
export function allowAsynchronousCommit(tx: SqlExecutor): void {
  const runner = runnerOf(tx);
  if (runner) runner.commitDurability = runner.commitDurability === 'synchronous required' ? 'synchronous required' : 'asynchronous allowed';
}

/** The transaction of `tx` commits synchronously whatever it was allowed (it writes events). */
export function requireSynchronousCommit(tx: SqlExecutor): void {
  const runner = runnerOf(tx);
  if (runner) runner.commitDurability = 'synchronous required';
}

/**
 * Waits until every commit made so far on this server is on disk: one transaction that writes a log
 * record (a logical-decoding message, which no table keeps) and commits synchronously, flushing the
 * log up to itself and so past every earlier commit. A session configured with
 * `synchronous_commit=off` has asked for no flush, and gets none here either.
 */
export async function flushCommits(on: SqlExecutor): Promise<void> {
  await preparedQuery(on, "SELECT pg_logical_emit_message(true, 'exchange.flush', '') AS lsn", []);
}

/**
 * A common table expression for a statement that runs alone, outside a transaction block: a statement
 * that joins it commits asynchronously (the setting lasts until its implicit transaction ends, and
 * the commit reads it). A statement that does not read it is unaffected.
 */
export const ASYNCHRONOUS_COMMIT_CTE = "asynchronous_commit AS (SELECT set_config('synchronous_commit', 'off', true) AS setting)";

function runnerOf(tx: SqlExecutor): PipelinedQueryRunner | null {
  const runner = (tx as { queryRunner?: unknown }).queryRunner ?? tx;
  return runner instanceof PipelinedQueryRunner && runner.isTransactionActive ? runner : null;
}
