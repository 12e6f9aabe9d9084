import type Redis from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { Language, Role } from '@exchange/data';
import { isLanguage } from '../i18n/messages';
import { getLogger } from '../logging/logger';
import { lockedOut } from '../rate-limit/failed-auth-limit';
import type { RateLimitCounter } from '../rate-limit/rate-limit.guard';
import type { AuthenticatedPrincipal } from './authenticated-principal';
import { apiKeyPrefixOf, hashApiKey, hashesEqual, looksLikeApiKey } from './api-key';
import { AuthCacheSeal, type CachedKey, isRejection } from './auth-cache-seal';
import { authCacheRejectedTotal, authKeyLookupsTotal } from './auth-metrics';

/**
 * Redis key names shared by every service (one cache for all of them). Signed entries live under a
 * name of their own, so an instance of an older version never reads one (nor one of its unsigned
 * entries) during a rolling upgrade.
 */
export const authRedisKeys = {
  cache: (hash: string) => `auth:principal:${hash}`,
  revoked: (hash: string) => `auth:revoked:${hash}`,
  lastUsed: 'auth:last-used',
};

/** How long a verified key stays cached; a revocation marker outlives any cached entry. */
export const DEFAULT_KEY_CACHE_TTL_SECONDS = 30;
const REVOCATION_MARKER_TTL_SECONDS = 3_600;
/**
 * Invalid keys are remembered briefly (by the hash of the whole key) so a flood of one bad key does
 * not reach PostgreSQL. A key issued later has a fresh random hash, so no remembered miss can hide
 * it; a key that becomes valid again (its person re-enabled) works within these seconds.
 */
const NEGATIVE_CACHE_TTL_SECONDS = 5;
/**
 * A miss is stored unsigned: it can only refuse a key, which whoever writes to Redis can do anyway
 * (by deleting or flooding it); a MAC would protect nothing. The same holds for revocation markers.
 */
const NEGATIVE_ENTRY = 'invalid';
const LAST_USED_EVERY_MS = 60_000;

interface KeyRow {
  id: string;
  hash: string;
  principal_id: string;
  role: Role;
  organisation_id: string | null;
  startup_id: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  state: string;
  person_language: string | null;
  organisation_language: string | null;
}

export interface VerifyOptions {
  /** A rate-limit counter to count the request in, in the same Redis round trip as the cache read. */
  counter?: { redisKey: string; ttlSeconds: number };
  /** The caller's failed-authentication counter: when used up, the key is not looked up at all. */
  failures?: RateLimitCounter;
}

export interface Verification {
  principal: AuthenticatedPrincipal | null;
  /** The request's count in `counter`; undefined when it could not count (no Redis, Redis down, not a key). */
  count?: number;
  /** The caller has no failed authentications left in this window: refused before any lookup. */
  lockedOut?: boolean;
}

/**
 * One round trip for everything a request needs from Redis before its key is known: the caller's
 * failures (over the limit: stop here, count nothing), the cached entry, the revocation marker and
 * the rate-limit count. A script, because the rest depends on the first answer.
 * KEYS: failures, cache, revoked[, counter]; ARGV: failure limit (-1: none), counter TTL.
 */
const READ_AUTH_STATE = `
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
local limit = tonumber(ARGV[1])
if limit >= 0 and failures >= limit then return {failures} end
local entry = redis.call('GET', KEYS[2])
local revoked = redis.call('GET', KEYS[3])
local count = false
if #KEYS >= 4 then
  count = redis.call('INCR', KEYS[4])
  redis.call('EXPIRE', KEYS[4], tonumber(ARGV[2]))
end
return {failures, entry, revoked, count}
`;

type ScriptedRedis = Redis & { exchangeReadAuthState(numKeys: number, ...args: Array<string | number>): Promise<Array<string | number | null>> };
const scripted = new WeakSet<Redis>();

function withAuthScript(redis: Redis): ScriptedRedis {
  if (!scripted.has(redis)) {
    redis.defineCommand('exchangeReadAuthState', { lua: READ_AUTH_STATE });
    scripted.add(redis);
  }
  return redis as ScriptedRedis;
}

/**
 * Resolves an API key to its principal. PostgreSQL is the truth; Redis caches verified keys for a
 * short TTL, each entry signed with AUTH_CACHE_SECRET (an entry without a valid MAC is a miss:
 * looked up again, logged, counted), and holds a revocation marker per key hash, checked in the same
 * round trip as the cache, so a revoked key stops working on every instance as soon as the marker is
 * written (and within the TTL even if Redis lost the marker).
 */
