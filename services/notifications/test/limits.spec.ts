import { bearer, type TestApiKey } from '@exchange/platform/testing';
import { NotificationsHarness } from './support/harness';

interface Problem {
  status: number;
  code: string;
  detail: string;
  limit?: number;
  maxDays?: number;
  errors?: Array<{ field: string; message: string }>;
}

/** The caps of the endpoints API: endpoints per organisation, and the span of one replay. */
describe('webhook endpoint limits', () => {
  const harness = new NotificationsHarness({ WEBHOOK_MAX_ENDPOINTS_PER_ORGANISATION: '3', WEBHOOK_MAX_REPLAY_DAYS: '2' });

  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  const register = (key: TestApiKey) =>
    fetch(`${harness.service.url}/v1/webhook-endpoints`, {
      method: 'POST',
      headers: { ...bearer(key), 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://8.8.8.8/hook', eventTypes: ['pilot.*'] }),
    });
  const live = async (organisationId: string) =>
    (
      await harness.db.query(`SELECT count(*)::int AS n FROM notifications.webhook_endpoints WHERE organisation_id = $1 AND deleted_at IS NULL`, [
        organisationId,
      ])
    )[0].n as number;

  it('caps the endpoints of one organisation, also when registrations race', async () => {
    const agency = await harness.agency();
    const answers = await Promise.all(Array.from({ length: 6 }, () => register(agency.key)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    for (const refused of answers.filter((r) => r.status === 409)) {
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await refused.json()) as Problem;
      expect(problem).toMatchObject({ status: 409, code: 'WEBHOOK_ENDPOINT.LIMIT_REACHED', limit: 3 });
      expect(problem.detail).toContain('at most 3 webhook endpoints');
    }
    expect(await live(agency.organisationId)).toBe(3);

    // The cap is per organisation: another one is not affected.
    const other = await harness.agency();
    expect((await register(other.key)).status).toBe(201);

    // A deleted endpoint no longer counts.
    const created = (await Promise.all(answers.filter((r) => r.status === 201).map((r) => r.json()))) as Array<{ id: string }>;
    expect((await harness.call('DELETE', `/v1/webhook-endpoints/${created[0].id}`, agency.key)).status).toBe(204);
    expect((await register(agency.key)).status).toBe(201);
    expect((await register(agency.key)).status).toBe(409);
    expect(await live(agency.organisationId)).toBe(3);
  });

  it('caps the span of one replay, naming the field, and queues nothing when refused', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, 'https://8.8.8.8/hook', ['application.*']);
    const from = new Date(Date.now() - 3 * 86_400_000);
    const replay = (to: Date) =>
      harness.call<Problem>('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, agency.key, { from: from.toISOString(), to: to.toISOString() });

    const tooLong = await replay(new Date(from.getTime() + 2 * 86_400_000 + 1));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'WEBHOOK_ENDPOINT.REPLAY_SPAN_TOO_LONG', maxDays: 2 });
    expect(tooLong.body.errors).toEqual([{ field: 'to', message: expect.stringContaining('at most 2 days after from') }]);
    expect(await harness.deliveries(endpoint.id)).toEqual([]);

    expect((await replay(new Date(from.getTime() + 2 * 86_400_000))).status).toBe(202);
  });
});
