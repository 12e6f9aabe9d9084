import type Redis from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import type { Role } from '@exchange/data';
import { getLogger } from '../logging/logger';
import type { AuthenticatedPrincipal } from './authenticated-principal';
import { apiKeyPrefixOf, hashApiKey, hashesEqual, looksLikeApiKey } from './api-key';

/** Redis key names shared by every service (one cache for all of them). */
export const authRedisKeys = {
  cache: (hash: string) => `auth:key:${hash}`,
  revoked: (hash: string) => `auth:revoked:${hash}`,
  lastUsed: 'auth:last-used',
};

/** How long a verified key stays cached; a revocation marker outlives any cached entry. */
export const DEFAULT_KEY_CACHE_TTL_SECONDS = 30;
const REVOCATION_MARKER_TTL_SECONDS = 3_600;
/** Invalid keys are remembered briefly so a flood of bad keys does not reach PostgreSQL. */
const NEGATIVE_CACHE_TTL_SECONDS = 5;
const LAST_USED_EVERY_MS = 60_000;

interface CachedKey {
  principal: AuthenticatedPrincipal;
  expiresAt: string | null;
}

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
}

/**
 * Resolves an API key to its principal. PostgreSQL is the truth; Redis caches verified keys for a
 * short TTL and holds a revocation marker per key hash, checked in the same round trip as the
 * cache, so a revoked key stops working on every instance as soon as the marker is written (and
 * within the TTL even if Redis lost the marker).
 */
export class ApiKeyStore {
  private readonly logger = getLogger({ component: 'auth' });
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(
    private readonly dataSource: () => DataSource,
    private readonly redis: () => Redis | undefined,
    private readonly cacheTtlSeconds = DEFAULT_KEY_CACHE_TTL_SECONDS,
  ) {}

  async verify(key: string): Promise<AuthenticatedPrincipal | null> {
    return (await this.verifyCounting(key)).principal;
  }

  /**
   * verify(), and with `counter` also counts the request in that fixed-window counter (the rate
   * limit) in the same Redis round trip as the cache read. `count` is undefined when it could not
   * count (no Redis, Redis down, not a key).
   */
  async verifyCounting(
    key: string,
    counter?: { redisKey: string; ttlSeconds: number },
  ): Promise<{ principal: AuthenticatedPrincipal | null; count?: number }> {
    if (!looksLikeApiKey(key)) return { principal: null };
    const hash = hashApiKey(key);
    const redis = this.redis();
    let cached: string | null = null;
    let count: number | undefined;
    if (redis) {
      try {
        let entry: string | null;
        let revoked: string | null;
        if (counter) {
          const results = await redis.multi().mget(authRedisKeys.cache(hash), authRedisKeys.revoked(hash)).incr(counter.redisKey).expire(counter.redisKey, counter.ttlSeconds).exec();
          const failed = results?.find(([err]) => err)?.[0];
          if (!results || failed) throw failed ?? new Error('transaction aborted');
          [entry, revoked] = results[0][1] as (string | null)[];
          count = Number(results[1][1]);
        } else {
          [entry, revoked] = await redis.mget(authRedisKeys.cache(hash), authRedisKeys.revoked(hash));
        }
        if (revoked) return { principal: null, count };
        cached = entry;
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'key cache unavailable, asking PostgreSQL');
      }
    }
    return { principal: await this.resolve(key, hash, cached, redis), count };
  }

  private async resolve(key: string, hash: string, cached: string | null, redis: Redis | undefined): Promise<AuthenticatedPrincipal | null> {
    if (cached === 'invalid') return null;
    if (cached) {
      const entry = JSON.parse(cached) as CachedKey;
      if (entry.expiresAt && Date.parse(entry.expiresAt) <= Date.now()) return null;
      this.touch(entry.principal.apiKeyId);
      return entry.principal;
    }
    const principal = await this.load(key, hash);
    if (redis) {
      // The cache entry and the last-use stamp go out in one round trip.
      const value = principal ? JSON.stringify(principal) : 'invalid';
      const ttl = principal ? this.cacheTtlSeconds : NEGATIVE_CACHE_TTL_SECONDS;
      const pipeline = redis.pipeline().set(authRedisKeys.cache(hash), value, 'EX', ttl);
      if (principal && this.dueForTouch(principal.principal.apiKeyId)) pipeline.hset(authRedisKeys.lastUsed, principal.principal.apiKeyId, new Date().toISOString());
      await pipeline.exec().catch(() => undefined);
    }
    return principal?.principal ?? null;
  }

  private async load(key: string, hash: string): Promise<CachedKey | null> {
    const rows = (await this.dataSource().query(
      `SELECT k.id, k.hash, k.principal_id, k.role, k.organisation_id, k.startup_id, k.expires_at, k.revoked_at, p.state
         FROM identity.api_keys k JOIN identity.principals p ON p.id = k.principal_id
        WHERE k.prefix = $1`,
      [apiKeyPrefixOf(key)],
    )) as KeyRow[];
    const row = rows[0];
    if (!row || !hashesEqual(row.hash, hash)) return null;
    if (row.revoked_at || row.state !== 'active') return null;
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) return null;
    return {
      principal: {
        principalId: row.principal_id,
        role: row.role,
        organisationId: row.organisation_id,
        startupId: row.startup_id,
        apiKeyId: row.id,
      },
      expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    };
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
