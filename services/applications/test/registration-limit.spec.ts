import { requestFrom, uniqueLoopbackAddress } from '@exchange/platform/testing';
import { registrationBody, type Service, startApplications } from './helpers';

const LIMIT = 3;
// A long window: the test never straddles two of them.
const WINDOW_SECONDS = 3_600;

/**
 * Startup registration is public and issues a key: it has its own limit per client address
 * (RATE_LIMIT_REGISTRATIONS_PER_IP per RATE_LIMIT_REGISTRATIONS_WINDOW_SECONDS), far below the
 * service-wide public one. Each case registers from loopback addresses of its own.
 */
describe('startup registration limit per client address', () => {
  let svc: Service;
  beforeAll(async () => {
    svc = await startApplications({ RATE_LIMIT_REGISTRATIONS_PER_IP: String(LIMIT), RATE_LIMIT_REGISTRATIONS_WINDOW_SECONDS: String(WINDOW_SECONDS) });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const register = (from: string, body = registrationBody()) => requestFrom(from, `${svc.running.url}/v1/startups`, { method: 'POST', body });
  const startupsNumbered = async (registrationNumber: string) =>
    Number(((await svc.dataSource.query(`SELECT count(*) AS n FROM applications.startups WHERE registration_number = $1`, [registrationNumber])) as Array<{ n: string }>)[0].n);

  it('registers up to the limit, then answers 429 with Retry-After and writes nothing', async () => {
    const client = uniqueLoopbackAddress();
    const statuses = [];
    for (let i = 0; i < LIMIT; i++) statuses.push((await register(client)).status);
    expect(statuses).toEqual(Array(LIMIT).fill(201));

    const body = registrationBody();
    const refused = await register(client, body);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(refused.text)).toMatchObject({ type: 'urn:exchange:problem:rate-limited', status: 429 });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(refused.headers['ratelimit-limit']).toBe(String(LIMIT));
    expect(await startupsNumbered(body.registrationNumber)).toBe(0);
  });

  it('counts each address apart', async () => {
    const busy = uniqueLoopbackAddress();
    for (let i = 0; i < LIMIT; i++) await register(busy);
    expect((await register(busy)).status).toBe(429);
    const body = registrationBody();
    expect((await register(uniqueLoopbackAddress(), body)).status).toBe(201);
    expect(await startupsNumbered(body.registrationNumber)).toBe(1);
  });
});
