/**
 * Submitting an application: requests/s through the running applications service (auth, validation,
 * eligibility, guarded transition, status history, outbox) vs a bare Fastify + pg handler doing the
 * same key lookup, reads and inserts in one transaction without the framework. DESIGN.md section 8 target: the
 * service at ≥ 70 % of the bare handler.
 *   Run: npm run bench:submit   (env BENCH_REQUESTS per side [3000], BENCH_CONCURRENCY [32], DATABASE_URL)
 * A small concurrent fetch loop drives both (keep-alive, the same client for both sides).
 */
import 'reflect-metadata';
import { createHash, randomUUID } from 'node:crypto';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { createEvent, envelopeHeaders, topicOf } from '@exchange/contracts';
import { migrateDatabase } from '@exchange/data';
import { bootstrapService, loadConfig, type BaseConfig } from '@exchange/platform';
import { createTestOrganisation, issueTestApiKey } from '@exchange/platform/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../services/applications/src/app.module';
import { applicationsConfigSchema, SERVICE_NAME } from '../services/applications/src/config';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/exchange_test';
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

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

/** Fires `jobs` with CONCURRENCY workers; returns requests/s (all must answer 200). */
async function drive(jobs: { url: string; key: string }[]): Promise<number> {
  let next = 0;
  let failures = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < jobs.length; i = next++) {
        const res = await fetch(jobs[i].url, { method: 'POST', headers: { authorization: `Bearer ${jobs[i].key}` } });
        await res.arrayBuffer();
        if (res.status !== 200) failures++;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (failures > 0) throw new Error(`${failures} of ${jobs.length} requests failed`);
  return jobs.length / seconds;
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
  try {
    const org = await createTestOrganisation(dataSource, { kind: 'organising_agency', country: 'RU' });
    const manager = await issueTestApiKey(dataSource, { role: 'programme_manager', organisationId: org.id });
    const day = 86_400_000;
    const created = await fetch(`${service.url}/v1/programmes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: `Bench ${randomUUID().slice(0, 8)}`,
        kind: 'pilot',
        hostCountry: 'RU',
        hostCity: 'Moscow',
        timeZone: 'Europe/Moscow',
        opensAt: new Date(Date.now() - day).toISOString(),
        closesAt: new Date(Date.now() + day).toISOString(),
        eligibility: { countries: ['KR'], technologyFields: ['medtech'], minTrl: 4, maxTrl: 8 },
        rubric: { criteria: [{ key: 'fit', label: 'Fit', weight: 1 }] },
      }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    await fetch(`${service.url}/v1/programmes/${created.id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${manager.key}` } });

    process.stdout.write(`preparing ${2 * REQUESTS} draft applications… `);
    const serviceJobs = (await drafts(pool, dataSource, created.id, REQUESTS)).map((d) => ({ url: `${service.url}/v1/applications/${d.applicationId}/submit`, key: d.key }));
    const bareJobs = (await drafts(pool, dataSource, created.id, REQUESTS)).map((d) => ({ url: `${bare.url}/submit/${d.applicationId}`, key: d.key }));
    console.log('done');

    // Warm both up (JIT, pools, key cache) on a slice that is not measured.
    const warm = Math.min(200, Math.floor(REQUESTS / 10));
    await drive(serviceJobs.splice(0, warm));
    await drive(bareJobs.splice(0, warm));
    const bareRate = await drive(bareJobs);
    const serviceRate = await drive(serviceJobs);
    const ratio = serviceRate / bareRate;
    console.log(`bare Fastify + pg handler : ${bareRate.toFixed(0)} requests/s`);
    console.log(`applications service      : ${serviceRate.toFixed(0)} requests/s`);
    console.log(`ratio                     : ${(ratio * 100).toFixed(1)} % (target ≥ 70 %) ${ratio >= 0.7 ? 'OK' : 'BELOW TARGET'}`);
  } finally {
    await bare.app.close();
    await pool.end();
    await service.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
