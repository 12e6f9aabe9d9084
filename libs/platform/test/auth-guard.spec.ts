import { Controller, Get, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import {
  announceRevokedKeys,
  Auth,
  type AuthenticatedPrincipal,
  baseConfigSchema,
  bootstrapService,
  CurrentPrincipal,
  DatabaseModule,
  generateApiKey,
  loadConfig,
  Public,
  REDIS_CLIENT,
  RedisModule,
  type RunningService,
} from '../src';
import { bearer, issueTestApiKey, waitFor } from '../src/testing';

@Controller('guarded')
class GuardedController {
  @Public()
  @Get('open')
  open(): { ok: true } {
    return { ok: true };
  }

  @Auth('admin', 'programme_manager')
  @Get('managers')
  managers(@CurrentPrincipal() principal: AuthenticatedPrincipal): AuthenticatedPrincipal {
    return principal;
  }

  @Get('undeclared')
  undeclared(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [DatabaseModule.forRoot(), RedisModule.forRoot()], controllers: [GuardedController] })
class GuardedModule {}

describe('API-key guard', () => {
  let running: RunningService;
  let dataSource: DataSource;
  let redis: Redis;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${running.url}${path}`, { headers });

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    running = await bootstrapService({ name: 'guarded', module: GuardedModule, config, handleSignals: false });
    dataSource = running.app.get(DataSource);
    redis = running.app.get<Redis>(REDIS_CLIENT);
  });
  afterAll(async () => {
    await running?.close();
  });

  it('keys look like sx_live_<43 base64url chars>, with a 16-character prefix and a SHA-256 hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^sx_live_[A-Za-z0-9_-]{43}$/);
    expect(prefix).toBe(key.slice(0, 16));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generateApiKey().key).not.toBe(key);
  });

  it('leaves public routes, health and metrics open', async () => {
    expect((await get('/v1/guarded/open')).status).toBe(200);
    expect((await get('/health/live')).status).toBe(200);
    expect((await get('/metrics')).status).toBe(200);
    expect((await get('/docs-json')).status).toBe(200);
  });

  it('answers 401 problem+json with WWW-Authenticate without a key or with a bad one', async () => {
    const none = await get('/v1/guarded/managers');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    expect(await none.json()).toMatchObject({ status: 401, title: 'Unauthorized' });

    expect((await get('/v1/guarded/managers', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await get('/v1/guarded/managers', bearer('sx_live_nope'))).status).toBe(401);
    const unknown = await get('/v1/guarded/managers', bearer(generateApiKey().key));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('lets an allowed role through with its principal, and answers 403 to another role', async () => {
    const manager = await issueTestApiKey(dataSource, { role: 'programme_manager' });
    const ok = await get('/v1/guarded/managers', bearer(manager));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      principalId: manager.principalId,
      role: 'programme_manager',
      organisationId: manager.organisationId,
      startupId: null,
      apiKeyId: manager.apiKeyId,
      // The person names no language: the organisation's (English by default).
      language: 'en',
    });
    const startup = await issueTestApiKey(dataSource, { role: 'startup' });
    const refused = await get('/v1/guarded/managers', bearer(startup));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('closes a route that declares neither @Auth nor @Public to every key', async () => {
    const admin = await issueTestApiKey(dataSource, { role: 'admin' });
    expect((await get('/v1/guarded/undeclared')).status).toBe(401);
    expect((await get('/v1/guarded/undeclared', bearer(admin))).status).toBe(403);
  });

  it('refuses expired keys and keys of disabled principals', async () => {
    const expired = await issueTestApiKey(dataSource, { role: 'admin', expiresAt: new Date(Date.now() - 1_000) });
    expect((await get('/v1/guarded/managers', bearer(expired))).status).toBe(401);
    const disabled = await issueTestApiKey(dataSource, { role: 'admin' });
    await dataSource.query(`UPDATE identity.principals SET state = 'disabled' WHERE id = $1`, [disabled.principalId]);
    expect((await get('/v1/guarded/managers', bearer(disabled))).status).toBe(401);
  });

  it('refuses a revoked key at once although it was cached', async () => {
    const admin = await issueTestApiKey(dataSource, { role: 'admin' });
    expect((await get('/v1/guarded/managers', bearer(admin))).status).toBe(200); // now cached
    const rows = (await dataSource.query(`UPDATE identity.api_keys SET revoked_at = now() WHERE id = $1 RETURNING hash`, [admin.apiKeyId])) as [
      Array<{ hash: string }>,
      number,
    ];
    await announceRevokedKeys(redis, rows[0].map((r) => r.hash));
    expect((await get('/v1/guarded/managers', bearer(admin))).status).toBe(401);
  });

  it('records the last use of a key in Redis, at most once a minute', async () => {
    const admin = await issueTestApiKey(dataSource, { role: 'admin' });
    await get('/v1/guarded/managers', bearer(admin));
    const at = await waitFor(() => redis.hget('auth:last-used', admin.apiKeyId).then((v) => v ?? undefined), { what: 'last-used entry' });
    expect(Date.parse(at)).toBeGreaterThan(Date.now() - 60_000);
  });
});
