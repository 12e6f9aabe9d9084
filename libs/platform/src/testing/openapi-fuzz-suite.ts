import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Type } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { createEvent, type EventEnvelope, type EventType } from '@exchange/contracts';
import {
  DEFAULT_TEST_DATABASE_URL,
  dropTestDatabase,
  migrateDatabase,
  Programme,
  programmePublishedData,
  programmeRef,
  Startup,
  ROLES,
  SEED_IDS,
  seedDatabase,
  withDatabase,
  type Role,
} from '@exchange/data';
import type { RunningService } from '../bootstrap/bootstrap-service';
import { issueTestApiKey, type TestApiKey } from './identity-fixtures';
import { getFreePort } from './free-port';
import {
  classApplies,
  CONTROL_CLASS,
  idKind,
  learnIds,
  describeRequest,
  fuzzOperations,
  MALFORMATION_CLASSES,
  malformedRequest,
  baseRequest,
  type Draw,
  type FuzzOperation,
  type IdPool,
  type MalformedRequest,
  type OpenApiDocument,
} from './openapi-fuzz';
import { declaredRoutes } from './route-access';
import { startServiceInProcess, type ServiceUnderTest } from './service-boot-suite';

/**
 * The schema-driven fuzz suite of a service (issue 12): for every operation of its OpenAPI document
 * and every malformation class of openapi-fuzz.ts, a fixed number of seeded requests, each checked for:
 *   - no 5xx (and no hang);
 *   - every 4xx is application/problem+json;
 *   - a 4xx changes no row of any table (row count and content hash of every table, before and after);
 *   - input that is wrong, not merely unusual, is refused (a 2xx is a finding).
 *
 * The service runs in-process against a database of its own (migrated, seeded, dropped afterwards),
 * with Kafka pointed at a closed port: no event of another test reaches its consumer and its relay
 * publishes nothing, so every row change comes from the requests. Callers hold valid keys of a role
 * the route allows, in the seed's organisations, and path ids are often the seed's real objects, so
 * the requests reach validation and the handlers, not just the guard.
 *
 * A control class (the base request unchanged) runs first for each operation: its answers show how
 * deep the requests get, and the objects it creates become ids for the operations after it.
 *
 * Replay: FUZZ_SEED=<seed> (printed with every failure); FUZZ_SEED=random explores new cases;
 * FUZZ_RUNS=<n> changes the runs per class and operation; FUZZ_TRACE=<file> appends every request and
 * answer; FUZZ_LOG_LEVEL=error shows the service's stack traces.
 */
export interface FuzzSuiteOptions {
  /** Service variables that keep it quiet during the run (sweeps off or far apart, no workers). */
  env?: Record<string, string>;
  /** The service's event handlers (a provider with `handlers`): they learn the seed's programmes and accepted startups. */
  consumer?: Type<unknown>;
  /** Creates, through the API, objects the seed lacks (their ids join those the fuzz picks from). */
  setup?: (ctx: FuzzSetupContext) => Promise<void>;
  /** Requests per operation and class (default 3, or FUZZ_RUNS). */
  runsPerClass?: number;
}

export interface FuzzSetupContext {
  /** Calls the service as the first caller of `role`; fails unless the answer is a 2xx. */
  call(method: string, path: string, body: unknown, role: Role): Promise<unknown>;
}

/** A fixed default, so `npm test` is repeatable; FUZZ_SEED overrides it. */
const DEFAULT_SEED = 20_261_201;
const REQUEST_TIMEOUT_MS = 15_000;

function suiteSeed(): number {
  const given = process.env.FUZZ_SEED;
  if (given === 'random') return Math.floor(Math.random() * 2 ** 31);
  return given ? Number(given) : DEFAULT_SEED;
}

