import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import {
  Auth,
  type AuthenticatedPrincipal,
  authRedisKeys,
  baseConfigSchema,
  bootstrapService,
  ConfigError,
  DatabaseModule,
  DEVELOPMENT_AUTH_CACHE_SECRET,
  generateApiKey,
  hashApiKey,
  loadConfig,
  REDIS_CLIENT,
  RedisModule,
  type RunningService,
} from '../src';
import { AuthCacheSeal, type CachedKey } from '../src/auth/auth-cache-seal';
import { bearer, issueTestApiKey, spawnService, type TestApiKey } from '../src/testing';

@Controller('sealed')
class SealedController {
  @Auth('admin')
  @Get('admins-only')
  adminsOnly(): { ok: true } {
    return { ok: true };
  }
}

@Module({ imports: [DatabaseModule.forRoot(), RedisModule.forRoot()], controllers: [SealedController] })
class SealedModule {}

async function metric(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

const secret = randomBytes(48).toString('base64');

function adminClaim(key: TestApiKey, cachedUntil = Date.now() + 60_000): CachedKey {
  const principal: AuthenticatedPrincipal = { principalId: key.principalId, role: 'admin', organisationId: key.organisationId, startupId: null, apiKeyId: key.apiKeyId };
  return { principal, expiresAt: null, cachedUntil };
}

describe('AuthCacheSeal', () => {
  const seal = new AuthCacheSeal(secret);
  const hash = hashApiKey(generateApiKey().key);
  const entry: CachedKey = {
    principal: { principalId: randomUUID(), role: 'reviewer', organisationId: randomUUID(), startupId: null, apiKeyId: randomUUID() },
    expiresAt: null,
    cachedUntil: Date.now() + 30_000,
  };

  it('opens what it sealed', () => {
    expect(seal.open(hash, seal.seal(hash, entry))).toEqual(entry);
  });

  it('refuses an entry sealed with another secret, moved to another key, edited or unsigned', () => {
    const sealed = seal.seal(hash, entry);
    expect(seal.open(hash, new AuthCacheSeal(randomBytes(48).toString('base64')).seal(hash, entry))).toEqual({ rejected: 'bad_mac' });
    expect(seal.open(hashApiKey(generateApiKey().key), sealed)).toEqual({ rejected: 'bad_mac' });
    expect(seal.open(hash, sealed.replace('"reviewer"', '"admin"'))).toEqual({ rejected: 'bad_mac' });
    expect(seal.open(hash, JSON.stringify(entry))).toEqual({ rejected: 'unsigned' });
    expect(seal.open(hash, `v1.${'z'.repeat(64)}.{}`)).toEqual({ rejected: 'bad_mac' });
    expect(seal.open(hash, 'v1.')).toEqual({ rejected: 'unsigned' });
  });
});

/**
 * Whoever can write to Redis must not be able to plant a principal: a cached entry counts only with
 * a valid HMAC under AUTH_CACHE_SECRET; anything else is a miss, looked up again in PostgreSQL,
 * logged and counted (auth_cache_rejected_total).
 */
describe('the key cache is bound to AUTH_CACHE_SECRET', () => {
  let running: RunningService;
  let dataSource: DataSource;
  let redis: Redis;

  beforeAll(async () => {
    const config = loadConfig(baseConfigSchema, { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_CACHE_SECRET: secret });
    running = await bootstrapService({ name: `sealed-${randomUUID().slice(0, 8)}`, module: SealedModule, config, handleSignals: false });
    dataSource = running.app.get(DataSource);
    redis = running.app.get<Redis>(REDIS_CLIENT);
  });
  afterAll(async () => {
    await running?.close();
  });

  const get = (path: string, key: string) => fetch(`${running.url}/v1${path}`, { headers: bearer(key) });
  const lookups = () => metric(running.url, 'auth_key_lookups_total');
  const rejected = () => metric(running.url, 'auth_cache_rejected_total');
  const plant = (key: string, value: string) => redis.set(authRedisKeys.cache(hashApiKey(key)), value, 'EX', 60);

  // The last column: counted as not trusted (a forgery) or merely stale (a genuine entry past its time).
  it.each([
    ['unsigned JSON', (_hash: string, claim: CachedKey) => JSON.stringify(claim), 1],
    ['a made-up MAC', (_hash: string, claim: CachedKey) => `v1.${'0'.repeat(64)}.${JSON.stringify(claim)}`, 1],
    ['a MAC under another secret', (hash: string, claim: CachedKey) => new AuthCacheSeal(DEVELOPMENT_AUTH_CACHE_SECRET).seal(hash, claim), 1],
    ['a genuine entry of another key', (_hash: string, claim: CachedKey) => new AuthCacheSeal(secret).seal(hashApiKey(generateApiKey().key), claim), 1],
    ['a genuine entry past its time (replayed)', (hash: string, claim: CachedKey) => new AuthCacheSeal(secret).seal(hash, { ...claim, cachedUntil: Date.now() - 1_000 }), 0],
  ])('does not trust a planted admin entry with %s: the key keeps its own role', async (_what, forge, countedAsForged) => {
    const reviewer = await issueTestApiKey(dataSource, { role: 'reviewer' });
    const hash = hashApiKey(reviewer.key);
    await plant(reviewer.key, forge(hash, adminClaim(reviewer)));
    const [lookupsBefore, rejectedBefore] = [await lookups(), await rejected()];

    const refused = await get('/sealed/admins-only', reviewer.key);
    expect(refused.status).toBe(403);
    expect(await lookups()).toBe(lookupsBefore + 1); // looked up again in PostgreSQL
    expect(await rejected()).toBe(rejectedBefore + countedAsForged);

    // The lookup replaced the plant with a genuine entry: the reviewer stays a reviewer, from the cache.
    const stored = new AuthCacheSeal(secret).open(hash, (await redis.get(authRedisKeys.cache(hash))) ?? '');
    expect(stored).toMatchObject({ principal: { principalId: reviewer.principalId, role: 'reviewer' } });
    const me = await get('/me', reviewer.key);
    expect(await me.json()).toMatchObject({ principalId: reviewer.principalId, role: 'reviewer' });
    expect(await lookups()).toBe(lookupsBefore + 1);
  });

  it('does not let a planted entry stand in for a key PostgreSQL does not know', async () => {
    const unknown = generateApiKey().key;
    const fake = { key: unknown, principalId: randomUUID(), apiKeyId: randomUUID(), organisationId: randomUUID() } as TestApiKey;
    await plant(unknown, JSON.stringify(adminClaim(fake)));
    expect((await get('/sealed/admins-only', unknown)).status).toBe(401);
  });

  it('uses a correctly sealed entry without asking PostgreSQL', async () => {
    const admin = await issueTestApiKey(dataSource, { role: 'admin' });
    const before = await lookups();
    expect((await get('/sealed/admins-only', admin.key)).status).toBe(200);
    expect(await lookups()).toBe(before + 1);
    for (let i = 0; i < 3; i++) expect((await get('/sealed/admins-only', admin.key)).status).toBe(200);
    expect(await lookups()).toBe(before + 1);

    // Only the holder of the secret can write an entry the guard believes, and it does believe it:
    // an entry sealed with the secret (here claiming a role the key does not have) is used as is.
    const reviewer = await issueTestApiKey(dataSource, { role: 'reviewer' });
    await plant(reviewer.key, new AuthCacheSeal(secret).seal(hashApiKey(reviewer.key), adminClaim(reviewer)));
    const beforeSealed = await lookups();
    expect((await get('/sealed/admins-only', reviewer.key)).status).toBe(200);
    expect(await lookups()).toBe(beforeSealed);
  });
});

describe('AUTH_CACHE_SECRET in configuration', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://exchange_applications:s3cret@127.0.0.1:5432/exchange_test',
    REDIS_URL: 'redis://:s3cret@127.0.0.1:6379',
  };
  const problemsOf = (env: Record<string, string | undefined>) => {
    try {
      loadConfig(baseConfigSchema, env);
    } catch (err) {
      if (err instanceof ConfigError) return err;
      throw err;
    }
    throw new Error('expected a ConfigError');
  };

  it('has a development default outside production, and production boots with its own secret', () => {
    expect(loadConfig(baseConfigSchema, { NODE_ENV: 'development' }).AUTH_CACHE_SECRET).toBe(DEVELOPMENT_AUTH_CACHE_SECRET);
    expect(loadConfig(baseConfigSchema, { ...production, AUTH_CACHE_SECRET: secret }).AUTH_CACHE_SECRET).toBe(secret);
  });

  it.each([
    ['not set', undefined, 'must be set in production'],
    ['the public development default', DEVELOPMENT_AUTH_CACHE_SECRET, 'must not be the public development default'],
  ])('refuses production with the secret %s, naming the variable', (_what, value, problem) => {
    const err = problemsOf({ ...production, AUTH_CACHE_SECRET: value });
    expect(err.problems.map((p) => p.variable)).toEqual(['AUTH_CACHE_SECRET']);
    expect(err.message).toContain(`AUTH_CACHE_SECRET: ${problem}`);
  });

  it('refuses a secret shorter than 32 bytes anywhere, without printing it', () => {
    const err = problemsOf({ NODE_ENV: 'development', AUTH_CACHE_SECRET: 'short-but-secret' });
    expect(err.message).toContain('AUTH_CACHE_SECRET: must be at least 32 bytes long');
    expect(err.message).not.toContain('short-but-secret');
  });

  it('a service refuses to boot in production without it, naming it (exit 78)', async () => {
    const proc = spawnService('applications', { ...production, AUTH_CACHE_SECRET: undefined, PORT: '0' });
    expect(await proc.exited).toBe(78);
    expect(proc.output().stderr).toMatch(/Invalid configuration for applications.*\n.*AUTH_CACHE_SECRET: must be set in production/);
  });
});
