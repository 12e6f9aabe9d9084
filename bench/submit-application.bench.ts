/**
 * Submitting an application: requests/s through the running applications service (auth, validation,
 * eligibility, guarded transition, status history, outbox) vs a bare Fastify + pg handler doing the
 * same key lookup, reads and inserts in one transaction without the framework. DESIGN.md section 8 target: the
 * service at ≥ 70 % of the bare handler.
 *   Run: npm run bench:submit   (env BENCH_REQUESTS measured per side [3000], BENCH_ROUNDS [4], BENCH_WARMUP per side [300],
 *   BENCH_CONCURRENCY [32], DATABASE_URL, BENCH_PROFILE=<dir>: a CPU profile of the servers' process per measured
 *   round and side, e.g. <dir>/service-1.cpuprofile, for Chrome DevTools or speedscope)
 * The load comes from a child process (the same keep-alive fetch client for both sides). Both sides are
 * warmed up, then measured in rounds of equal size, alternating which side goes first, so drift in the
 * machine's load (other work on it) hits both alike. Prints requests/s, p50/p99 latency and the ratio.
 */
import { createExchangeSdk } from '@exchange/sdk';
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { createEvent, envelopeHeaders, topicOf } from '@exchange/contracts';
import { DEFAULT_TEST_DATABASE_URL, migrateDatabase } from '@exchange/data';
import { bootstrapService, loadConfig, type BaseConfig } from '@exchange/platform';
import { createTestOrganisation, issueTestApiKey } from '@exchange/platform/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../services/applications/src/app.module';
import { applicationsConfigSchema, SERVICE_NAME } from '../services/applications/src/config';

const DATABASE_URL = process.env.DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 300);
const PROFILE_DIR = process.env.BENCH_PROFILE;