/** The seed of one (operation, class) pair: each replays on its own, whatever else runs. */
function pairSeed(seed: number, op: FuzzOperation, className: string): number {
  let h = seed | 0;
  for (const ch of `${op.method} ${op.route} ${className}`) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

// ---------------------------------------------------------------------------------------------------
// Snapshots of every table

/**
 * Columns that change without any request writing: the applications service flushes the keys'
 * last use (collected in Redis on every authenticated request) into api_keys.last_used_at.
 */
const IGNORED_COLUMNS: Record<string, readonly string[]> = {
  'identity.api_keys': ['last_used_at'],
};

export type TableSnapshot = Map<string, string>;

/**
 * One query that returns, per table of every service schema, its row count and a hash of its rows.
 * `public` holds only the migrations table; rate-limit and auth-cache state live in Redis, not here.
 */
async function snapshotQuery(ds: DataSource): Promise<string> {
  const tables: Array<{ name: string }> = await ds.query(
    `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'public')
     ORDER BY 1`,
  );
  return tables
    .map(({ name }) => {
      const minus = (IGNORED_COLUMNS[name] ?? []).map((c) => ` - '${c}'`).join('');
      return `SELECT '${name}' AS t, count(*)::text || ':' || md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) AS h
              FROM (SELECT (to_jsonb(x)${minus})::text AS r FROM ${name} x) q`;
    })
    .join('\nUNION ALL\n');
}

async function takeSnapshot(ds: DataSource, sql: string): Promise<TableSnapshot> {
  const rows: Array<{ t: string; h: string }> = await ds.query(sql);
  return new Map(rows.map((r) => [r.t, r.h]));
}

function changedTables(before: TableSnapshot, after: TableSnapshot): string[] {
  return [...after.keys()].filter((t) => before.get(t) !== after.get(t)).map((t) => `${t} (rows:hash ${before.get(t)} → ${after.get(t)})`);
}

// ---------------------------------------------------------------------------------------------------
// Callers and ids

/** Where each role's caller belongs: the seed's tenants, so that its objects are theirs. */
const CALLER_TENANTS: Array<{ role: Role; organisationId?: string; startupId?: string }> = [
  { role: 'admin', organisationId: SEED_IDS.organisations.cityAgency },
  { role: 'programme_manager', organisationId: SEED_IDS.organisations.cityAgency },
  { role: 'programme_manager', organisationId: SEED_IDS.organisations.seoulAccelerator },
  { role: 'reviewer', organisationId: SEED_IDS.organisations.cityAgency },
  { role: 'host', organisationId: SEED_IDS.organisations.hospital },
  { role: 'partner_agency', organisationId: SEED_IDS.organisations.koreanAssociation },
  { role: 'startup', startupId: SEED_IDS.startups.mediVision },
];

/** An id no object has: the "unknown object" case of every path. */
const UNKNOWN_ID = 'f0220000-0000-4000-8000-00000000dead';

/** The seed's objects (a stable list, so a seed replays the same requests) and an unknown id. */
function idPool(): IdPool {
  const byKind = Object.fromEntries(Object.entries(SEED_IDS).map(([group, ids]) => [idKind(group), Object.values(ids) as string[]]));
  return { ids: [...Object.values(byKind).flat().sort(), UNKNOWN_ID], byKind };
}

type EventHandlerOf = (event: EventEnvelope, tx: EntityManager) => Promise<void>;

/**
 * What the service would have learnt from the applications service's events (Kafka is unreachable
 * here on purpose): the seed's published programmes, and each seed startup accepted into each of
 * them. Handed to the service's own handlers, so that candidates, proposals and their pages exist
 * for the fuzz to reach. Application ids are fixed, so a seed replays the same world.
 */
async function deliverSeedEvents(service: RunningService, ds: DataSource, consumer: Type<unknown>): Promise<void> {
  const { handlers } = service.app.get(consumer) as { handlers: Partial<Record<EventType, EventHandlerOf>> };
  const programmes = await ds.getRepository(Programme).find({ where: { state: 'published' }, order: { id: 'ASC' } });
  const startups = await ds.getRepository(Startup).find({ where: { id: In(Object.values(SEED_IDS.startups)) }, order: { id: 'ASC' } });
  const source = '/services/applications';
  const now = new Date();
  const events: EventEnvelope[] = [];
  for (const [i, p] of programmes.entries()) {
    events.push(createEvent({ type: 'programme.published', source, subject: p.id, data: programmePublishedData(p, now) }));
    for (const [j, st] of startups.entries()) {
      const data = {
        applicationId: `f0220000-0000-4000-8000-0000000a${String(i).padStart(2, '0')}${String(j).padStart(2, '0')}`,
        startupId: st.id,
        programme: programmeRef(p),
        reason: 'Accepted (fuzz fixture)',
        score: 8 - j,
        decidedBy: SEED_IDS.principals.agencyManager,
        decidedAt: now.toISOString(),
        startup: { id: st.id, name: st.name, nameLatin: st.nameLatin ?? st.name, country: st.country, technologyFields: st.technologyFields, readinessLevel: st.trl, languages: st.languages },
        fastTrack: false,
      };
      events.push(createEvent({ type: 'application.accepted', source, subject: data.applicationId, data }));
    }
  }
  for (const event of events) {
    const handle = handlers[event.type];
    if (handle) await ds.transaction((tx) => handle(event, tx));
  }
}

// ---------------------------------------------------------------------------------------------------
// The suite

/** The kind of object a route or path answers with: its last segment that is not an id. */
const kindOfPath = (path: string) => idKind(path.split('/').filter((s) => s && !s.startsWith(':') && !/^[0-9a-f-]{36}$/i.test(s)).pop() ?? '');

interface Fixture {
  service: RunningService;
  ds: DataSource;
  ops: FuzzOperation[];
  rolesOf: Map<string, readonly Role[] | 'public'>;
  keys: Map<Role, TestApiKey[]>;
  pool: IdPool;
  snapshotSql: string;
}

async function send(service: RunningService, req: MalformedRequest, key: TestApiKey | null): Promise<{ status: number; contentType: string; text: string }> {
  const attempt = () =>
    fetch(`${service.url}${req.target}`, {
      method: req.method,
      headers: { ...req.headers, ...(req.contentType ? { 'content-type': req.contentType } : {}), ...(key ? { authorization: `Bearer ${key.key}` } : {}) },
      body: req.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  let res: Response;
  try {
    res = await attempt();
  } catch (error) {
    // A socket error without an answer (a kept-alive socket closed under the request) is sent once
    // more: CI once saw one request of this suite go unanswered under load, not reproduced since. No
    // answer within the time still fails, and so does a socket the service drops on this request:
    // the retry meets the same.
    if ((error as Error).name === 'TimeoutError') throw error;
    res = await attempt();
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

/** `describeOpenApiFuzz({ name, module, schema }, { env })` in services/<svc>/test/fuzz.spec.ts. */
export function describeOpenApiFuzz(serviceUnderTest: ServiceUnderTest, options: FuzzSuiteOptions = {}): void {
  const seed = suiteSeed();
  const runs = Number(process.env.FUZZ_RUNS ?? options.runsPerClass ?? 3);
  let fx: Fixture | undefined;
  const fixture = (): Fixture => {
    if (!fx) throw new Error('the fuzz suite did not start (see the first error)');
    return fx;
  };
  let started = 0;

  describe(`${serviceUnderTest.name}: malformed requests from the OpenAPI document (seed ${seed}, ${runs} per class)`, () => {
    let service: RunningService | undefined;
    let databaseUrl: string | undefined;

    beforeAll(async () => {
      started = Date.now();
      const shared = process.env.DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
      databaseUrl = withDatabase(shared, `exchange_fuzz_test_${serviceUnderTest.name}_${randomBytes(4).toString('hex')}`);
      await migrateDatabase(databaseUrl);
      await seedDatabase(databaseUrl);
      const closedPort = await getFreePort();
      service = await startServiceInProcess(serviceUnderTest, {
        LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? 'fatal',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '4',
        KAFKA_BROKERS: `127.0.0.1:${closedPort}`,
        ...options.env,
      });
      const ds = service.app.get(DataSource);
      if (options.consumer) await deliverSeedEvents(service, ds, options.consumer);
      // A startup has one principal: the seed's gives way to the caller's, whose key the fuzz holds.
      await ds.query(`DELETE FROM identity.principals WHERE startup_id = $1`, [SEED_IDS.startups.mediVision]);
      const keys = new Map<Role, TestApiKey[]>();
      for (const tenant of CALLER_TENANTS) keys.set(tenant.role, [...(keys.get(tenant.role) ?? []), await issueTestApiKey(ds, tenant)]);
      const doc = (await (await fetch(`${service.url}/docs-json`)).json()) as OpenApiDocument;
      const rolesOf = new Map(
        declaredRoutes(service).map((r) => [`${r.method} ${r.path}`, r.roles === 'undeclared' ? ROLES : r.roles] as const),
      );
      const pool = { ...idPool(), reserved: new Set([...keys.values()].flat().flatMap((k) => [k.principalId, k.apiKeyId])) };
      if (options.setup) {
        const running = service;
        await options.setup({
          call: async (method, path, body, role) => {
            const key = keys.get(role)?.[0];
            const res = await fetch(`${running.url}${path}`, {
              method,
              headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key.key}` } : {}) },
              body: JSON.stringify(body),
            });
            const text = await res.text();
            if (!res.ok) throw new Error(`fuzz setup: ${method} ${path} as ${role} answered ${res.status} ${text.slice(0, 300)}`);
            const answer = JSON.parse(text) as unknown;
            learnIds(pool, kindOfPath(path), answer);
            return answer;
          },
        });
      }
      fx = { service, ds, ops: fuzzOperations(doc), rolesOf, keys, pool, snapshotSql: await snapshotQuery(ds) };
    });

    afterAll(async () => {
      await service?.close();
      if (databaseUrl) await dropTestDatabase(databaseUrl);
      console.log(`${serviceUnderTest.name} fuzz suite: ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
    });

    it('finds operations in the OpenAPI document', () => {
      const f = fixture();
      expect(f.ops.length).toBeGreaterThan(0);
      expect(f.ops.filter((op) => !f.rolesOf.has(`${op.method} ${op.route}`)).map((op) => `${op.method} ${op.route}`)).toEqual([]);
    });

    it('notices a row written or changed in any table, and nothing else', async () => {
      const f = fixture();
      const before = await takeSnapshot(f.ds, f.snapshotSql);
      expect(before.size).toBeGreaterThan(20);
      const [{ id }] = (await f.ds.query(`SELECT id FROM identity.organisations ORDER BY id LIMIT 1`)) as Array<{ id: string }>;
      await f.ds.query(`UPDATE identity.organisations SET city = coalesce(city, '') || '.' WHERE id = $1`, [id]);
      const changed = await takeSnapshot(f.ds, f.snapshotSql);
      await f.ds.query(`UPDATE identity.organisations SET city = nullif(left(city, -1), '') WHERE id = $1`, [id]);
      expect(changedTables(before, changed).map((t) => t.split(' ')[0])).toEqual(['identity.organisations']);
      expect(changedTables(before, await takeSnapshot(f.ds, f.snapshotSql))).toEqual([]);
    });

    // Jest needs the operations when it collects tests, before the service runs: one test walks them all.
    it('never answers a malformed request with a 5xx; refuses wrong input with problem+json and writes nothing', async () => {
      const f = fixture();
      const failures: string[] = [];
      let sent = 0;
      /** Answers per class, printed with the summary: shows how deep the requests got. */
      const tally = new Map<string, Map<number, number>>();
      let current = await takeSnapshot(f.ds, f.snapshotSql);
      for (const op of f.ops) {
        const roles = f.rolesOf.get(`${op.method} ${op.route}`) ?? ROLES;
        const callers = roles === 'public' ? [null] : roles.flatMap((r) => f.keys.get(r) ?? []);
        const sample = baseRequest(op, { int: () => 0 }, f.pool);
        for (const cls of [CONTROL_CLASS, ...MALFORMATION_CLASSES].filter((c) => classApplies(c, op, sample, f.pool))) {
          const classSeed = pairSeed(seed, op, cls.name);
          try {
            await fc.assert(
              fc.asyncProperty(fc.gen(), async (g) => {
                const draw: Draw = { int: (n) => (n <= 1 ? 0 : g(fc.nat, n - 1)) };
                const req = malformedRequest(op, cls, draw, f.pool);
                if (!req) return;
                const caller = callers[draw.int(callers.length)];
                sent++;
                let res: { status: number; contentType: string; text: string };
                try {
                  res = await send(f.service, req, caller);
                } catch (err) {
                  throw new Error(`no answer (${(err as Error).message}) to ${describeRequest(req)}`);
                }
                if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, `${res.status} ${req.what} | ${describeRequest(req).slice(0, 400)} | ${res.text.slice(0, 400)}\n`);
                const counts = tally.get(cls.name) ?? new Map<number, number>();
                tally.set(cls.name, counts.set(res.status, (counts.get(res.status) ?? 0) + 1));
                const as = caller ? ` as ${caller.role}` : '';
                const problem = (why: string) =>
                  new Error(`${why}: ${req.what}${as}\n  request: ${describeRequest(req)}\n  answer: ${res.status} ${res.contentType} ${res.text.slice(0, 300)}`);
                if (res.status >= 500) throw problem(`${res.status}`);
                // A key of an allowed role must get past authentication, or the request tested nothing.
                if (res.status === 401 && caller) throw problem('401 for a valid key (the fuzz did not reach the route)');
                if (res.status >= 400) {
                  if (!res.contentType.startsWith('application/problem+json')) throw problem(`${res.status} not problem+json`);
                  const after = await takeSnapshot(f.ds, f.snapshotSql);
                  const changed = changedTables(current, after);
                  current = after;
                  if (changed.length > 0) throw problem(`${res.status} but wrote to ${changed.join(', ')}`);
                } else {
                  current = await takeSnapshot(f.ds, f.snapshotSql);
                  // Objects the request created or listed are real ids for the operations after it.
                  if (res.contentType.includes('json')) learnIds(f.pool, kindOfPath(op.route), JSON.parse(res.text));
                  if (req.mustRefuse && res.status < 300) throw problem(`${res.status} accepted malformed input`);
                }
              }),
              { seed: classSeed, numRuns: runs, endOnFailure: true, includeErrorInReport: true },
            );
          } catch (err) {
            const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npx jest services/${serviceUnderTest.name}/test/fuzz.spec.ts`;
            failures.push(`${op.method} ${op.route} — ${cls.name} (class seed ${classSeed}; replay: ${replay}):\n${(err as Error).message}`);
          }
        }
      }
      const answers = [...tally].map(([name, counts]) => `  ${name}: ${[...counts].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(' ')}`);
      console.log(`${serviceUnderTest.name} fuzz: ${sent} requests over ${f.ops.length} operations, ${failures.length} failing (operation, class) pairs\n${answers.join('\n')}`);
      expect(failures).toEqual([]);
    }, Math.max(240_000, runs * 60_000)); // 50–120 s at the default runs, by the machine's load; FUZZ_RUNS above it takes longer
  });
}
