/**
 * Decision → partner's webhook received, at a list of rates (issue 13's goals: at 30/s p50 ≤ 40 ms and
 * p99 ≤ 150 ms; at 100/s p50 ≤ 50 ms, p99 ≤ 250 ms and ≤ 8 ms of CPU per decision over every process;
 * at 200/s the pipeline keeps up). The whole system as real processes (e2e/src/system: its own Kafka
 * broker, a fresh migrated database, the four services), the partner agency's verifying receiver in
 * this process.
 *
 * Setup over the HTTP API: an admin (`npm run bootstrap`), the organisations and people of the
 * journey, a published pilot programme with the partner association as partner, and the association's
 * webhook endpoint (subscribed to `application.accepted` only). The applications to decide are written
 * straight into PostgreSQL, already `under_review` with their score (a decision reads nothing else);
 * the decisions themselves go through `POST /v1/applications/:id/decision`, sent by a light node:http
 * client (decision-client.fixture.ts: the load generator shares the machine's cores with the system).
 *
 * Open loop: decisions are sent at scheduled times (the rate per second), whatever the answers do.
 * Latency = when the receiver got the verified `application.accepted` webhook − when the decision
 * request was sent (both Date.now() on this machine). The system is warmed up first (JIT compilers of
 * the broker and of Node: a cold system measures its compilers, not its pipeline), then each rate gets
 * a short warm-up of its own and a measured run. The database's own timestamps split each event's path
 * into legs (outbox row written, published by the relay, recorded by notifications, delivery attempt
 * started) so the figures show where time goes. At the end Kafka's own EndToEndLatency tool measures
 * the broker's floor with the same acks, and a table says PASS or MISS for each goal.
 *
 * Run: npm run bench:latency   (env BENCH_RATE a list of rates per second [30,100,200],
 *   BENCH_DURATION_S measured seconds per rate [30], BENCH_WARMUP_S warm-up seconds per rate [10],
 *   BENCH_SYSTEM_WARMUP_S the first warm-up at the first rate [45], BENCH_INSTANCES per service [1],
 *   BENCH_FLOOR=0 skips the Kafka floor, BENCH_SERVICE_ENV extra environment for every service, e.g.
 *   "LOG_LEVEL=warn,DATABASE_POOL_SIZE=20"; BENCH_PROFILE=<dir>: a CPU profile of each service process
 *   over the measured runs, <dir>/<service>-<pid>.cpuprofile). Service logs go to .cache/e2e/<run>/.
 *   PostgreSQL is reached over its Unix socket when it has one here (as `npm start` does), else over
 *   TCP; DATABASE_URL set by you decides, BENCH_DATABASE_SOCKET=0 keeps TCP.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { Pool } from 'pg';
import { bootstrapAdmin } from '../e2e/src/journey/bootstrap-admin';
import { pilotProgramme } from '../e2e/src/journey/bodies';
import { assembleCast, type Member } from '../e2e/src/journey/cast';
import type { ExchangeSdk } from '@exchange/sdk';
import { exchangeSdk } from '../e2e/src/journey/exchange-api';
import type { Narrator } from '../e2e/src/journey/narrator';
import { PartnerReceiver } from '../e2e/src/receiver/partner-receiver';
import { ExchangeSystem } from '../e2e/src/system/exchange-system';
import { DecisionClient } from './decision-client.fixture';
import { measureKafkaFloor, type KafkaFloor } from './kafka-floor.fixture';
import { cpuMs, PG_SOCKET_DIR, useLocalPostgresSocket } from './local-machine.fixture';

const RATES = (process.env.BENCH_RATE ?? '30,100,200').split(',').map((r) => Number(r.trim()));
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
const SYSTEM_WARMUP_S = Number(process.env.BENCH_SYSTEM_WARMUP_S ?? 45);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1);
const PROFILE_DIR = process.env.BENCH_PROFILE;
const FLOOR = process.env.BENCH_FLOOR !== '0';
for (const value of [...RATES, DURATION_S, WARMUP_S, SYSTEM_WARMUP_S, INSTANCES]) {
  if (!Number.isFinite(value) || value < 0) throw new Error(`bench:latency: "${value}" is not a usable number (BENCH_RATE, BENCH_*_S, BENCH_INSTANCES)`);
}

/** Issue 13's goals, by rate. */
interface Goal {
  p50?: number;
  p99?: number;
  /** CPU per decision summed over every process (services, PostgreSQL, Kafka, Redis), ms. */
  cpu?: number;
  /** Webhooks must leave at least this fraction of the rate. */
  keepUp?: number;
}
const GOALS: Record<number, Goal> = {
  30: { p50: 40, p99: 150 },
  100: { p50: 50, p99: 250, cpu: 8 },
  200: { p99: 1_000, keepUp: 199 / 200 },
};
/** Decisions per manager key: the default per-key rate limit is 600 a minute, so the load is spread over managers. */
const DECISIONS_PER_KEY = 400;
/** The quiet spell before the measured run that gives each process's idle CPU use. */
const IDLE_MS = 5_000;
/** How long a webhook may take before it counts as missing. */
const ARRIVAL_TIMEOUT_MS = 60_000;

