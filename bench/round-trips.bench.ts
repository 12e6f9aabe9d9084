/**
 * What a round trip to PostgreSQL costs, the lead of issue 13 (profiles put 10–30 % of each service's
 * busy time in socket writes). One transaction of the decision's shape — BEGIN, a read by key, a
 * guarded update, an insert, COMMIT — run over one connection, first one statement per round trip
 * (as TypeORM sends them today), then with pg's pipeline mode: BEGIN sent with the read, the insert
 * with COMMIT (3 round trips instead of 5, the same statements, all prepared). Prints wall time and
 * the CPU per transaction of this client and of its PostgreSQL backend (read from /proc, so the
 * database must run on this machine; otherwise only the client's).
 *
 * Run: npm run bench:round-trips   (env BENCH_TRANSACTIONS per round [3000], BENCH_ROUNDS [4],
 *   DATABASE_URL; PostgreSQL over its Unix socket when it has one here, as `npm start` does).
 */
import { DEFAULT_TEST_DATABASE_URL } from '@exchange/data';
import { Client, type QueryConfig } from 'pg';
import { cpuMs, useLocalPostgresSocket } from './local-machine.fixture';

const TRANSACTIONS = Number(process.env.BENCH_TRANSACTIONS ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
for (const value of [TRANSACTIONS, ROUNDS]) {
  if (!Number.isInteger(value) || value < 1) throw new Error(`bench:round-trips: "${value}" is not a positive whole number (BENCH_TRANSACTIONS, BENCH_ROUNDS)`);
}

const READ: QueryConfig = { name: 'bench-read', text: 'SELECT id, state, version FROM bench_applications WHERE id = $1' };
const UPDATE: QueryConfig = { name: 'bench-update', text: "UPDATE bench_applications SET state = 'accepted', version = version + 1 WHERE id = $1 AND version = $2" };
const INSERT: QueryConfig = { name: 'bench-insert', text: 'INSERT INTO bench_outbox (application_id, payload) VALUES ($1, $2)' };

type Mode = 'one statement per round trip' | 'pipelined (3 round trips)' | 'pipelined, one write each';

/** One decision-shaped transaction on `client`, in `mode`. */
async function decide(client: Client, mode: Mode, id: number): Promise<void> {
  if (mode === 'one statement per round trip') {
    await client.query('BEGIN');
    const { rows } = await client.query<{ version: number }>({ ...READ, values: [id] });
    await client.query({ ...UPDATE, values: [id, rows[0]!.version] });
    await client.query({ ...INSERT, values: [id, '{"type":"application.accepted"}'] });
    await client.query('COMMIT');
    return;
  }
  // pg writes each statement on its own; corked, the statements sent together leave in one write.
  const corked = mode === 'pipelined, one write each';
  const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
  const together = <T>(send: () => Promise<T>): Promise<T> => {
    if (!corked) return send();
    stream.cork();
    try {
      return send();
    } finally {
      stream.uncork();
    }
  };
  const [, read] = await together(() => Promise.all([client.query('BEGIN'), client.query<{ version: number }>({ ...READ, values: [id] })]));
  await client.query({ ...UPDATE, values: [id, read.rows[0]!.version] });
  await together(() => Promise.all([client.query({ ...INSERT, values: [id, '{"type":"application.accepted"}'] }), client.query('COMMIT')]));
}

async function round(mode: Mode): Promise<{ wallMs: number; clientMs: number; serverMs: number | null }> {
  const client = new Client({ connectionString: process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL, pipeline: mode !== 'one statement per round trip' });
  await client.connect();
  try {
    await client.query('CREATE TEMP TABLE bench_applications (id int PRIMARY KEY, state text NOT NULL, version int NOT NULL)');
    await client.query('CREATE TEMP TABLE bench_outbox (seq bigserial PRIMARY KEY, application_id int NOT NULL, payload jsonb NOT NULL)');
    await client.query("INSERT INTO bench_applications SELECT g, 'under_review', 1 FROM generate_series(1, 1000) g");
    const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    for (let i = 0; i < 200; i++) await decide(client, mode, 1 + (i % 1000)); // warm-up: prepared, JIT-compiled
    const server0 = cpuMs(backend);
    const client0 = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < TRANSACTIONS; i++) await decide(client, mode, 1 + (i % 1000));
    const wallMs = performance.now() - started;
    const used = process.cpuUsage(client0);
    const server1 = cpuMs(backend);
    return { wallMs, clientMs: (used.user + used.system) / 1000, serverMs: server0 === null || server1 === null ? null : server1 - server0 };
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const socket = useLocalPostgresSocket();
  console.log(`bench:round-trips: ${TRANSACTIONS} decision-shaped transactions per round, ${ROUNDS} rounds per mode, PostgreSQL over ${socket ? 'its Unix socket' : 'TCP'}`);
  const modes: Mode[] = ['one statement per round trip', 'pipelined (3 round trips)', 'pipelined, one write each'];
  const results = new Map<Mode, Array<{ wallMs: number; clientMs: number; serverMs: number | null }>>(modes.map((m) => [m, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const mode of modes) {
      const result = await round(mode);
      results.get(mode)!.push(result);
      const per = (v: number | null) => (v === null ? 'n/a' : `${(v / TRANSACTIONS).toFixed(3)} ms`);
      console.log(`  round ${r + 1}  ${mode.padEnd(30)}  wall ${per(result.wallMs)}  client CPU ${per(result.clientMs)}  backend CPU ${per(result.serverMs)}  per transaction`);
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const summary = modes.map((mode) => {
    const rounds = results.get(mode)!;
    const servers = rounds.map((r) => r.serverMs).filter((v): v is number => v !== null);
    const cpu = median(rounds.map((r) => r.clientMs + (servers.length === rounds.length ? r.serverMs! : 0))) / TRANSACTIONS;
    return { mode, wall: median(rounds.map((r) => r.wallMs)) / TRANSACTIONS, cpu, withServer: servers.length === rounds.length };
  });
  console.log('\nmedian per transaction:');
  for (const s of summary) console.log(`  ${s.mode.padEnd(30)}  wall ${s.wall.toFixed(3)} ms  CPU ${s.cpu.toFixed(3)} ms (${s.withServer ? 'client + backend' : 'client only'})`);
  const [sequential, pipelined, corked] = summary;
  const saves = (of: (typeof summary)[number], than: (typeof summary)[number]) =>
    `${(100 * (1 - of.cpu / than.cpu)).toFixed(0)} % of the CPU and ${(100 * (1 - of.wall / than.wall)).toFixed(0)} % of the wall time`;
  console.log(`pipelining saves ${saves(pipelined!, sequential!)} per transaction`);
  console.log(`one write for the statements sent together saves a further ${saves(corked!, pipelined!)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