/** Runs `fn` under the CPU profiler when BENCH_PROFILE is set; the profile covers exactly that round. */
async function profiled<T>(name: string, fn: () => Promise<T>): Promise<T> {
  if (!PROFILE_DIR) return fn();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(PROFILE_DIR, { recursive: true });
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/** N startups, each with a key and a draft application to `programmeId`. */
async function drafts(pool: Pool, dataSource: DataSource, programmeId: string, n: number) {
  const out: { applicationId: string; key: string }[] = [];
  for (let i = 0; i < n; i += 500) {
    const size = Math.min(500, n - i);
    const rows = (
      await pool.query(
        `WITH s AS (
           INSERT INTO applications.startups (name, name_latin, country, registration_number, trl, technology_fields)
           SELECT '벤치 ' || g, 'Bench ' || g, 'KR', 'BENCH-' || gen_random_uuid(), 6, '{medtech}' FROM generate_series(1, $2) g RETURNING id
         )
         INSERT INTO applications.applications (programme_id, startup_id) SELECT $1, id FROM s RETURNING id, startup_id`,
        [programmeId, size],
      )
    ).rows as { id: string; startup_id: string }[];
    for (const row of rows) {
      const key = await issueTestApiKey(dataSource, { role: 'startup', startupId: row.startup_id });
      out.push({ applicationId: row.id, key: key.key });
    }
  }
  return out;
}

interface Job {
  url: string;
  key: string;
}

interface RunResult {
  seconds: number;
  latenciesMs: number[];
  failures: number;
  firstFailure: string | null;
}

/** The load client in its own process (bench/submit-load-client.fixture.ts), so it takes no CPU from the servers. */
async function startLoadClient() {
  const child: ChildProcess = fork(join(__dirname, 'submit-load-client.fixture.ts'), [], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`load client exited with ${code}`)));
  });
  const drive = (jobs: Job[]) =>
    new Promise<RunResult>((resolve) => {
      child.once('message', (result: RunResult) => resolve(result));
      child.send({ type: 'run', jobs, concurrency: CONCURRENCY });
    });
  return { drive, stop: () => child.disconnect() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Totals of one side over all its rounds: requests/s over the summed time, latency percentiles over all requests. */
function summary(results: RunResult[]) {
  const latencies = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  return { rate: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function checked(result: RunResult, side: string): RunResult {
  if (result.failures > 0) throw new Error(`${side}: ${result.failures} of ${result.latenciesMs.length} requests failed, e.g. ${result.firstFailure}`);
  return result;
}

/** The same work as the service's submit, as plain SQL in one transaction. */
async function bareServer(pool: Pool) {
  const app = Fastify({ logger: false });
  app.post<{ Params: { id: string } }>('/submit/:id', async (req, reply) => {
    const client = await pool.connect();
    try {
      // The service authenticates every call; each bench key is used once, so it is a lookup, not a cache hit.
      const key = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
      const { rows: auth } = await client.query(
        `SELECT k.id, k.startup_id FROM identity.api_keys k JOIN identity.principals p ON p.id = k.principal_id
         WHERE k.hash = $1 AND k.revoked_at IS NULL AND p.state = 'active'`,
        [createHash('sha256').update(key).digest('hex')],
      );
      if (auth.length === 0) return reply.code(401).send({ status: 401 });
      await client.query('BEGIN');
      const { rows: [a] } = await client.query('SELECT * FROM applications.applications WHERE id = $1', [req.params.id]);
      const { rows: [p] } = await client.query('SELECT * FROM applications.programmes WHERE id = $1', [a.programme_id]);
      await client.query('SELECT * FROM applications.startups WHERE id = $1', [a.startup_id]);
      await client.query('SELECT * FROM applications.certifications WHERE startup_id = ANY($1::uuid[])', [[a.startup_id]]);
      await client.query('SELECT 1 FROM applications.alumni_records WHERE startup_id = $1 AND organisation_id = ANY($2::uuid[]) LIMIT 1', [a.startup_id, p.partner_organisation_ids]);
      const now = new Date();
      const { rowCount } = await client.query(
        `UPDATE applications.applications SET state = 'submitted', version = version + 1, updated_at = now(), submitted_at = $3
         WHERE id = $1 AND version = $2 AND state = 'draft'`,
        [a.id, a.version, now],
      );
      if (rowCount !== 1) return reply.code(409).send({ status: 409 });
      await client.query(`INSERT INTO applications.application_status_history (application_id, from_state, to_state) VALUES ($1, 'draft', 'submitted')`, [a.id]);
      const event = createEvent({
        type: 'application.submitted',
        source: '/bench/bare',
        data: { applicationId: a.id, startupId: a.startup_id, programme: { id: p.id, kind: p.kind, organiserOrgId: p.organiser_organisation_id, partnerOrgIds: p.partner_organisation_ids }, submittedAt: now.toISOString() },
      });
      await client.query(
        `INSERT INTO applications.outbox (id, topic, key, type, source, subject, time, headers, payload) VALUES ($1, $2, $3, $4, $5, NULL, $6, $7, $8)`,
        [event.id, topicOf(event.type), a.startup_id, event.type, event.source, event.time, JSON.stringify(envelopeHeaders(event)), JSON.stringify(event.data)],
      );
      await client.query('COMMIT');
      return { id: a.id, state: 'submitted' };
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    } finally {
      client.release();
    }
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function main() {
  await migrateDatabase(DATABASE_URL);
  const config = loadConfig(applicationsConfigSchema, { ...process.env, DATABASE_URL, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', REVIEW_OVERDUE_SWEEP_MS: '0' }, SERVICE_NAME) as BaseConfig;
  const service = await bootstrapService({ name: SERVICE_NAME, module: AppModule, config, handleSignals: false });
  const dataSource = service.app.get(DataSource);
  const pool = new Pool({ connectionString: DATABASE_URL, max: config.DATABASE_POOL_SIZE });
  const bare = await bareServer(pool);
  const client = await startLoadClient();
  try {
    const org = await createTestOrganisation(dataSource, { kind: 'organising_agency', country: 'RU' });
    const manager = await issueTestApiKey(dataSource, { role: 'programme_manager', organisationId: org.id });
    const day = 86_400_000;
    const api = createExchangeSdk({ urls: { applications: service.url, pilots: [], cohorts: [], notifications: [] }, apiKey: manager.key }).applications;
    const created = await api.post('/v1/programmes', {
      body: {
        name: `Bench ${randomUUID().slice(0, 8)}`,
        kind: 'pilot',
        hostCountry: 'RU',
        hostCity: 'Moscow',
        timeZone: 'Europe/Moscow',
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + day).toISOString(),
        eligibility: { countries: ['KR'], technologyFields: ['medtech'], minTrl: 4, maxTrl: 8 },
        rubric: { criteria: [{ key: 'fit', label: 'Fit', weight: 1 }] },
      },
    });
    await api.post('/v1/programmes/{id}/publish', { params: { path: { id: created.id } } });

    const total = REQUESTS + WARMUP;
    process.stdout.write(`preparing ${2 * total} draft applications… `);
    const serviceJobs = (await drafts(pool, dataSource, created.id, total)).map((d) => ({ url: `${service.url}/v1/applications/${d.applicationId}/submit`, key: d.key }));
    const bareJobs = (await drafts(pool, dataSource, created.id, total)).map((d) => ({ url: `${bare.url}/submit/${d.applicationId}`, key: d.key }));
    console.log('done');

    // Warm both up (JIT, pools, connections) on a slice that is not measured.
    checked(await client.drive(bareJobs.splice(0, WARMUP)), 'bare warm-up');
    checked(await client.drive(serviceJobs.splice(0, WARMUP)), 'service warm-up');
    const perRound = Math.floor(REQUESTS / ROUNDS);
    const results = { bare: [] as RunResult[], service: [] as RunResult[] };
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? (['bare', 'service'] as const) : (['service', 'bare'] as const);
      const line: string[] = [];
      for (const side of order) {
        const jobs = (side === 'bare' ? bareJobs : serviceJobs).splice(0, perRound);
        const result = checked(await profiled(`${side}-${round + 1}`, () => client.drive(jobs)), side);
        results[side].push(result);
        line.push(`${side} ${(jobs.length / result.seconds).toFixed(0)}/s`);
      }
      console.log(`round ${round + 1}/${ROUNDS}: ${line.join(', ')}`);
    }
    const bareSummary = summary(results.bare);
    const serviceSummary = summary(results.service);
    const ratio = serviceSummary.rate / bareSummary.rate;
    const row = (s: { rate: number; p50: number; p99: number }) =>
      `${s.rate.toFixed(0).padStart(5)} requests/s   p50 ${s.p50.toFixed(1).padStart(6)} ms   p99 ${s.p99.toFixed(1).padStart(6)} ms`;
    console.log(`${ROUNDS} rounds × ${perRound} requests per side, concurrency ${CONCURRENCY}`);
    console.log(`bare Fastify + pg handler : ${row(bareSummary)}`);
    console.log(`applications service      : ${row(serviceSummary)}`);
    console.log(`ratio                     : ${(ratio * 100).toFixed(1)} % (target ≥ 70 %) ${ratio >= 0.7 ? 'OK' : 'BELOW TARGET'}`);
  } finally {
    client.stop();
    await bare.app.close();
    await pool.end();
    await service.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
