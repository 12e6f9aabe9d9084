import { randomUUID } from 'node:crypto';
import { Controller, Get, Module, Post } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Auth, baseConfigSchema, bootstrapService, DatabaseModule, loadConfig, RateLimit, RedisModule, type RunningService } from '../src';
import { bearer, issueTestApiKey } from '../src/testing';

@Controller('limited')
class LimitedController {
  @Auth('admin', 'programme_manager')
  @Get('all')
  all(): { ok: true } {
    return { ok: true };
  }

  @Auth('admin')
  @RateLimit({ limit: 2, windowSeconds: 60 })
  @Post('own')
  own(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [DatabaseModule.forRoot(), RedisModule.forRoot()], controllers: [LimitedController] })
class LimitedModule {}

/** Authenticated routes are counted in the auth guard's Redis round trip; the limits must hold as before. */
describe('rate limit per API key', () => {
  let running: RunningService;
  let dataSource: DataSource;

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', RATE_LIMIT_PER_KEY: '3' });
    // A unique service name: counters of earlier runs in the same window must not count here.
    running = await bootstrapService({ name: `limited-${randomUUID().slice(0, 8)}`, module: LimitedModule, config, handleSignals: false });
    dataSource = running.app.get(DataSource);
  });
  afterAll(async () => {
    await running?.close();
  });

  const call = (method: string, path: string, key: string) => fetch(`${running.url}${path}`, { method, headers: bearer(key) });

  it('counts every request of a key (cache miss and hit alike) and answers 429 over the limit, with headers', async () => {
    const { key } = await issueTestApiKey(dataSource, { role: 'admin' });
    const responses = [];
    for (let i = 0; i < 4; i++) responses.push(await call('GET', '/v1/limited/all', key));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(responses.map((r) => r.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(responses[0].headers.get('ratelimit-limit')).toBe('3');
    expect(Number(responses[3].headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps keys apart, and a route with its own limit counts separately', async () => {
    const a = await issueTestApiKey(dataSource, { role: 'admin' });
    const b = await issueTestApiKey(dataSource, { role: 'admin' });
    const own = [];
    for (let i = 0; i < 3; i++) own.push((await call('POST', '/v1/limited/own', a.key)).status);
    expect(own).toEqual([201, 201, 429]);
    expect((await call('POST', '/v1/limited/own', b.key)).status).toBe(201);
    // The service-wide counter of `a` was not touched by the route's own one.
    expect((await call('GET', '/v1/limited/all', a.key)).headers.get('ratelimit-remaining')).toBe('2');
  });

  it('still refuses unknown keys with 401 and other roles with 403', async () => {
    expect((await call('GET', '/v1/limited/all', `sx_live_${'A'.repeat(43)}`)).status).toBe(401);
    const manager = await issueTestApiKey(dataSource, { role: 'programme_manager' });
    expect((await call('POST', '/v1/limited/own', manager.key)).status).toBe(403);
  });
});
