import { Body, Controller, Get, Module, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  Auth,
  type AuthenticatedPrincipal,
  baseConfigSchema,
  bootstrapService,
  CurrentPrincipal,
  DatabaseModule,
  Idempotent,
  loadConfig,
  Public,
  RateLimit,
  RedisModule,
  type RunningService,
} from '../src';
import { bearer, issueTestApiKey } from '../src/testing';

class CreateOrgDto {
  @IsString()
  name: string;

  @IsIn(['KR', 'RU', 'DE'])
  country: string;
}

class ListQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10)
  limit?: number;
}

@Controller('conv')
class ConventionsController {
  constructor(private readonly dataSource: DataSource) {}

  @Auth('admin')
  @Idempotent()
  @Post('orgs')
  async create(@Body() body: CreateOrgDto, @CurrentPrincipal() principal: AuthenticatedPrincipal): Promise<{ id: string; by: string }> {
    // Slow enough that concurrent duplicates really overlap with the first request.
    await this.dataSource.query(`SELECT pg_sleep(0.2)`);
    const [org] = (await this.dataSource.query(`INSERT INTO identity.organisations (name, kind, country) VALUES ($1, 'other', $2) RETURNING id`, [
      body.name,
      body.country,
    ])) as Array<{ id: string }>;
    return { id: org.id, by: principal.principalId };
  }

  @Public()
  @Get('items/:id')
  item(@Param('id', ParseUUIDPipe) id: string, @Query() query: ListQueryDto): { id: string; limit: number | undefined } {
    return { id, limit: query.limit };
  }

  @Public()
  @RateLimit({ limit: 3, windowSeconds: 60 })
  @Post('limited')
  limited(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [DatabaseModule.forRoot(), RedisModule.forRoot()], controllers: [ConventionsController] })
class ConventionsModule {}