export class ApiKeyStore {
  private readonly logger = getLogger({ component: 'auth' });
  private readonly lastUsedWritten = new Map<string, number>();
  private readonly seal: AuthCacheSeal;
  /** False once PostgreSQL refused this service's role a read of applications.startups. */
  private startupsReadable = true;

  constructor(
    private readonly dataSource: () => DataSource,
    private readonly redis: () => Redis | undefined,
    cacheSecret: string,
    private readonly cacheTtlSeconds = DEFAULT_KEY_CACHE_TTL_SECONDS,
  ) {
    this.seal = new AuthCacheSeal(cacheSecret);
  }

  async verify(key: string): Promise<AuthenticatedPrincipal | null> {
    return (await this.verifyCounting(key)).principal;
  }

  /**
   * verify(), and with `counter` also counts the request in that fixed-window counter (the rate
   * limit), with `failures` first checks that the caller may still fail: both in the same Redis
   * round trip as the cache read.
   */
  async verifyCounting(key: string, options: VerifyOptions = {}): Promise<Verification> {
    if (!looksLikeApiKey(key)) return { principal: null };
    const hash = hashApiKey(key);
    const redis = this.redis();
    let cached: string | null = null;
    let count: number | undefined;
    if (redis) {
      try {
        const { failures, counter } = options;
        const keys = [failures?.redisKey ?? 'rl:auth-failures:none', authRedisKeys.cache(hash), authRedisKeys.revoked(hash), ...(counter ? [counter.redisKey] : [])];
        const [failed, entry, revoked, counted] = await withAuthScript(redis).exchangeReadAuthState(keys.length, ...keys, failures?.limit ?? -1, counter?.ttlSeconds ?? 0);
        if (failures && lockedOut(failures, Number(failed))) return { principal: null, lockedOut: true };
        count = counted === null || counted === undefined ? undefined : Number(counted);
        if (revoked) return { principal: null, count };
        cached = typeof entry === 'string' ? entry : null;
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'key cache unavailable, asking PostgreSQL');
      }
    }
    return { principal: await this.resolve(key, hash, cached, redis), count };
  }

  private async resolve(key: string, hash: string, cached: string | null, redis: Redis | undefined): Promise<AuthenticatedPrincipal | null> {
    if (cached === NEGATIVE_ENTRY) return null;
    if (cached) {
      const entry = this.trusted(key, hash, cached);
      if (entry) {
        if (entry.expiresAt && Date.parse(entry.expiresAt) <= Date.now()) return null;
        this.touch(entry.principal.apiKeyId);
        return entry.principal;
      }
    }
    const found = await this.load(key, hash);
    if (redis) {
      // The cache entry and the last-use stamp go out in one round trip.
      const value = found ? this.seal.seal(hash, { ...found, cachedUntil: Date.now() + this.cacheTtlSeconds * 1000 }) : NEGATIVE_ENTRY;
      const ttl = found ? this.cacheTtlSeconds : NEGATIVE_CACHE_TTL_SECONDS;
      const pipeline = redis.pipeline().set(authRedisKeys.cache(hash), value, 'EX', ttl);
      if (found && this.dueForTouch(found.principal.apiKeyId)) pipeline.hset(authRedisKeys.lastUsed, found.principal.apiKeyId, new Date().toISOString());
      await pipeline.exec().catch(() => undefined);
    }
    return found?.principal ?? null;
  }

  /** The cached entry if its MAC holds and it is still current; otherwise undefined (a miss). */
  private trusted(key: string, hash: string, cached: string): CachedKey | undefined {
    const opened = this.seal.open(hash, cached);
    if (isRejection(opened)) {
      authCacheRejectedTotal.inc({ reason: opened.rejected });
      // Only this service writes these entries, with the shared secret: anything else was planted
      // (or written with another AUTH_CACHE_SECRET).
      this.logger.warn({ reason: opened.rejected, keyPrefix: apiKeyPrefixOf(key) }, 'key cache entry not trusted, looking the key up again');
      return undefined;
    }
    return opened.cachedUntil > Date.now() ? opened : undefined;
  }

  private async load(key: string, hash: string): Promise<Omit<CachedKey, 'cachedUntil'> | null> {
    const rows = (await this.dataSource().query(
      `SELECT k.id, k.hash, k.principal_id, k.role, k.organisation_id, k.startup_id, k.expires_at, k.revoked_at, p.state,
              p.preferred_language AS person_language, o.preferred_language AS organisation_language
         FROM identity.api_keys k JOIN identity.principals p ON p.id = k.principal_id
         LEFT JOIN identity.organisations o ON o.id = k.organisation_id
        WHERE k.prefix = $1`,
      [apiKeyPrefixOf(key)],
    )) as KeyRow[];
    const row = rows[0];
    const usable = row && hashesEqual(row.hash, hash) && !row.revoked_at && row.state === 'active' && !(row.expires_at && row.expires_at.getTime() <= Date.now());
    authKeyLookupsTotal.inc({ result: usable ? 'found' : 'not_found' });
    if (!usable) return null;
    return {
      principal: {
        principalId: row.principal_id,
        role: row.role,
        organisationId: row.organisation_id,
        startupId: row.startup_id,
        apiKeyId: row.id,
        language: await this.languageOf(row),
      },
      expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    };
  }

  /**
   * The language the caller reads when a request names none (Accept-Language wins over it): the
   * person's preferred language, else their organisation's; for a startup its own principal's, else
   * the first language of its team that the exchange writes. It is cached with the key (sealed), so a
   * change of preferred language shows within the cache TTL (AUTH_CACHE_TTL_SECONDS, 30 s by
   * default): people and organisation updates do not drop cached keys, only revocations do.
   */
  private async languageOf(row: KeyRow): Promise<Language | null> {
    if (isLanguage(row.person_language)) return row.person_language;
    if (row.organisation_id) return isLanguage(row.organisation_language) ? row.organisation_language : null;
    return row.startup_id ? this.startupTeamLanguage(row.startup_id) : null;
  }

  /**
   * The first of a startup's languages that is one of ours. Startups live in the applications schema,
   * which only the applications service's role may read: elsewhere this answers null (after the first
   * refusal, without asking again). Registration already copies this language onto the startup's
   * principal, so this only matters for principals that have none.
   */
  private async startupTeamLanguage(startupId: string): Promise<Language | null> {
    if (!this.startupsReadable) return null;
    try {
      const rows = (await this.dataSource().query(`SELECT languages FROM applications.startups WHERE id = $1`, [startupId])) as Array<{ languages: string[] | null }>;
      return (rows[0]?.languages ?? []).find(isLanguage) ?? null;
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      // insufficient_privilege or undefined_table: this service cannot see startups at all.
      if (code === '42501' || code === '42P01') this.startupsReadable = false;
      else this.logger.warn({ err: (err as Error).message }, 'startup languages unavailable, answering in the default language');
      return null;
    }
  }

  /**
   * Last use, at most once a minute per key and instance, into a Redis hash: services other than
   * applications may not write the identity schema, so the identity module folds it into
   * api_keys.last_used_at.
   */
  private touch(apiKeyId: string): void {
    if (!this.dueForTouch(apiKeyId)) return;
    void this.redis()
      ?.hset(authRedisKeys.lastUsed, apiKeyId, new Date().toISOString())
      .catch(() => undefined);
  }

  /** True at most once a minute per key and instance (and records that the stamp is being written). */
  private dueForTouch(apiKeyId: string): boolean {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(apiKeyId) ?? 0) < LAST_USED_EVERY_MS) return false;
    this.lastUsedWritten.set(apiKeyId, now);
    if (this.lastUsedWritten.size > 10_000) this.lastUsedWritten.clear();
    return true;
  }
}

/**
 * Tells every instance that these keys are revoked: a marker per key hash (checked with the cache)
 * and the cached entry dropped. Call after the revoking transaction committed.
 */
export async function announceRevokedKeys(redis: Redis, hashes: string[]): Promise<void> {
  if (hashes.length === 0) return;
  const pipeline = redis.pipeline();
  for (const hash of hashes) {
    pipeline.set(authRedisKeys.revoked(hash), '1', 'EX', REVOCATION_MARKER_TTL_SECONDS);
    pipeline.del(authRedisKeys.cache(hash));
  }
  await pipeline.exec();
}

/** Hashes of keys a revocation touches (all active keys of a principal, or one key). */
export async function activeKeyHashes(tx: EntityManager, where: { apiKeyId?: string; principalId?: string }): Promise<string[]> {
  const rows = (await tx.query(
    `SELECT hash FROM identity.api_keys WHERE ($1::uuid IS NULL OR id = $1) AND ($2::uuid IS NULL OR principal_id = $2)`,
    [where.apiKeyId ?? null, where.principalId ?? null],
  )) as Array<{ hash: string }>;
  return rows.map((r) => r.hash);
}
