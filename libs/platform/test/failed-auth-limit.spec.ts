import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { baseConfigSchema, bootstrapService, ConfigError, DatabaseModule, generateApiKey, loadConfig, RedisModule, type RunningService } from '../src';
import { bearer, issueTestApiKey, requestFrom, type ResponseFrom, type TestApiKey, uniqueLoopbackAddress } from '../src/testing';

@Module({ imports: [DatabaseModule.forRoot(), RedisModule.forRoot()] })
class KeyedModule {}

const FAILURES = 5;
// A long window: a test never straddles two of them (the counters would start again mid-test).
const WINDOW_SECONDS = 3_600;

/** The sum of a counter on /metrics over the series whose labels contain `labels`. */
async function metric(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

/**
 * Guessing keys must cost the guesser, not PostgreSQL: a client address gets AUTH_FAILURES_PER_IP
 * failed authentications per window (across every instance), then 429 with Retry-After and no
 * lookups. Each case sends from loopback addresses of its own, so nothing else on this machine counts.
 */
describe('failed authentications per client address', () => {
  const proxy = uniqueLoopbackAddress();
  let first: RunningService;
  let second: RunningService;
  let dataSource: DataSource;
  let admin: TestApiKey;

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      AUTH_FAILURES_PER_IP: String(FAILURES),
      AUTH_FAILURES_WINDOW_SECONDS: String(WINDOW_SECONDS),
      TRUSTED_PROXIES: proxy,
    });
    const name = `keyed-${randomUUID().slice(0, 8)}`;
    // Two instances of one service sharing PostgreSQL and Redis, as in production.
    first = await bootstrapService({ name, module: KeyedModule, config, handleSignals: false });
    second = await bootstrapService({ name, module: KeyedModule, config, handleSignals: false });
    dataSource = first.app.get(DataSource);
    admin = await issueTestApiKey(dataSource, { role: 'admin' });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const me = (from: string, key: string, opts: { via?: RunningService; forwardedFor?: string } = {}) =>
    requestFrom(from, `${(opts.via ?? first).url}/v1/me`, {
      headers: { ...bearer(key), ...(opts.forwardedFor ? { 'x-forwarded-for': opts.forwardedFor } : {}) },
    });
  const randomKey = () => generateApiKey().key;
  const lookups = () => metric(first.url, 'auth_key_lookups_total');

  function expectLimited(res: ResponseFrom): void {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.parse(res.text)).toMatchObject({ type: 'urn:exchange:problem:rate-limited', status: 429, detail: expect.stringContaining('failed authentications') });
    const retryAfter = Number(res.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
  }

  it('answers 401 to the first bad keys, then 429 with Retry-After, and stops looking keys up', async () => {
    const client = uniqueLoopbackAddress();
    const before = await lookups();
    const refused = [];
    for (let i = 0; i < FAILURES; i++) refused.push((await me(client, randomKey())).status);
    expect(refused).toEqual(Array(FAILURES).fill(401));
    expect(await lookups()).toBe(before + FAILURES);

    for (let i = 0; i < 20; i++) expectLimited(await me(client, randomKey()));
    // Twenty more guesses, not one of them reached PostgreSQL.
    expect(await lookups()).toBe(before + FAILURES);
    expect(await metric(first.url, 'auth_failures_total', 'outcome="limited"')).toBeGreaterThanOrEqual(20);
  });

  it('refuses the locked-out address with any key, on every instance, while a valid key from another address works', async () => {
    const client = uniqueLoopbackAddress();
    for (let i = 0; i < FAILURES; i++) expect((await me(client, randomKey(), { via: i % 2 ? second : first })).status).toBe(401);
    // A locked-out address is refused until the window passes, even with a valid key: telling the
    // two apart would need the lookup the limit exists to save.
    expectLimited(await me(client, admin.key));
    expectLimited(await me(client, admin.key, { via: second }));

    const other = uniqueLoopbackAddress();
    const ok = await me(other, admin.key, { via: second });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ principalId: admin.principalId, role: 'admin' });
    expect((await me(other, randomKey())).status).toBe(401);
  });

  it('counts malformed credentials too (without any lookup)', async () => {
    const client = uniqueLoopbackAddress();
    const before = await lookups();
    const statuses = [];
    for (let i = 0; i < FAILURES + 2; i++) {
      const res = await requestFrom(client, `${first.url}/v1/me`, { headers: { authorization: i % 2 ? 'Bearer not-a-key' : 'Basic YWRtaW46YWRtaW4=' } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(FAILURES).fill(401), 429, 429]);
    expect(await lookups()).toBe(before);
    // No credential at all is not a failed guess: it is answered 401 and not counted.
    const quiet = uniqueLoopbackAddress();
    for (let i = 0; i < FAILURES + 2; i++) expect((await requestFrom(quiet, `${first.url}/v1/me`)).status).toBe(401);
    expect((await me(quiet, admin.key)).status).toBe(200);
  });

  it('remembers a miss briefly: the same bad key sent again costs no lookup', async () => {
    const client = uniqueLoopbackAddress();
    const key = randomKey();
    const before = await lookups();
    for (let i = 0; i < 4; i++) expect((await me(client, key, { via: i % 2 ? second : first })).status).toBe(401);
    expect(await lookups()).toBe(before + 1);
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // Behind the trusted proxy: the forwarded client is counted, not the proxy.
    const client = uniqueLoopbackAddress();
    for (let i = 0; i < FAILURES; i++) expect((await me(proxy, randomKey(), { forwardedFor: client })).status).toBe(401);
    expectLimited(await me(proxy, admin.key, { forwardedFor: client }));
    expect((await me(proxy, admin.key, { forwardedFor: uniqueLoopbackAddress() })).status).toBe(200);

    // From anyone else the header is ignored: rotating it does not escape the sender's own count ...
    const direct = uniqueLoopbackAddress();
    for (let i = 0; i < FAILURES; i++) expect((await me(direct, randomKey(), { forwardedFor: uniqueLoopbackAddress() })).status).toBe(401);
    expectLimited(await me(direct, admin.key, { forwardedFor: uniqueLoopbackAddress() }));
    // ... and naming a locked-out client does not lock anyone out.
    expect((await me(uniqueLoopbackAddress(), admin.key, { forwardedFor: client })).status).toBe(200);
  });
});

describe('TRUSTED_PROXIES and the failure limit in configuration', () => {
  it('trusts no proxy and allows 20 failures a minute by default', () => {
    expect(loadConfig(baseConfigSchema, {})).toMatchObject({ TRUSTED_PROXIES: [], AUTH_FAILURES_PER_IP: 20, AUTH_FAILURES_WINDOW_SECONDS: 60 });
  });

  it('takes addresses, CIDR ranges and the names of loopback ranges', () => {
    const { TRUSTED_PROXIES } = loadConfig(baseConfigSchema, { TRUSTED_PROXIES: ' 10.0.0.0/8, 192.168.1.10,fd00::/8 ,loopback' });
    expect(TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', 'loopback']);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/1', '*'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig(baseConfigSchema, { TRUSTED_PROXIES: value })).toThrow(ConfigError);
    expect(() => loadConfig(baseConfigSchema, { TRUSTED_PROXIES: value })).toThrow(/TRUSTED_PROXIES: must be a comma-separated list of IP addresses or CIDR ranges/);
  });
});
