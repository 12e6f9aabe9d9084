import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { pipeliningRunnerOf } from './pipelined-transactions';
import type { SqlExecutor } from './prepared-query';

/**
 * How a committed outbox row wakes its relay.
 *
 * The outbox's trigger sends a NOTIFY, which the active relay LISTENs for, wherever it runs. But
 * PostgreSQL serialises notifying commits (a database-wide lock, held through the commit's log flush,
 * keeps notifications in commit order), so concurrent decisions cannot share a flush; and each NOTIFY
 * wakes the listening backend and the relay's process through the database. When the active relay
 * of the outbox runs in the writing process, the insert tells the trigger to stay quiet (a setting
 * local to its transaction) and the transaction wakes the relay itself once it has committed.
 *
 * Only the active relay is registered. If it loses its lock between a quiet insert and the commit,
 * the relay that takes over reads the outbox when it starts and then at every poll: the row waits at
 * most a poll interval, and is never lost. Writers without the transaction's runner (the seed, a pg
 * client, an operator's SQL) always notify.
 */
const activeRelays = new Map<string, Set<() => void>>();

/** The setting the outbox trigger reads: `off` for the rest of the transaction means no NOTIFY. */
export const OUTBOX_NOTIFY_SETTING = 'exchange.outbox_notify';

const relayKey = (database: string, schema: string) => `${database}\u0000${schema}`;

/**
 * Registers the relay now active for `schema`'s outbox in `database` (the name PostgreSQL reports),
 * running in this process; returns what deregisters it.
 */
export function registerActiveRelay(database: string, schema: string, wake: () => void): () => void {
  const key = relayKey(database, schema);
  const wakes = activeRelays.get(key) ?? new Set<() => void>();
  wakes.add(wake);
  activeRelays.set(key, wakes);
  return () => {
    wakes.delete(wake);
    if (wakes.size === 0 && activeRelays.get(key) === wakes) activeRelays.delete(key);
  };
}

/**
 * When `tx` is a pipelined transaction and the active relay of its database's `schema` outbox runs in
 * this process: arranges for the relay to be woken after the commit and answers true, and the caller's
 * insert must then set OUTBOX_NOTIFY_SETTING to `off`. Otherwise false: the trigger notifies.
 */
export function wakeRelayAfterCommit(tx: SqlExecutor, schema: string): boolean {
  if (activeRelays.size === 0) return false;
  const runner = pipeliningRunnerOf(tx);
  if (!runner) return false;
  const database = (runner.connection.driver as PostgresDriver).database;
  const wakes = database === undefined ? undefined : activeRelays.get(relayKey(database, schema));
  if (!wakes) return false;
  runner.afterCommit(() => {
    for (const wake of wakes) wake();
  });
  return true;
}
