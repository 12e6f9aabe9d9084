import { issueTestApiKey, type TestApiKey } from '@exchange/platform/testing';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { SessionStore } from '../src/session/session-store';
import { Browser, deadOrigin, openDatabase, parseSetCookie, startApplicationsProcess, startConsole } from './helpers';

const SIGN_IN_LIMIT = 5;

/** Every session Redis holds whose key is `apiKey` (the store is shared with other runs: look by content). */
async function sessionsHolding(redis: Redis, apiKey: string): Promise<string[]> {
  const found: string[] = [];
  const stream = redis.scanStream({ match: 'console:session:*', count: 500 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    for (const key of keys) if ((await redis.get(key))?.includes(JSON.stringify(apiKey))) found.push(key);
  }
  return found;
}

describe('console server sessions, against the real applications service', () => {
  let applications: Awaited<ReturnType<typeof startApplicationsProcess>>;
  let consoleServer: Awaited<ReturnType<typeof startConsole>>;
  let database: DataSource;
  let redis: Redis;
  let manager: TestApiKey;

  beforeAll(async () => {
    [applications, database] = await Promise.all([startApplicationsProcess(), openDatabase()]);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    consoleServer = await startConsole({
      // The first instance is down: sign-in fails over to the second.
      APPLICATIONS_URLS: `${await deadOrigin()},${applications.url}`,
      TRUSTED_PROXIES: 'loopback',
      CONSOLE_SESSION_TTL_SECONDS: '600',
      CONSOLE_SIGN_IN_PER_IP: String(SIGN_IN_LIMIT),
      CONSOLE_SIGN_IN_WINDOW_SECONDS: '3600',
    });
    manager = await issueTestApiKey(database, { role: 'programme_manager' });
  }, 90_000);

  afterAll(async () => {
    await consoleServer?.server.close();
    await applications?.stop();
    await database?.destroy();
    redis?.disconnect();
  });

  it('signs in with a key: an opaque HttpOnly, SameSite=Strict cookie, and the key never comes back', async () => {
    const browser = new Browser(consoleServer.url);
    const res = await browser.signIn(manager.key);

    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      principal: { principalId: manager.principalId, role: 'programme_manager', organisationId: manager.organisationId, startupId: null, apiKeyId: manager.apiKeyId, language: 'en' },
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now() + 500_000);
    const setCookies = res.headers.getSetCookie();
    expect(setCookies).toHaveLength(1);
    const cookie = parseSetCookie(setCookies[0]);
    expect(cookie.name).toBe('exchange_console');
    expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie.attributes).toEqual({ path: '/', httponly: '', samesite: 'Strict' });
    expect(res.text).not.toContain(manager.key);
    expect([...res.headers.entries()].join('\n')).not.toContain(manager.key);

    // Redis holds it under the hash of the cookie id, never the id itself.
    const stored = JSON.parse((await redis.get(SessionStore.redisKey(cookie.value))) as string);
    expect(stored).toMatchObject({ apiKey: manager.key, csrfToken: res.body.csrfToken, principal: { principalId: manager.principalId } });
    expect(await redis.exists(`console:session:${cookie.value}`)).toBe(0);

    const again = await browser.call('GET', '/session');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ principal: res.body.principal, csrfToken: res.body.csrfToken, expiresAt: expect.any(String) });
    expect(again.text).not.toContain(manager.key);
  });

  it('renews the session each time it is used', async () => {
    const browser = new Browser(consoleServer.url);
    expect((await browser.signIn(manager.key)).status).toBe(201);
    const key = SessionStore.redisKey(browser.cookie as string);
    await redis.expire(key, 30);

    expect((await browser.call('GET', '/session')).status).toBe(200);
    expect(await redis.ttl(key)).toBeGreaterThan(500);
  });

  it('signs out with the CSRF token: the session is gone from Redis and the cookie works no more', async () => {
    const browser = new Browser(consoleServer.url);
    const signedIn = await browser.signIn(manager.key);
    const cookieId = browser.cookie as string;
    const key = SessionStore.redisKey(cookieId);

    const withoutToken = await browser.call('DELETE', '/session');
    expect(withoutToken.status).toBe(403);
    expect(withoutToken.body.code).toBe('CONSOLE.CSRF_TOKEN_INVALID');
    // The right token with its last character changed (to another character, whatever it was).
    const token: string = signedIn.body.csrfToken;
    const altered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const wrongToken = await browser.call('DELETE', '/session', { headers: { 'x-csrf-token': altered } });
    expect(wrongToken.status).toBe(403);
    expect(await redis.exists(key)).toBe(1);

    const signedOut = await browser.call('DELETE', '/session', { headers: { 'x-csrf-token': signedIn.body.csrfToken } });
    expect(signedOut.status).toBe(204);
    expect(await redis.exists(key)).toBe(0);
    expect(browser.cookie).toBeUndefined(); // cleared by the answer

    browser.cookie = cookieId; // a copy of the old cookie
    const after = await browser.call('GET', '/session');
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('CONSOLE.SESSION_MISSING');
    expect((await browser.call('GET', '/api/applications/v1/me')).body.code).toBe('CONSOLE.SESSION_MISSING');
  });

  it('refuses a key the service does not accept (401) and stores nothing', async () => {
    const revoked = await issueTestApiKey(database, { role: 'reviewer', expiresAt: new Date(Date.now() - 60_000) });
    for (const apiKey of ['exk_not_a_key_at_all_0000000000', revoked.key]) {
      const browser = new Browser(consoleServer.url);
      const res = await browser.signIn(apiKey, { 'accept-language': 'ru' });
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('content-language')).toBe('ru');
      expect(res.body).toMatchObject({ status: 401, code: 'CONSOLE.API_KEY_NOT_ACCEPTED', title: expect.any(String), detail: expect.stringMatching(/[А-Яа-я]/) });
      expect(res.headers.getSetCookie()).toEqual([]);
      expect(res.text).not.toContain(apiKey);
      expect(await sessionsHolding(redis, apiKey)).toEqual([]);
    }
  });

  it.each([
    ['no apiKey', { key: 'x' }, ['key', 'apiKey']],
    ['a number', { apiKey: 1234567890123 }, ['apiKey']],
    ['too short', { apiKey: 'short' }, ['apiKey']],
    ['too long', { apiKey: 'k'.repeat(257) }, ['apiKey']],
    ['not printable ASCII', { apiKey: 'exk_ключ_0123456789' }, ['apiKey']],
    ['a space inside', { apiKey: 'exk_0123 456789' }, ['apiKey']],
    ['an array', ['exk_0123456789'], ['body']],
  ])('refuses a malformed sign-in (%s) with a 400 naming the field', async (_case, body, fields) => {
    const res = await new Browser(consoleServer.url).call('POST', '/session', { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REQUEST.INVALID');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([...fields].sort());
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('answers a sign-in that is not JSON with a problem, never a session', async () => {
    const browser = new Browser(consoleServer.url);
    const form = await browser.call('POST', '/session', { rawBody: JSON.stringify({ apiKey: manager.key }), headers: { 'content-type': 'text/plain' } });
    expect(form.status).toBe(415);
    const broken = await browser.call('POST', '/session', { rawBody: '{"apiKey":', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('REQUEST.MALFORMED_JSON');
    expect(browser.cookie).toBeUndefined();
  });

  it('limits sign-in attempts per client address (429 with Retry-After), good key or bad', async () => {
    const browser = new Browser(consoleServer.url);
    for (let attempt = 1; attempt <= SIGN_IN_LIMIT; attempt++) expect((await browser.signIn('short')).status).toBe(400);

    const limited = await browser.signIn(manager.key);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('CONSOLE.SIGN_IN_RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(browser.cookie).toBeUndefined();
    // Another address is not limited.
    expect((await new Browser(consoleServer.url).signIn(manager.key)).status).toBe(201);
  });

  it('GET /session without a cookie, or with one that names nothing, is 401 SESSION_MISSING in the reader’s language', async () => {
    const browser = new Browser(consoleServer.url);
    const none = await browser.call('GET', '/session', { headers: { 'accept-language': 'ko-KR,ko;q=0.9' } });
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('CONSOLE.SESSION_MISSING');
    expect(none.headers.get('content-language')).toBe('ko');
    expect(none.body.detail).toMatch(/[\uAC00-\uD7A3]/);

    browser.cookie = 'A'.repeat(43);
    const forged = await browser.call('GET', '/session');
    expect(forged.status).toBe(401);
    expect(browser.cookie).toBeUndefined(); // the stale cookie is cleared
  });
});
