import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { dropTestDatabase, migrateDatabase, withDatabase } from '@exchange/data';
import { TEST_DATABASE_URL } from '@exchange/messaging/testing';
import { CANCEL_SQL, CLAIM_SQL, RECORD_ATTEMPT_SQL, RECORD_SUCCESS_SQL, RELEASE_LEASES_SQL } from '../src/webhook-sending/delivery.repository';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const SCANS = new Set(['Seq Scan', 'Index Scan', 'Index Only Scan', 'Bitmap Heap Scan', 'Bitmap Index Scan', 'Tid Scan']);

/** How a plan reads notifications.deliveries: "<node type> <index>" for each scan of it or of one of its indexes. */
function deliveriesAccess(node: PlanNode): string[] {
  const own =
    SCANS.has(node['Node Type']) && (node['Relation Name'] === 'deliveries' || node['Index Name']?.startsWith('deliveries_'))
      ? [`${node['Node Type']} ${node['Index Name'] ?? ''}`.trim()]
      : [];
  return [...own, ...(node.Plans ?? []).flatMap(deliveriesAccess)];
}

/**
 * The statements that find deliveries by id look them up by key, under the conditions that misled
 * the planner (README "What changed the figures"): thousands of index entries left by deliveries that
 * are no longer pending, as between two vacuums at 100 events/s, a handful still pending, statistics
 * that say so. The control is the same lookup with a plain `state = 'pending'`: it reads a state index
 * instead, so the setup does reproduce the trap and each statement's plan below could fail. A scratch
 * database of its own: in the shared one, other suites' pending deliveries change the statistics.
 */
describe('statements that find deliveries by id use the primary key, whatever the state indexes hold', () => {
  const url = withDatabase(TEST_DATABASE_URL(), `exchange_scratch_test_plans_${randomBytes(4).toString('hex')}`);
  const client = new Client({ connectionString: url });
  const endpointId = randomUUID();
  let pending: string[] = [];

  beforeAll(async () => {
    await migrateDatabase(url);
    await client.connect();
    await client.query('BEGIN');
    const org = await client.query<{ id: string }>(
      `INSERT INTO identity.organisations (name, kind, country) VALUES ('Plan check agency', 'partner_agency', 'KR') RETURNING id`,
    );
    await client.query(`INSERT INTO notifications.webhook_endpoints (id, organisation_id, url, secret) VALUES ($1, $2, 'https://partner.example/hooks', 'whsec_plancheck')`, [
      endpointId,
      org.rows[0]?.id,
    ]);
    await client.query(
      `WITH ev AS (
         INSERT INTO notifications.events (id, type, source, topic, time, data)
         SELECT gen_random_uuid(), 'application.accepted', '/services/applications', 'exchange.applications.v1', now(), '{}' FROM generate_series(1, 4000)
         RETURNING id, type, time
       )
       INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at) SELECT $1, id, type, time, now() FROM ev`,
      [endpointId],
    );
    // Leased, then delivered: each step leaves the pending entries of the old row versions behind.
    await client.query(`UPDATE notifications.deliveries SET next_attempt_at = now() + interval '15 seconds' WHERE endpoint_id = $1`, [endpointId]);
    await client.query(`UPDATE notifications.deliveries SET state = 'succeeded', attempt_count = 1, next_attempt_at = NULL, succeeded_at = now() WHERE endpoint_id = $1`, [
      endpointId,
    ]);
    const fresh = await client.query<{ id: string }>(
      `WITH ev AS (
         INSERT INTO notifications.events (id, type, source, topic, time, data)
         SELECT gen_random_uuid(), 'application.accepted', '/services/applications', 'exchange.applications.v1', now(), '{}' FROM generate_series(1, 3)
         RETURNING id, type, time
       )
       INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at) SELECT $1, id, type, time, now() FROM ev RETURNING id`,
      [endpointId],
    );
    pending = fresh.rows.map((r) => r.id);
    await client.query('ANALYZE notifications.deliveries');
  });

  afterAll(async () => {
    await client.end().catch(() => undefined);
    await dropTestDatabase(url);
  });

  /** How the plan PostgreSQL would run reads the deliveries, with generic or custom plans. */
  async function access(sql: string, types: string[], values: unknown[], mode: 'force_generic_plan' | 'force_custom_plan'): Promise<string[]> {
    // A failure leaves the outer transaction usable for the next statement.
    await client.query('SAVEPOINT plan_check');
    try {
      await client.query(`SET LOCAL plan_cache_mode = ${mode}`);
      await client.query(`PREPARE plan_check(${types.join(', ')}) AS ${sql}`);
      // EXPLAIN takes no bound parameters: the values go in as literals of the declared types.
      const literal = (v: unknown): string => (v instanceof Date ? client.escapeLiteral(v.toISOString()) : typeof v === 'number' ? String(v) : client.escapeLiteral(String(v)));
      const args = values.map((v, i) => `${Array.isArray(v) ? `ARRAY[${v.map(literal).join(', ')}]` : literal(v)}::${types[i]}`).join(', ');
      const { rows } = await client.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) EXECUTE plan_check(${args})`);
      const plan = rows[0]?.['QUERY PLAN'][0]?.Plan;
      if (!plan) throw new Error(`no plan for: ${sql}`);
      return deliveriesAccess(plan);
    } finally {
      await client.query('ROLLBACK TO SAVEPOINT plan_check');
      await client.query('DEALLOCATE ALL');
    }
  }

  const now = () => new Date();
  const statements: Array<[string, string, string[], () => unknown[]]> = [
    ['claim', CLAIM_SQL, ['uuid[]', 'uuid[]', 'timestamptz[]', 'timestamptz[]'], () => [pending, pending.map(() => endpointId), pending.map(now), pending.map(now)]],
    ['release of leases', RELEASE_LEASES_SQL, ['uuid[]', 'timestamptz[]'], () => [pending, pending.map(now)]],
    ['attempt', RECORD_ATTEMPT_SQL, ['uuid', 'int', 'timestamptz', 'int', 'text', 'text', 'timestamptz', 'int'], () => [pending[0], 1, now(), 500, 'HTTP 500', 'pending', now(), 0]],
    [
      'successes',
      RECORD_SUCCESS_SQL,
      ['uuid[]', 'int[]', 'timestamptz[]', 'int[]', 'int[]', 'text[]', 'int'],
      () => [pending, pending.map(() => 1), pending.map(now), pending.map(() => 200), pending.map(() => 3), pending.map(() => 'ok'), 1_000],
    ],
    ['cancel', CANCEL_SQL, ['uuid', 'text'], () => [pending[0], 'endpoint deleted']],
  ];

  it('control: a plain state condition reads a state index instead of the keys', async () => {
    const plain = `SELECT d.id FROM unnest($1::uuid[]) AS i(id) JOIN notifications.deliveries d ON d.id = i.id WHERE d.state = 'pending'`;
    const read = await access(plain, ['uuid[]'], [pending], 'force_generic_plan');
    expect(read.some((scan) => !scan.endsWith('deliveries_pkey'))).toBe(true);
  });

  for (const mode of ['force_generic_plan', 'force_custom_plan'] as const) {
    it.each(statements)(`the %s statement reads deliveries by primary key only (${mode})`, async (_name, sql, types, values) => {
      const read = await access(sql, types, values(), mode);
      expect(read.length).toBeGreaterThan(0);
      expect(read).toEqual(read.map(() => 'Index Scan deliveries_pkey'));
    });
  }
});
