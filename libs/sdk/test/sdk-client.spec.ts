import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getFreePort } from '@exchange/platform/testing';
import { allItems, createExchangeSdk, ProblemError, ResponseContractViolation, responseValidator, type ExchangeSdk, type OpenApiResponses } from '@exchange/sdk';

/**
 * The SDK against a real HTTP server that plays a service instance: what it sends (auth, idempotency
 * keys), how it fails over and retries, how it reports problems and mismatched answers.
 */
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function instance(handler: Handler): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

const me = { principalId: '6f1c2b8e-8a52-4a56-9d1e-3f2a6b0c9d11', role: 'admin', organisationId: '0b5c1e57-0c43-4a0f-9a8e-6d7f0e1a2b3c', startupId: null, apiKeyId: '9c8e7d6f-1a2b-4c3d-8e9f-0a1b2c3d4e5f' };
const fastRetry = { retries: 3, minTimeoutMs: 10, maxTimeoutMs: 20, maxRetryAfterMs: 2_000 };

describe('SDK client', () => {
  const servers: Server[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });
  const start = async (handler: Handler) => {
    const started = await instance(handler);
    servers.push(started.server);
    return started;
  };
  const sdkFor = (urls: string | string[], apiKey = 'sx_live_test') =>
    createExchangeSdk({ urls: { applications: urls, pilots: urls, cohorts: urls, notifications: urls }, apiKey, retry: fastRetry });

  it('sends the API key, answers the typed body, and fails over from an instance that refuses connections', async () => {
    const live = await start((_req, _body, res) => json(res, 200, me));
    const closed = `http://127.0.0.1:${await getFreePort()}`;
    const sdk = sdkFor([closed, live.url]);
    for (let i = 0; i < 3; i++) expect((await sdk.applications.get('/v1/me')).role).toBe('admin');
    expect(live.seen).toHaveLength(3);
    expect(live.seen[0].headers.authorization).toBe('Bearer sx_live_test');
    // Another caller, the same SDK: its own key; no key at all for public routes.
    await sdk.as('sx_live_other').applications.get('/v1/me');
    await sdk.as(null).applications.get('/v1/me');
    expect(live.seen.slice(3).map((s) => s.headers.authorization)).toEqual(['Bearer sx_live_other', undefined]);
  });

  it('repeats a read after 503 with Retry-After, and gives up with the last answer when retries run out', async () => {
    let calls = 0;
    const flaky = await start((_req, _body, res) => (++calls < 3 ? json(res, 503, { type: 'about:blank', title: 'Service Unavailable', status: 503 }, { 'retry-after': '0' }) : json(res, 200, me)));
    expect((await sdkFor(flaky.url).applications.get('/v1/me')).principalId).toBe(me.principalId);
    expect(calls).toBe(3);

    const down = await start((_req, _body, res) => json(res, 503, { type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'database unavailable' }));
    const error = await sdkFor(down.url).applications.get('/v1/me').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(503);
    expect(down.seen).toHaveLength(1 + fastRetry.retries);
  });

  it('gives a create its Idempotency-Key and repeats it with the same key; a call without one is never repeated', async () => {
    let creates = 0;
    const flaky = await start((req, _body, res) => {
      if (req.url === '/v1/programmes') return ++creates === 1 ? json(res, 502, { type: 'about:blank', title: 'Bad Gateway', status: 502 }) : json(res, 201, { id: 'p1' });
      return json(res, 503, { type: 'about:blank', title: 'Service Unavailable', status: 503 });
    });
    const sdk = sdkFor(flaky.url);
    await sdk.applications.raw.POST('/v1/programmes', { body: { name: 'x' } as never });
    const [first, second] = flaky.seen;
    expect(first.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['idempotency-key']).toBe(first.headers['idempotency-key']);
    expect(second.body).toBe(first.body);

    // publish takes no Idempotency-Key: a 503 is the answer, not a reason to send it again.
    const before = flaky.seen.length;
    const error = await sdk.applications.post('/v1/programmes/{id}/publish', { params: { path: { id: '0b5c1e57-0c43-4a0f-9a8e-6d7f0e1a2b3c' } } }).catch((e: unknown) => e);
    expect((error as ProblemError).status).toBe(503);
    expect(flaky.seen.length - before).toBe(1);
    expect(flaky.seen[before].headers['idempotency-key']).toBeUndefined();
    expect(flaky.seen[before].url).toBe('/v1/programmes/0b5c1e57-0c43-4a0f-9a8e-6d7f0e1a2b3c/publish');
  });

  it('throws a ProblemError carrying the problem document, its code and every invalid field', async () => {
    const refusing = await start((_req, _body, res) =>
      json(res, 400, {
        type: 'urn:exchange:problem:validation',
        title: 'Invalid request',
        status: 400,
        detail: '2 invalid fields',
        code: 'VALIDATION',
        errors: [
          { field: 'name', message: 'name must be shorter than or equal to 200 characters' },
          { field: 'kind', message: 'kind must be one of the following values: host, accelerator' },
        ],
      }),
    );
    const error = (await sdkFor(refusing.url)
      .applications.post('/v1/organisations', { body: { name: 'x' } as never })
      .catch((e: unknown) => e)) as ProblemError;
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION');
    expect(error.fields.map((f) => f.field)).toEqual(['name', 'kind']);
    expect(error.message).toContain('POST /v1/organisations answered 400 Invalid request: 2 invalid fields (name: ');
    // `raw` answers the same without throwing, for callers that branch on the status.
    const { error: problem, response } = await sdkFor(refusing.url).applications.raw.POST('/v1/organisations', { body: { name: 'x' } as never });
    expect(response.status).toBe(400);
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION' });
  });

  it('iterates every page of a cursor-paginated list', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `item-${i}`);
    const paged = await start((req, _body, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const from = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit'));
      const next = from + limit < ids.length ? String(from + limit) : null;
      json(res, 200, { items: ids.slice(from, from + limit).map((id) => ({ id })), nextCursor: next });
    });
    const sdk: ExchangeSdk = sdkFor(paged.url);
    const all = await allItems((cursor) => sdk.applications.get('/v1/organisations', { params: { query: { cursor, limit: 3 } } }));
    expect(all.map((o) => o.id)).toEqual(ids);
    expect(paged.seen.map((s) => s.url)).toEqual(['/v1/organisations?limit=3', '/v1/organisations?cursor=3&limit=3', '/v1/organisations?cursor=6&limit=3']);
  });

  it('validates answers against the service document: a field of the wrong type or an undeclared null fails the call', async () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../../../docs/openapi/applications.json'), 'utf8')) as OpenApiResponses;
    let answer: unknown = me;
    const svc = await start((_req, _body, res) => json(res, 200, answer));
    const validated = createExchangeSdk({
      urls: { applications: svc.url, pilots: svc.url, cohorts: svc.url, notifications: svc.url },
      apiKey: 'k',
      middleware: (service) => (service === 'applications' ? [responseValidator(document)] : []),
    });
    await expect(validated.applications.get('/v1/me')).resolves.toMatchObject({ role: 'admin' });
    answer = { ...me, role: 42 };
    const wrong = await validated.applications.get('/v1/me').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ResponseContractViolation);
    expect((wrong as ResponseContractViolation).problems.join()).toContain('/role');
    answer = { ...me, apiKeyId: null };
    await expect(validated.applications.get('/v1/me')).rejects.toThrow(/GET \/v1\/me answered 200 outside its declared schema: \/apiKeyId/);
    answer = { ...me, organisationId: 'not-a-uuid' };
    await expect(validated.applications.get('/v1/me')).rejects.toThrow(/\/organisationId must match format "uuid"/);
  });
});