describe('conventions every endpoint gets', () => {
  let running: RunningService;
  let dataSource: DataSource;
  const send = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body),
    });

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', JSON_MAX_DEPTH: '8' });
    // A service name of its own: the rate-limit counters of this run do not meet any other's.
    running = await bootstrapService({ name: `conv-${randomUUID().slice(0, 8)}`, module: ConventionsModule, config, handleSignals: false });
    dataSource = running.app.get(DataSource);
  });
  afterAll(async () => {
    await running?.close();
  });

  describe('Idempotency-Key', () => {
    it('creates one object for 10 concurrent identical requests and replays the first response to all', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const name = `idem-${randomUUID()}`;
      const key = randomUUID();
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => send('POST', '/v1/conv/orgs', { name, country: 'KR' }, { ...bearer(admin), 'idempotency-key': key })),
      );
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
      const bodies = await Promise.all(responses.map((r) => r.json()));
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(responses.filter((r) => r.headers.get('idempotency-replayed') === 'true')).toHaveLength(9);
      const [{ count }] = (await dataSource.query(`SELECT count(*)::int AS count FROM identity.organisations WHERE name = $1`, [name])) as Array<{ count: number }>;
      expect(count).toBe(1);
    });

    it('replays later with the same status and body, ignoring key order; refuses another body with 422', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const name = `idem-${randomUUID()}`;
      const headers = { ...bearer(admin), 'idempotency-key': randomUUID() };
      const first = await send('POST', '/v1/conv/orgs', { name, country: 'KR' }, headers);
      const again = await send('POST', '/v1/conv/orgs', `{"country":"KR","name":"${name}"}`, headers);
      expect(again.status).toBe(first.status);
      expect(await again.json()).toEqual(await first.json());
      const other = await send('POST', '/v1/conv/orgs', { name, country: 'DE' }, headers);
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
    });

    it('keys are per principal, and a failed request releases its key', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const key = randomUUID();
      const invalid = await send('POST', '/v1/conv/orgs', { name: 1, country: 'KR' }, { ...bearer(admin), 'idempotency-key': key });
      expect(invalid.status).toBe(400);
      const name = `idem-${randomUUID()}`;
      const ok = await send('POST', '/v1/conv/orgs', { name, country: 'KR' }, { ...bearer(admin), 'idempotency-key': key });
      expect(ok.status).toBe(201);
      const otherAdmin = await issueTestApiKey(dataSource, { role: 'admin' });
      const mine = await send('POST', '/v1/conv/orgs', { name: `${name}-2`, country: 'KR' }, { ...bearer(otherAdmin), 'idempotency-key': key });
      expect(mine.status).toBe(201);
      expect(mine.headers.get('idempotency-replayed')).toBeNull();
    });

    it('stores the key for 24 hours', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const key = randomUUID();
      await send('POST', '/v1/conv/orgs', { name: `idem-${randomUUID()}`, country: 'KR' }, { ...bearer(admin), 'idempotency-key': key });
      const [row] = (await dataSource.query(
        `SELECT scope, extract(epoch FROM expires_at - created_at)::int AS ttl FROM identity.idempotency_keys WHERE key = $1`,
        [key],
      )) as Array<{ scope: string; ttl: number }>;
      expect(row.scope).toMatch(new RegExp(`^conv-[0-9a-f]{8}:${admin.principalId}:POST /v1/conv/orgs$`));
      expect(row.ttl).toBe(24 * 3600);
    });
  });

  describe('input', () => {
    it('validates path and query values and refuses unknown query parameters', async () => {
      const id = randomUUID();
      expect(await (await send('GET', `/v1/conv/items/${id}?limit=3`, undefined)).json()).toEqual({ id, limit: 3 });
      expect((await send('GET', '/v1/conv/items/not-a-uuid', undefined)).status).toBe(400);
      const wrongType = await send('GET', `/v1/conv/items/${id}?limit=abc`, undefined);
      expect(wrongType.status).toBe(400);
      const unknown = await send('GET', `/v1/conv/items/${id}?isAdmin=true`, undefined);
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'isAdmin' })] });
    });

    it('answers 400 problem+json for a body that is not UTF-8', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const body = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('","country":"KR"}')]);
      const res = await fetch(`${running.url}/v1/conv/orgs`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(admin) }, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(await res.json()).toMatchObject({ detail: 'The body is not valid UTF-8' });
    });

    it('answers 400 for JSON nested deeper than JSON_MAX_DEPTH, counting only real brackets', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const deep = `{"name":"x","country":"KR","extra":${'['.repeat(50)}${']'.repeat(50)}}`;
      const res = await send('POST', '/v1/conv/orgs', deep, bearer(admin));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ detail: 'The body is nested deeper than 8 levels' });
      // Brackets inside a string are text, not nesting: this one fails validation only for the unknown field.
      const text = await send('POST', '/v1/conv/orgs', { name: `[[[[[[[[[[${randomUUID()}`, country: 'KR', x: 1 }, bearer(admin));
      expect(text.status).toBe(400);
      expect(await text.json()).toMatchObject({ errors: [expect.objectContaining({ field: 'x' })] });
    });

    it('refuses prototype poisoning', async () => {
      const admin = await issueTestApiKey(dataSource, { role: 'admin' });
      const res = await send('POST', '/v1/conv/orgs', '{"name":"x","country":"KR","__proto__":{"isAdmin":true}}', bearer(admin));
      expect(res.status).toBe(400);
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After once the limit is used up, counted in Redis', async () => {
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 4; i++) {
        last = await send('POST', '/v1/conv/limited', {});
        statuses.push(last.status);
      }
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last?.headers.get('ratelimit-limit')).toBe('3');
      expect(last?.headers.get('content-type')).toContain('application/problem+json');
    });

    it('shares the count between instances of the service', async () => {
      const config = loadConfig(baseConfigSchema, { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
      const name = `conv-${randomUUID().slice(0, 8)}`;
      const a = await bootstrapService({ name, module: ConventionsModule, config, handleSignals: false });
      const b = await bootstrapService({ name, module: ConventionsModule, config, handleSignals: false });
      try {
        const hit = (svc: RunningService) => fetch(`${svc.url}/v1/conv/limited`, { method: 'POST' }).then((r) => r.status);
        expect([await hit(a), await hit(b), await hit(a), await hit(b)]).toEqual([201, 201, 201, 429]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  });

  it('sends security headers and keeps /docs working', async () => {
    const res = await send('GET', `/v1/conv/items/${randomUUID()}`, undefined);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const docs = await fetch(`${running.url}/docs`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    const doc = (await (await fetch(`${running.url}/docs-json`)).json()) as { paths: Record<string, { post?: { parameters?: Array<{ name: string }> } }> };
    expect(doc.paths['/v1/conv/orgs'].post?.parameters?.map((p) => p.name)).toContain('Idempotency-Key');
  });
});
