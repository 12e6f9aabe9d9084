/**
 * What the outbox trigger's NOTIFY costs a writing transaction. PostgreSQL serialises notifying
 * commits (a database-wide lock held through the commit's log flush, so notifications keep commit
 * order), and each NOTIFY wakes the listening backend and its client. Concurrent writers, each
 * committing one outbox row per transaction, with a listener as the relay has one; alternately the
 * trigger notifying (a writer whose relay runs in another process) and quiet (`exchange.outbox_notify`
 * off: the relay runs in the writer's process and is woken there, libs/data/src/outbox-wakeup.ts).
 * Prints transactions per second, the transaction's time, and the CPU per transaction of this client
 * and of the PostgreSQL backends (read from /proc: the database must run on this machine).
 *
 * Run: npm run bench:outbox-notify   (env BENCH_WRITERS [8], BENCH_SECONDS per round [5], BENCH_ROUNDS [3],
 *   DATABASE_URL; PostgreSQL over its Unix socket when it has one here, as `npm start` does).
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DEFAULT_TEST_DATABASE_URL, OUTBOX_NOTIFY_SETTING, outboxChannel } from '@exchange/data';
import { createScratchMessagingSchema, dropScratchSchema } from '@exchange/messaging/testing';
import { cpuMs, useLocalPostgresSocket } from './local-machine.fixture';

const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
for (const value of [WRITERS, SECONDS, ROUNDS]) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench:outbox-notify: "${value}" is not a positive whole number (BENCH_WRITERS, BENCH_SECONDS, BENCH_ROUNDS)`);
}

type Mode = 'trigger notifies' | 'trigger quiet';
interface RoundResult {
  transactions: number;
  notifications: number;
  p50Ms: number;
  p99Ms: number;
  clientMs: number;
  serverMs: number | null;
}

const columns = "(id, topic, key, type, source, time, payload) VALUES ($1, 'exchange.bench.v1', $2, 'bench.happened', '/bench', now(), '{}')";

async function round(url: string, schema: string, mode: Mode): Promise<RoundResult> {
  const listener = new Client({ connectionString: url });
  const writers = Array.from({ length: WRITERS }, () => new Client({ connectionString: url }));
  await Promise.all([listener, ...writers].map((c) => c.connect()));
  try {
    let notifications = 0;
    listener.on('notification', () => (notifications += 1));
    await listener.query(`LISTEN "${outboxChannel(schema)}"`);
    const insert =
      mode === 'trigger quiet'
        ? `WITH quiet AS (SELECT set_config('${OUTBOX_NOTIFY_SETTING}', 'off', true)) INSERT INTO "${schema}".outbox (id, topic, key, type, source, time, payload) ` +
          `SELECT $1::uuid, 'exchange.bench.v1', $2, 'bench.happened', '/bench', now(), '{}'::jsonb FROM quiet`
        : `INSERT INTO "${schema}".outbox ${columns}`;
    const pids = [listener, ...writers].map(async (c) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
    const backends = await Promise.all(pids);
    const serverCpu = () => {
      let sum = 0;
      for (const pid of backends) {
        const ms = cpuMs(pid);
        if (ms === null) return null;
        sum += ms;
      }
      return sum;
    };
    const transaction = async (writer: Client) => {
      await writer.query('BEGIN');
      await writer.query({ name: `bench-${mode}`, text: insert, values: [randomUUID(), 'k'] });
      await writer.query('COMMIT');
    };
    for (const writer of writers) for (let i = 0; i < 50; i++) await transaction(writer); // warm-up
    await new Promise((resolve) => setTimeout(resolve, 200));
    notifications = 0;
    const server0 = serverCpu();
    const client0 = process.cpuUsage();
    const times: number[] = [];
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      writers.map(async (writer) => {
        while (performance.now() < until) {
          const started = performance.now();
          await transaction(writer);
          times.push(performance.now() - started);
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200)); // the last notifications arrive
    const used = process.cpuUsage(client0);
    const server1 = serverCpu();
    times.sort((a, b) => a - b);
    return {
      transactions: times.length,
      notifications,
      p50Ms: times[Math.floor(times.length * 0.5)]!,
      p99Ms: times[Math.floor(times.length * 0.99)]!,
      clientMs: (used.user + used.system) / 1000,
      serverMs: server0 === null || server1 === null ? null : server1 - server0,
    };
  } finally {
    await Promise.all([listener, ...writers].map((c) => c.end()));
  }
}

async function main(): Promise<void> {
  const socket = useLocalPostgresSocket();
  const url = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const schema = `bench_notify_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
  console.log(`bench:outbox-notify: ${WRITERS} writers, one outbox row per transaction, ${ROUNDS} rounds of ${SECONDS} s per mode, PostgreSQL over ${socket ? 'its Unix socket' : 'TCP'}`);
  await createScratchMessagingSchema(url, schema);
  const modes: Mode[] = ['trigger notifies', 'trigger quiet'];
  const results = new Map<Mode, RoundResult[]>(modes.map((m) => [m, []]));
  try {
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of modes) {
        const result = await round(url, schema, mode);
        results.get(mode)!.push(result);
        const per = (v: number | null) => (v === null ? 'n/a' : `${(v / result.transactions).toFixed(3)} ms`);
        console.log(
          `  round ${r + 1}  ${mode.padEnd(17)}  ${(result.transactions / SECONDS).toFixed(0).padStart(5)} transactions/s  ` +
            `p50 ${result.p50Ms.toFixed(2)} ms  p99 ${result.p99Ms.toFixed(2)} ms  NOTIFYs received ${result.notifications}  ` +
            `CPU per transaction: client ${per(result.clientMs)}, backends ${per(result.serverMs)}`,
        );
      }
    }
  } finally {
    await dropScratchSchema(url, schema);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log('\nmedian of the rounds:');
  for (const mode of modes) {
    const rounds = results.get(mode)!;
    const cpu = rounds.every((r) => r.serverMs !== null) ? median(rounds.map((r) => (r.clientMs + r.serverMs!) / r.transactions)).toFixed(3) : 'n/a';
    console.log(
      `  ${mode.padEnd(17)}  ${median(rounds.map((r) => r.transactions / SECONDS)).toFixed(0)} transactions/s, p50 ${median(rounds.map((r) => r.p50Ms)).toFixed(2)} ms, ` +
        `p99 ${median(rounds.map((r) => r.p99Ms)).toFixed(2)} ms, CPU ${cpu} ms per transaction (client + backends)`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