const started = Date.now();
const log = (line: string) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);

function serviceEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  if (PROFILE_DIR) {
    env.NODE_OPTIONS = `--require ${join(__dirname, 'service-cpu-profile.fixture.cjs')}`;
    env.BENCH_PROFILE_DIR = resolve(PROFILE_DIR);
  }
  for (const pair of (process.env.BENCH_SERVICE_ENV ?? '').split(',').filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`BENCH_SERVICE_ENV: "${pair}" is not NAME=value`);
    env[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return env;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Events per second between the first and the last of these times (ms). */
function ratePerSecond(times: number[]): number {
  if (times.length < 2) return NaN;
  return (times.length - 1) / ((Math.max(...times) - Math.min(...times)) / 1_000);
}

const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ');

const ms = (n: number) => (Number.isNaN(n) ? '–' : `${n.toFixed(n < 10 ? 1 : 0)} ms`);

/** CPU time (ms) of all cores of the machine so far, every process's (from /proc/stat). */
function machineCpuMs(): number {
  try {
    const [cpuLine] = readFileSync('/proc/stat', 'utf8').split('\n');
    // user nice system idle iowait irq softirq steal: all but idle and iowait is work.
    const [user, nice, system, , , irq, softirq, steal] = (cpuLine ?? '').trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * 10; // ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** The snapshot key of the whole machine's CPU (reported apart from the processes). */
const MACHINE = 'the whole machine';

/** The snapshot key of this process: the bench's client and receiver, not part of the system. */
const OWN = 'this process (client, receiver)';

/** The snapshot key of Redis (the server is shared, so its whole CPU counts: keep the machine quiet). */
const REDIS = 'Redis server';

/** CPU time (ms) the Redis server has used so far, from its own INFO (works without knowing its pid). */
async function redisCpuMs(redis: Redis): Promise<number | null> {
  try {
    const info = await redis.info('cpu');
    const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
    const used = (field('used_cpu_user') + field('used_cpu_sys')) * 1_000;
    return Number.isFinite(used) ? used : null;
  } catch {
    return null;
  }
}

/** Key prefix of a PostgreSQL backend in the CPU snapshot (summed in the report). */
const BACKEND = 'postgres backend ';

/**
 * CPU time (ms) each process of the system has used so far: the service processes, the broker, Redis,
 * the PostgreSQL backends serving this database, and this process. Unlike wall-clock latency it hardly
 * depends on what else runs on the machine, so it tells whether the rate fits the cores at all.
 */
async function cpuByProcess(system: ExchangeSystem, db: Pool, redis: Redis): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const instance of system.instances) {
    const used = cpuMs(instance.child?.pid);
    if (used !== null) out.set(`${instance.service} #${instance.index}`, used);
  }
  let brokerPid: number | undefined;
  try {
    brokerPid = Number(readFileSync(join(system.broker.stateDir, 'kafka.pid'), 'utf8').trim());
  } catch {
    brokerPid = undefined;
  }
  const broker = cpuMs(brokerPid);
  if (broker !== null) out.set('Kafka broker', broker);
  const redisUsed = await redisCpuMs(redis);
  if (redisUsed !== null) out.set(REDIS, redisUsed);
  out.set(MACHINE, machineCpuMs());
  const own = process.cpuUsage();
  out.set(OWN, (own.user + own.system) / 1_000);
  for (const [name, used] of await backendCpu(db)) out.set(name, used);
  return out;
}

/** CPU time (ms) of each PostgreSQL backend serving this database, by role and process id. */
async function backendCpu(db: Pool): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // Each service connects as its own role (e2e/src/system), so the backends say whose statements they ran.
  const { rows } = await db.query<{ pid: number; role: string }>(
    `SELECT pid, usename AS role FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  for (const { pid, role } of rows) {
    const used = cpuMs(pid);
    if (used !== null) out.set(`${BACKEND}${role} ${pid}`, used);
  }
  return out;
}

/**
 * Runs `work` while sampling the backends every second; returns its result and the last CPU time seen
 * of each backend. A pool closes connections idle for a while (a run that falls behind leaves some
 * idle), and a backend gone before the run's last snapshot would otherwise take its CPU with it.
 */
async function samplingBackends<T>(db: Pool, work: Promise<T>): Promise<{ result: T; lastSeen: Map<string, number> }> {
  const lastSeen = new Map<string, number>();
  let done = false;
  const sampler = (async () => {
    while (!done) {
      for (const [name, used] of await backendCpu(db)) lastSeen.set(name, used);
      await sleep(1_000);
    }
  })();
  try {
    return { result: await work, lastSeen };
  } finally {
    done = true;
    await sampler;
  }
}

/** One decision of a run: when it was due, sent, answered, and when its webhook arrived. */
interface Decision {
  applicationId: string;
  dueAt: number;
  sentAt: number;
  answeredAt: number | null;
  status: number | null;
  /** Why no answer came (a connection error), when none did. */
  error?: string;
  receivedAt: number | null;
}

interface Ready {
  applicationId: string;
  version: number;
}

/**
 * The applications to decide: startups and their applications `under_review` with a score and three
 * reviews counted (a decision checks the state and the version only, so no review rows are written).
 */
async function prepareApplications(db: Pool, programmeId: string, n: number): Promise<Ready[]> {
  const out: Ready[] = [];
  for (let done = 0; done < n; done += 1_000) {
    const size = Math.min(1_000, n - done);
    const { rows } = await db.query<{ id: string; version: number }>(
      `WITH s AS (
         INSERT INTO applications.startups (name, name_latin, country, registration_number, technology_fields, trl, languages, founded_at, description)
         SELECT '벤치 메디컬 ' || g, 'Bench Medical ' || g, 'KR', 'BENCH-' || gen_random_uuid(), '{medtech,ai}', 6, '{ko,en}',
                now() - interval '2 years', 'Decision latency benchmark startup'
         FROM generate_series(1, $2) g RETURNING id
       )
       INSERT INTO applications.applications (programme_id, startup_id, state, answers, score, reviews_completed, submitted_at)
       SELECT $1, id, 'under_review', '{"pitch":"AI triage for emergency departments."}', 6 + random() * 3, 3, now() - interval '1 day' FROM s
       RETURNING id, version`,
      [programmeId, size],
    );
    out.push(...rows.map((r) => ({ applicationId: r.id, version: r.version })));
  }
  return out;
}

/** Programme managers of the organiser, each with a key (see DECISIONS_PER_KEY). */
async function extraManagers(api: ExchangeSdk, adminKey: string, organisationId: string, n: number): Promise<Member[]> {
  const managers: Member[] = [];
  const asAdmin = api.as(adminKey).applications;
  for (let i = 0; i < n; i++) {
    const person = await asAdmin.post('/v1/organisations/{organisationId}/people', {
      params: { path: { organisationId } },
      body: { displayName: `Bench manager ${i + 1}`, role: 'programme_manager', email: `bench.manager.${i + 1}.${Date.now()}@example.org` },
    });
    const issued = await asAdmin.post('/v1/people/{personId}/api-keys', { params: { path: { personId: person.id } }, body: { label: 'decision latency bench' } });
    managers.push({ principalId: person.id, key: issued.key, name: `Bench manager ${i + 1}` });
  }
  return managers;
}

/** When each verified `application.accepted` webhook arrived, by application id. */
function arrivals(receiver: PartnerReceiver): Map<string, number> {
  const byApplication = new Map<string, number>();
  for (const event of receiver.all()) {
    if (event.type === 'application.accepted') byApplication.set(String(event.data.applicationId), event.receivedAt);
  }
  return byApplication;
}

/**
 * Sends one decision per application at `rate` per second, each at its scheduled time (not after the
 * previous answer), then waits for their webhooks.
 */
async function paced(
  client: DecisionClient,
  receiver: PartnerReceiver,
  applications: Ready[],
  managers: Member[],
  rate: number,
  label: string,
): Promise<Decision[]> {
  const decisions: Decision[] = [];
  const interval = 1_000 / rate;
  const begin = Date.now() + 20;
  const inFlight: Promise<void>[] = [];
  const received = () => {
    const arrived = arrivals(receiver);
    return decisions.filter((d) => arrived.has(d.applicationId)).length;
  };
  const progress = setInterval(() => {
    const answered = decisions.filter((d) => d.answeredAt !== null).length;
    log(`${label}: sent ${decisions.length}/${applications.length}, answered ${answered}, webhooks received ${received()}`);
  }, 5_000);
  try {
    for (const [i, application] of applications.entries()) {
      const dueAt = begin + i * interval;
      const wait = dueAt - Date.now();
      if (wait >= 1) await sleep(wait);
      const decision: Decision = { applicationId: application.applicationId, dueAt, sentAt: Date.now(), answeredAt: null, status: null, receivedAt: null };
      decisions.push(decision);
      inFlight.push(
        client
          .decide(application.applicationId, managers[i % managers.length]?.key ?? '', {
            outcome: 'accept',
            reason: 'Strong clinical fit; top of the ranking.',
            version: application.version,
          })
          .then(
            (status) => {
              decision.answeredAt = Date.now();
              decision.status = status;
            },
            (err: NodeJS.ErrnoException) => {
              decision.answeredAt = Date.now();
              decision.error = err.code ?? err.message;
            },
          ),
      );
    }
    await Promise.all(inFlight);
    const accepted = decisions.filter((d) => d.status === 200).length;
    const deadline = Date.now() + ARRIVAL_TIMEOUT_MS;
    while (received() < accepted && Date.now() < deadline) await sleep(100);
    const arrived = arrivals(receiver);
    for (const d of decisions) d.receivedAt = arrived.get(d.applicationId) ?? null;
    log(`${label}: ${decisions.length} sent, ${accepted} answered 200, ${received()} webhooks received`);
    return decisions;
  } finally {
    clearInterval(progress);
  }
}

interface Legs {
  eventId: string;
  applicationId: string;
  outboxAt: number;
  publishedAt: number | null;
  recordedAt: number | null;
  attemptAt: number | null;
  succeededAt: number | null;
}

/** The database's timestamps of each decision's event, as epoch ms (same machine clock as Date.now()). */
async function legTimestamps(db: Pool, applicationIds: string[]): Promise<Map<string, Legs>> {
  const epoch = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;
  const { rows } = await db.query<Legs>(
    `SELECT o.id AS "eventId", o.payload->>'applicationId' AS "applicationId",
            ${epoch('o.created_at')} AS "outboxAt", ${epoch('o.published_at')} AS "publishedAt",
            ${epoch('e.received_at')} AS "recordedAt", ${epoch('a.started_at')} AS "attemptAt", ${epoch('d.succeeded_at')} AS "succeededAt"
     FROM applications.outbox o
     LEFT JOIN notifications.events e ON e.id = o.id
     LEFT JOIN notifications.deliveries d ON d.event_id = o.id
     LEFT JOIN notifications.delivery_attempts a ON a.delivery_id = d.id AND a.attempt_number = 1
     WHERE o.type = 'application.accepted' AND o.payload->>'applicationId' = ANY($1::text[])`,
    [applicationIds],
  );
  return new Map(rows.map((r) => [r.applicationId, r]));
}

function stats(values: number[]) {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

const row = (name: string, s: ReturnType<typeof stats>) =>
  `  ${name.padEnd(58)} p50 ${ms(s.p50).padStart(8)}  p90 ${ms(s.p90).padStart(8)}  p99 ${ms(s.p99).padStart(8)}  max ${ms(s.max).padStart(8)}`;

/** Starts, or stops and writes, the CPU profile of every service process (bench/service-cpu-profile.fixture.cjs). */
function toggleProfilers(system: ExchangeSystem): void {
  for (const instance of system.instances) instance.child?.kill('SIGUSR2');
}

/** CPU (ms) each process used between two snapshots; the PostgreSQL backends summed by role. */
function cpuUsed(before: Map<string, number>, after: Map<string, number>): Map<string, number> {
  const used = new Map<string, number>();
  for (const [name, now] of after) {
    // A backend opened in between counts from zero; one closed in between, from its last sample (samplingBackends).
    const backend = name.startsWith(BACKEND);
    const key = backend ? `PostgreSQL backends of ${name.slice(BACKEND.length).split(' ')[0]}` : name;
    used.set(key, (used.get(key) ?? 0) + now - (before.get(name) ?? (backend ? 0 : now)));
  }
  return used;
}

/** CPU (ms) of each process during the measured run and while idle, with the wall time of each. */
interface CpuUse {
  run: Map<string, number>;
  runMs: number;
  idle: Map<string, number>;
  idleMs: number;
}

/** What one rate's measured run gives the final table. */
interface RateResult {
  rate: number;
  decisions: number;
  p50: number;
  p90: number;
  p99: number;
  /** Webhooks received per second over the run. */
  received: number;
  failed: number;
  missing: number;
  /** CPU per decision summed over every process but this one (the bench's client and receiver), ms. */
  cpu: number;
}

async function report(db: Pool, rate: number, decisions: Decision[], cpu: CpuUse): Promise<RateResult> {
  const answered = decisions.filter((d) => d.status === 200);
  const failed = decisions.length - answered.length;
  const latencies = stats(answered.map((d) => (d.receivedAt ?? NaN) - d.sentAt));
  const missing = answered.filter((d) => d.receivedAt === null).length;
  const sendTimes = decisions.map((d) => d.sentAt);
  const sendSpan = (Math.max(...sendTimes) - Math.min(...sendTimes)) / 1_000;
  const achieved = ratePerSecond(sendTimes);
  const receiveRate = ratePerSecond(answered.flatMap((d) => (d.receivedAt === null ? [] : [d.receivedAt])));
  const response = stats(answered.map((d) => (d.answeredAt ?? NaN) - d.sentAt));
  const sendLag = stats(decisions.map((d) => d.sentAt - d.dueAt));

  console.log(`\nDecision → partner's webhook, ${decisions.length} decisions at ${rate}/s, ${INSTANCES} instance(s) per service`);
  console.log(`  ${cpus().length} CPUs, load average ${loadAverage()} (1, 5, 15 min): other work on the machine shows in the figures`);
  console.log(`  sent at ${achieved.toFixed(1)}/s over ${sendSpan.toFixed(1)} s (scheduled → sent: p99 ${ms(sendLag.p99)}, max ${ms(sendLag.max)}); webhooks received at ${receiveRate.toFixed(1)}/s`);
  if (failed > 0) {
    const statuses = new Map<string, number>();
    for (const d of decisions.filter((x) => x.status !== 200)) {
      const what = d.status === null ? `no answer (${d.error})` : String(d.status);
      statuses.set(what, (statuses.get(what) ?? 0) + 1);
    }
    console.log(`  ${failed} decisions did not answer 200: ${[...statuses].map(([st, n]) => `${st} × ${n}`).join(', ')}`);
  }
  if (missing > 0) console.log(`  ${missing} accepted decisions had no webhook within ${ARRIVAL_TIMEOUT_MS / 1_000} s (left out of the latencies)`);
  console.log(row('decision sent → webhook received (verified)', latencies));
  console.log(row('decision HTTP response time', response));

  const legs = await legTimestamps(db, answered.map((d) => d.applicationId));
  const leg = (from: (d: Decision, l: Legs) => number | null, to: (d: Decision, l: Legs) => number | null) =>
    stats(
      answered.flatMap((d) => {
        const l = legs.get(d.applicationId);
        const a = l && from(d, l);
        const b = l && to(d, l);
        return a != null && b != null ? [b - a] : [];
      }),
    );
  console.log('  where the time goes (database timestamps; each leg on its own, so the p50s need not add up):');
  console.log(row('request sent → decision transaction began (outbox created_at)', leg((d) => d.sentAt, (_, l) => l.outboxAt)));
  console.log(row('transaction began → published to Kafka (relay, published_at)', leg((_, l) => l.outboxAt, (_, l) => l.publishedAt)));
  console.log(row('published → recorded by notifications (events.received_at)', leg((_, l) => l.publishedAt, (_, l) => l.recordedAt)));
  console.log(row('recorded → delivery attempt started (commit, queue, worker)', leg((_, l) => l.recordedAt, (_, l) => l.attemptAt)));
  console.log(row('attempt started → received by the partner (HTTP, verify)', leg((_, l) => l.attemptAt, (d) => d.receivedAt)));
  console.log(row('received → delivery recorded succeeded (not in the latency)', leg((d) => d.receivedAt, (_, l) => l.succeededAt)));

  console.log(
    `  CPU per decision over the run (${(cpu.runMs / 1_000).toFixed(1)} s, webhooks included), less what the process uses idle ` +
      `(measured for ${(cpu.idleMs / 1_000).toFixed(0)} s before):`,
  );
  let system = 0;
  for (const [name, runMs] of cpu.run) {
    if (name === MACHINE) continue;
    const idlePerMs = (cpu.idle.get(name) ?? 0) / cpu.idleMs;
    const perDecision = Math.max(0, runMs - idlePerMs * cpu.runMs) / decisions.length;
    if (name !== OWN) system += perDecision;
    console.log(`    ${name.padEnd(38)} ${perDecision.toFixed(2).padStart(6)} ms   (busy ${(runMs / cpu.runMs).toFixed(2)} of a core, idle ${idlePerMs.toFixed(2)})`);
  }
  console.log(`    ${'the system (all but this process)'.padEnd(38)} ${system.toFixed(2).padStart(6)} ms   (${((system * rate) / 1_000).toFixed(2)} cores at ${rate}/s)`);
  const ours = [...cpu.run].filter(([name]) => name !== MACHINE).reduce((sum, [, used]) => sum + used, 0);
  const machine = cpu.run.get(MACHINE) ?? NaN;
  console.log(
    `  the machine's ${cpus().length} cores were ${(machine / cpu.runMs).toFixed(2)} busy on average during the run, ` +
      `${(ours / cpu.runMs).toFixed(2)} of them by the processes above`,
  );
  return { rate, decisions: decisions.length, p50: latencies.p50, p90: latencies.p90, p99: latencies.p99, received: receiveRate, failed, missing, cpu: system };
}

/** The closing table: each rate against its goals, and our p50 as a multiple of Kafka's own. */
function summary(results: RateResult[], floor: KafkaFloor | string | null): boolean {
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  let allPass = true;
  console.log('\nGoals (issue 13), decision sent → verified webhook received:');
  for (const r of results) {
    const goal = GOALS[r.rate];
    const checks: string[] = [];
    const check = (what: string, ok: boolean) => {
      allPass &&= ok;
      checks.push(`${what} ${verdict(ok)}`);
    };
    const complete = r.failed === 0 && r.missing === 0;
    if (goal?.p50 !== undefined) check(`p50 ${ms(r.p50)} ≤ ${goal.p50} ms`, r.p50 <= goal.p50 && complete);
    if (goal?.p99 !== undefined) check(`p99 ${ms(r.p99)} ≤ ${goal.p99} ms`, r.p99 <= goal.p99 && complete);
    if (goal?.cpu !== undefined) check(`CPU ${r.cpu.toFixed(1)} ms ≤ ${goal.cpu} ms`, r.cpu <= goal.cpu);
    if (goal?.keepUp !== undefined) check(`out ${r.received.toFixed(1)}/s ≥ ${(goal.keepUp * r.rate).toFixed(0)}/s`, r.received >= goal.keepUp * r.rate && complete);
    const figures = `p50 ${ms(r.p50)}, p90 ${ms(r.p90)}, p99 ${ms(r.p99)}, out ${r.received.toFixed(1)}/s, CPU ${r.cpu.toFixed(1)} ms/decision`;
    console.log(`  ${String(r.rate).padStart(4)}/s  ${figures}${r.failed + r.missing > 0 ? `, ${r.failed} failed, ${r.missing} missing` : ''}`);
    console.log(`          ${checks.length > 0 ? checks.join('; ') : 'no goal at this rate'}`);
  }
  if (floor === null) console.log('  Kafka floor: not measured (BENCH_FLOOR=0)');
  else if (typeof floor === 'string') console.log(`  Kafka floor: not measured: ${floor}`);
  else {
    console.log(`  Kafka floor (EndToEndLatency on the same broker, acks=all, ${floor.messages} messages of 1 kB): p50 ${floor.p50} ms, p99 ${floor.p99} ms`);
    for (const r of results) console.log(`    at ${r.rate}/s our p50 is ${(r.p50 / Math.max(floor.p50, 1)).toFixed(1)} × Kafka's`);
  }
  return allPass;
}

/** Applications for a run of `seconds` at `rate`, taken from the front of `ready`. */
function take(ready: Ready[], rate: number, seconds: number): Ready[] {
  return ready.splice(0, Math.round(rate * seconds));
}

/**
 * What autovacuum would have done by now: dead rows removed, statistics taken. The PostgreSQL of this
 * machine runs without it (a real deployment runs with it), and without it the tables that start empty
 * with the run (deliveries, inboxes, outboxes) are never analysed: the plans a connection caches for
 * its prepared statements stay costed on a table of a few rows (README "Benchmarks"). Done before each
 * rate, outside the measured runs; in a deployment its CPU would count, spread over the day.
 */
async function autovacuumsPart(db: Pool): Promise<void> {
  const began = Date.now();
  await db.query('VACUUM (ANALYZE)');
  log(`vacuumed and analysed the database in ${((Date.now() - began) / 1_000).toFixed(1)} s (autovacuum's part; it is off on this machine)`);
}

async function main(): Promise<number> {
  const receiver = await new PartnerReceiver().start();
  let system: ExchangeSystem | null = null;
  let db: Pool | null = null;
  let client: DecisionClient | null = null;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
  let stopping: Promise<void> | null = null;
  const stopAll = () =>
    (stopping ??= (async () => {
      await db?.end().catch(() => undefined);
      client?.close();
      redis.disconnect();
      await system?.stop().catch((err: Error) => log(`stopping the system: ${err.message}`));
      await receiver.stop();
    })());
  // Ctrl-C must not leave service processes and a Kafka broker behind.
  process.once('SIGINT', () => {
    log('interrupted: stopping everything');
    void stopAll().then(() => process.exit(130));
  });
  try {
    log(`PostgreSQL over ${useLocalPostgresSocket() ? `its Unix socket (${PG_SOCKET_DIR})` : 'TCP'}`);
    system = await ExchangeSystem.start({ instances: INSTANCES, env: serviceEnv(), log });
    db = new Pool({ connectionString: system.databaseUrl, max: 2 });
    await redis.connect().catch((err: Error) => log(`Redis CPU not measured: ${err.message}`));
    const api = exchangeSdk(system.allUrls());
    const decisionClient = (client = new DecisionClient(system.allUrls().applications));

    log('setting up an admin, the organisations, a published programme and the partner\'s endpoint');
    const admin = await bootstrapAdmin(api, system.databaseUrl);
    const quiet: Narrator = { step: () => undefined, say: () => undefined, received: () => undefined };
    const cast = await assembleCast(api, admin, quiet);
    const total = Math.round(RATES[0]! * SYSTEM_WARMUP_S) + RATES.reduce((sum, rate) => sum + Math.round(rate * (WARMUP_S + DURATION_S)), 0);
    const managers = [cast.cityAgency.manager, ...(await extraManagers(api, admin.key, cast.cityAgency.id, Math.ceil(total / DECISIONS_PER_KEY) - 1))];
    const endpoint = await api.as(cast.partnerAssociation.liaison.key).notifications.post('/v1/webhook-endpoints', {
      body: { url: receiver.url, eventTypes: ['application.accepted'], description: 'Korea Startup Association CRM' },
    });
    receiver.useSecret(endpoint.secret);
    const asManager = api.as(cast.cityAgency.manager.key).applications;
    const programme = await asManager.post('/v1/programmes', { body: { ...pilotProgramme(cast.partnerAssociation.id), capacity: total } });
    await asManager.post('/v1/programmes/{id}/publish', { params: { path: { id: programme.id } } });

    log(`writing ${total} applications under review (startups, scores) into PostgreSQL`);
    const ready = await prepareApplications(db, programme.id, total);

    log(`warming the system up: ${SYSTEM_WARMUP_S} s at ${RATES[0]}/s (JIT compilers of the broker and the services; not measured)`);
    await paced(decisionClient, receiver, take(ready, RATES[0]!, SYSTEM_WARMUP_S), managers, RATES[0]!, 'system warm-up');

    await autovacuumsPart(db);
    log(`idle for ${IDLE_MS / 1_000} s: what each process uses doing nothing`);
    const idleFrom = { at: Date.now(), cpu: await cpuByProcess(system, db, redis) };
    await sleep(IDLE_MS);
    const idleTo = { at: Date.now(), cpu: await cpuByProcess(system, db, redis) };
    const idle = { idle: cpuUsed(idleFrom.cpu, idleTo.cpu), idleMs: idleTo.at - idleFrom.at };

    const results: RateResult[] = [];
    if (PROFILE_DIR) toggleProfilers(system);
    for (const [i, rate] of RATES.entries()) {
      if (i > 0) await autovacuumsPart(db);
      log(`${rate}/s: warm-up ${WARMUP_S} s, then ${DURATION_S} s measured; load average ${loadAverage()}`);
      await paced(decisionClient, receiver, take(ready, rate, WARMUP_S), managers, rate, `warm-up at ${rate}/s`);
      const runFrom = { at: Date.now(), cpu: await cpuByProcess(system, db, redis) };
      const { result: decisions, lastSeen } = await samplingBackends(db, paced(decisionClient, receiver, take(ready, rate, DURATION_S), managers, rate, `measured at ${rate}/s`));
      const runTo = { at: Date.now(), cpu: await cpuByProcess(system, db, redis) };
      // A backend that closed during the run counts with what it had used at its last sample.
      for (const [name, used] of lastSeen) if (!runTo.cpu.has(name)) runTo.cpu.set(name, used);
      const cpu: CpuUse = { ...idle, run: cpuUsed(runFrom.cpu, runTo.cpu), runMs: runTo.at - runFrom.at };
      results.push(await report(db, rate, decisions, cpu));
    }
    if (PROFILE_DIR) toggleProfilers(system);
    if (receiver.rejected.length > 0) log(`${receiver.rejected.length} webhook requests failed verification, e.g. ${receiver.rejected[0]?.reason}`);

    let floor: KafkaFloor | string | null = null;
    if (FLOOR) {
      log('measuring the floor: Kafka\'s EndToEndLatency on the same broker');
      floor = await measureKafkaFloor({ clientId: 'bench-floor', brokers: system.broker.brokers }).catch((err: Error) => err.message);
    }
    summary(results, floor);
    console.log(`service logs: ${system.instances[0]?.logFile.replace(/[^/]+$/, '')}`);
    return 0;
  } finally {
    log('stopping the system');
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
