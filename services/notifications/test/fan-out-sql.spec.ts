import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Client } from 'pg';
import { EVENT_TYPES } from '@exchange/contracts';
import { TEST_DATABASE_URL } from '@exchange/messaging/testing';
import { ENDPOINT_MATCHES } from '../src/fan-out/fan-out.repository';
import { matchesAny, TEST_EVENT_TYPE } from '../src/webhook-sending/event-type-patterns';

/**
 * Fan-out chooses endpoints in SQL (one statement per event); the endpoint API validates patterns and
 * the delivery log replays with matchesAny. The two must agree on every pattern and type, including
 * the characters LIKE treats specially.
 */
describe('the fan-out SQL chooses the endpoints matchesAny chooses', () => {
  const client = new Client({ connectionString: TEST_DATABASE_URL() });
  const org = randomUUID();

  beforeAll(() => client.connect());
  afterAll(() => client.end());

  /** Whether ENDPOINT_MATCHES admits one endpoint with these patterns, state and deletion for `type`. */
  const sqlMatches = async (patterns: string[], type: string, state = 'active', deleted = false) => {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM (SELECT $1::uuid AS organisation_id, $2::text[] AS event_types, $3::text AS state,
              CASE WHEN $4 THEN now() END AS deleted_at) AS ep
        WHERE ${ENDPOINT_MATCHES('$5::uuid[]', '$6::text')}`,
      [org, patterns, state, deleted, [org], type],
    );
    return rows[0].n === 1;
  };

  const segment = fc.constantFrom('application', 'pilot', 'cohort', 'review', 'webhook', 'startup', 'accepted', 'offer_made', 'a_b', 'axb', '*', '%', '_', 'x\\y', 'x');
  const pattern = fc.oneof(fc.constant('*'), fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.')));
  const type = fc.oneof(fc.constantFrom(...EVENT_TYPES, TEST_EVENT_TYPE), fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join('.')));

  it('agrees with matchesAny on generated patterns and types (LIKE specials included)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(pattern, { minLength: 1, maxLength: 3 }), type, async (patterns, t) => {
        expect(await sqlMatches(patterns, t)).toBe(matchesAny(patterns, t));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees on every event type for the patterns partners use', async () => {
    for (const patterns of [['*'], ['pilot.*'], ['application.accepted'], ['cohort.*', 'review.overdue'], ['application_accepted']]) {
      for (const t of EVENT_TYPES) expect(await sqlMatches(patterns, t)).toBe(matchesAny(patterns, t));
    }
  });

  it('leaves out disabled and deleted endpoints and other organisations', async () => {
    expect(await sqlMatches(['*'], 'pilot.approved', 'disabled')).toBe(false);
    expect(await sqlMatches(['*'], 'pilot.approved', 'active', true)).toBe(false);
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM (SELECT $1::uuid AS organisation_id, '{*}'::text[] AS event_types, 'active' AS state, NULL::timestamptz AS deleted_at) AS ep
        WHERE ${ENDPOINT_MATCHES('$2::uuid[]', "'pilot.approved'")}`,
      [org, [randomUUID()]],
    );
    expect(rows[0].n).toBe(0);
  });
});
