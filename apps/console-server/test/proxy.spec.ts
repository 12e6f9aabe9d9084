import { bearer, issueTestApiKey, type TestApiKey, waitFor } from '@exchange/platform/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { SessionStore } from '../src/session/session-store';
import { Browser, deadOrigin, openDatabase, rawRequest, startApplicationsProcess, startConsole } from './helpers';

const UPSTREAM_TIMEOUT_MS = 300;

/** A "service" that takes connections and never answers: the console must give up on its own. */
async function silentServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function organisationBody(name: string) {
  return { name, nameLatin: name, kind: 'partner_agency', country: 'KR', preferredLanguage: 'ko' };
}

describe('the console proxy, against the real applications service', () => {
  let applications: Awaited<ReturnType<typeof startApplicationsProcess>>;
  let consoleServer: Awaited<ReturnType<typeof startConsole>>;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let database: DataSource;
  let redis: Redis;
  let admin: TestApiKey;
  let reviewer: TestApiKey;

  /** A browser signed in with `key`, and its CSRF token. */
  async function signedIn(key: TestApiKey): Promise<{ browser: Browser; csrfToken: string }> {
    const browser = new Browser(consoleServer.url);
    const res = await browser.signIn(key.key);
    expect(res.status).toBe(201);
    return { browser, csrfToken: res.body.csrfToken };
  }

  const organisationsNamed = async (name: string) => ((await database.query('SELECT id FROM identity.organisations WHERE name = $1', [name])) as unknown[]).length;

  beforeAll(async () => {
    [applications, database, silent] = await Promise.all([startApplicationsProcess(), openDatabase(), silentServer()]);
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    consoleServer = await startConsole({
      APPLICATIONS_URLS: applications.url,
      PILOTS_URLS: await deadOrigin(),
      COHORTS_URLS: silent.origin,
      TRUSTED_PROXIES: 'loopback',
      CONSOLE_UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    });
    [admin, reviewer] = await Promise.all([issueTestApiKey(database, { role: 'admin' }), issueTestApiKey(database, { role: 'reviewer' })]);
  }, 90_000);

  afterAll(async () => {
    await consoleServer?.server.close();
    await silent?.close();
    await applications?.stop();
    await database?.destroy();
    redis?.disconnect();
  });

  it('forwards a GET with the session’s key and answers what the service answers, with only the listed headers', async () => {
    const { browser } = await signedIn(reviewer);
    const direct = await fetch(`${applications.url}/v1/me`, { headers: bearer(reviewer) });
    const proxied = await browser.call('GET', '/api/applications/v1/me');

    expect(proxied.status).toBe(200);
    expect(proxied.body).toEqual(await direct.json());
    expect(proxied.body).toMatchObject({ principalId: reviewer.principalId, role: 'reviewer' });
    expect(proxied.headers.get('content-type')).toBe(direct.headers.get('content-type'));
    // The service's own rate-limit headers are not the browser's business.
    expect(direct.headers.get('ratelimit-limit')).not.toBeNull();
    expect(proxied.headers.get('ratelimit-limit')).toBeNull();
    expect(proxied.headers.getSetCookie()).toEqual([]);
    expect(proxied.headers.get('cache-control')).toBe('no-store');
    expect(proxied.text).not.toContain(reviewer.key);

    const head = await browser.call('HEAD', '/api/applications/v1/me');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('never forwards the browser’s own Authorization or cookies: the session’s key decides', async () => {
    const { browser } = await signedIn(reviewer);
    const res = await browser.call('GET', '/api/applications/v1/me', { headers: { authorization: `Bearer ${admin.key}` } });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe('reviewer');
  });

  it('forwards Accept-Language and passes back the service’s problem in that language', async () => {
    const { browser } = await signedIn(admin);
    const res = await browser.call('GET', `/api/applications/v1/organisations/${randomUUID()}`, { headers: { 'accept-language': 'ru' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('content-language')).toBe('ru');
    expect(res.body.detail).toMatch(/[А-Яа-я]/);
  });

  it('refuses a POST without the CSRF token, or with a wrong one (403), and the service sees nothing', async () => {
    const { browser, csrfToken } = await signedIn(admin);
    const name = `Console CSRF ${randomUUID()}`;

    const without = await browser.call('POST', '/api/applications/v1/organisations', { body: organisationBody(name) });
    expect(without.status).toBe(403);
    expect(without.body.code).toBe('CONSOLE.CSRF_TOKEN_INVALID');
    const wrong = await browser.call('POST', '/api/applications/v1/organisations', { body: organisationBody(name), headers: { 'x-csrf-token': `${csrfToken.startsWith('x') ? 'y' : 'x'}${csrfToken.slice(1)}` } });
    expect(wrong.status).toBe(403);
    const another = await signedIn(admin); // another session's token is no better
    const foreign = await browser.call('POST', '/api/applications/v1/organisations', { body: organisationBody(name), headers: { 'x-csrf-token': another.csrfToken } });
    expect(foreign.status).toBe(403);
    expect(await organisationsNamed(name)).toBe(0);

    const created = await browser.call('POST', '/api/applications/v1/organisations', {
      body: organisationBody(name),
      headers: { 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID() },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name, kind: 'partner_agency' });
    expect(await organisationsNamed(name)).toBe(1);
  });

  it('passes the Idempotency-Key on: a repeated create is the same create', async () => {
    const { browser, csrfToken } = await signedIn(admin);
    const name = `Console idempotent ${randomUUID()}`;
    const headers = { 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID() };
    const first = await browser.call('POST', '/api/applications/v1/organisations', { body: organisationBody(name), headers });
    const second = await browser.call('POST', '/api/applications/v1/organisations', { body: organisationBody(name), headers });
    expect(first.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(await organisationsNamed(name)).toBe(1);
  });

  it('passes a service’s 403 through unchanged and keeps the session', async () => {
    const { browser, csrfToken } = await signedIn(reviewer);
    const name = `Console forbidden ${randomUUID()}`;
    const refused = await browser.call('POST', '/api/applications/v1/organisations', { body: organisationBody(name), headers: { 'x-csrf-token': csrfToken } });
    const direct = await fetch(`${applications.url}/v1/organisations`, {
      method: 'POST',
      headers: { ...bearer(reviewer), 'content-type': 'application/json' },
      body: JSON.stringify(organisationBody(name)),
    });
    const directBody = (await direct.json()) as Record<string, unknown>;

    expect(refused.status).toBe(403);
    expect({ ...refused.body, requestId: undefined, instance: undefined }).toEqual({ ...directBody, requestId: undefined, instance: undefined });
    expect((await browser.call('GET', '/session')).status).toBe(200);
  });

  it('without a session: 401 SESSION_MISSING before anything else, even for a POST', async () => {
    const browser = new Browser(consoleServer.url);
    for (const method of ['GET', 'POST']) {
      const res = await browser.call(method, '/api/applications/v1/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('CONSOLE.SESSION_MISSING');
    }
  });

  it('answers 404 for a service that is not one of the four, and for paths outside the API', async () => {
    const { browser } = await signedIn(reviewer);
    for (const path of ['/api/identity/v1/me', '/api/Applications/v1/me', '/api/applications', '/api/applications/health/ready', '/api/applications/docs-json', '/api/applications/metrics', '/api']) {
      const res = await browser.call('GET', path);
      expect({ path, status: res.status, code: res.body?.code }).toEqual({ path, status: 404, code: 'CONSOLE.NOT_FOUND' });
    }
  });

  it('refuses path tricks as written on the wire, never with a 5xx and never forwarded', async () => {
    const { browser } = await signedIn(reviewer);
    const headers = { cookie: `exchange_console=${browser.cookie}` };
    const targets = [
      '/api/applications/../x',
      '/api/applications/%2e%2e/x',
      '/api/applications/%2E%2e/v1/me',
      '/api/applications/.%2e/v1/me',
      '/api/applications/health/../v1/me',
      '/api/applications/v1/../../pilots/v1/me',
      '/api/applications/v1/./me',
      '/api/applications/v1/%2f..%2fme',
      '/api/applications/v1/me%2F..%2F..%2Fmetrics',
      '/api/applications/v1%5c..%5cmetrics',
      '/api/applications/v1\\..\\metrics',
      '/api/applications/v1//me',
      '/api/applications/v1/me%00',
      '/api/applications/v1/%zz',
      '/api/applications/%76%31/me',
      '/api/pilots%2f..%2fapplications/v1/me',
    ];
    for (const target of targets) {
      const res = await rawRequest(consoleServer.url, 'GET', target, headers);
      expect({ target, refused: res.status === 400 || res.status === 404 }).toEqual({ target, refused: true });
      expect(JSON.parse(res.body)).toMatchObject({ status: res.status, code: expect.any(String) });
    }
  });

  it('refuses a body over 1 MiB (413) without forwarding it', async () => {
    const { browser, csrfToken } = await signedIn(admin);
    const name = `Console huge ${randomUUID()}`;
    const rawBody = JSON.stringify({ ...organisationBody(name), website: `https://example.org/${'a'.repeat(1_048_576)}` });
    const res = await browser.call('POST', '/api/applications/v1/organisations', { rawBody, headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken } });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await organisationsNamed(name)).toBe(0);
  });

  it('answers 502 when a service cannot be reached and 504 when it does not answer, keeping the session', async () => {
    const { browser } = await signedIn(reviewer);
    const down = await browser.call('GET', '/api/pilots/v1/me', { headers: { 'accept-language': 'ko' } });
    expect(down.status).toBe(502);
    expect(down.body).toMatchObject({ code: 'CONSOLE.SERVICE_UNREACHABLE', detail: expect.stringContaining('pilots') });
    expect(down.headers.get('content-language')).toBe('ko');

    const slow = await browser.call('GET', '/api/cohorts/v1/me');
    expect(slow.status).toBe(504);
    expect(slow.body.code).toBe('CONSOLE.SERVICE_TIMED_OUT');
    expect((await browser.call('GET', '/session')).status).toBe(200);
  });

  it('ends the session when the service stops taking its key (revoked): 401 SESSION_EXPIRED, cookie cleared, Redis entry gone', async () => {
    const partner = await issueTestApiKey(database, { role: 'partner_agency' });
    const { browser } = await signedIn(partner);
    const cookieId = browser.cookie as string;
    expect((await browser.call('GET', '/api/applications/v1/me')).status).toBe(200);

    const revoked = await fetch(`${applications.url}/v1/api-keys/${partner.apiKeyId}/revoke`, { method: 'POST', headers: bearer(admin) });
    expect(revoked.status).toBe(200);

    // The services refuse a revoked key within moments (their revocation marker), cache or not.
    const expired = await waitFor(
      async () => {
        const res = await browser.call('GET', '/api/applications/v1/me');
        return res.status === 200 ? undefined : res;
      },
      { timeoutMs: 10_000, what: 'the revoked key to be refused through the console' },
    );
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('CONSOLE.SESSION_EXPIRED');
    expect(browser.cookie).toBeUndefined();
    expect(await redis.exists(SessionStore.redisKey(cookieId))).toBe(0);

    browser.cookie = cookieId;
    expect((await browser.call('GET', '/session')).body.code).toBe('CONSOLE.SESSION_MISSING');
  });
});
