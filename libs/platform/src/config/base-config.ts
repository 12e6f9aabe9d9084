import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '@exchange/data';
import { envAddressList, envEnum, envHostPortList, envInt, envPort, envSecret, envString, envUrl, type ProductionCheck } from './env-schema';

/** In production a service connects as its own role with a password (docker-compose.yml), never as the superuser. */
const ownDatabaseRole: ProductionCheck = (raw) => {
  const url = raw === undefined ? undefined : safeUrl(raw);
  if (!url || url.username === '' || url.username === 'postgres') return "must name the service's own database role in production, not the default superuser";
  return url.password === '' ? 'must carry the database role\'s password in production' : undefined;
};

/** In production Redis holds rate limits and the auth cache: it must ask for a password. */
const redisWithPassword: ProductionCheck = (raw) =>
  raw !== undefined && safeUrl(raw)?.password ? undefined : 'must carry a password in production (redis://:<password>@host:6379)';

function safeUrl(raw: string): URL | undefined {
  try {
    return new URL(raw.trim());
  } catch {
    return undefined;
  }
}

/** Public, so it protects nothing: production must set its own AUTH_CACHE_SECRET. */
export const DEVELOPMENT_AUTH_CACHE_SECRET = 'development-only-auth-cache-secret-do-not-use-in-production';

const ownAuthCacheSecret: ProductionCheck = (raw) => {
  if (raw === undefined || raw.trim() === '') return 'must be set in production: its development default is public';
  return raw.trim() === DEVELOPMENT_AUTH_CACHE_SECRET ? 'must not be the public development default in production' : undefined;
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * The variables every service reads. A service extends this in its own `src/config.ts`
 * (`baseConfigSchema.extend({ PORT: envPort(3001), ... })`) so defaults and checks stay in one place.
 */
export const baseConfigSchema = z.object({
  NODE_ENV: envEnum(['development', 'test', 'production'], { default: 'development' }),
  HOST: envString({ default: '0.0.0.0', example: '0.0.0.0' }),
  PORT: envPort(3000),
  DATABASE_URL: envUrl(['postgres:', 'postgresql:'], {
    default: DEFAULT_DATABASE_URL,
    example: DEFAULT_DATABASE_URL,
    inProduction: ownDatabaseRole,
  }),
  DATABASE_POOL_SIZE: envInt({ min: 1, max: 500, default: 10, example: '10' }),
  /**
   * Age at which a pooled connection is closed and replaced (0: never). Its prepared statements'
   * cached plans were costed on the tables as they were; a table that grew since (a young database, a
   * queue after a burst) may be scanned whole by a plan made when it was small.
   */
  DATABASE_CONNECTION_LIFETIME_SECONDS: envInt({ min: 0, max: 86_400, default: 1_800, example: '1800' }),
  /** How long boot keeps retrying an unreachable database before giving up. */
  DATABASE_CONNECT_TIMEOUT_MS: envInt({ min: 0, default: 15_000, example: '15000' }),
  REDIS_URL: envUrl(['redis:', 'rediss:'], { default: 'redis://127.0.0.1:6379', example: 'redis://127.0.0.1:6379', inProduction: redisWithPassword }),
  KAFKA_BROKERS: envHostPortList({ default: '127.0.0.1:9092', example: '127.0.0.1:9092,127.0.0.1:9093' }),
  /**
   * Partitions a consumer works on at once (order within a partition, so per startup, is kept). A
   * handler's time is mostly database round trips, so a few partitions in parallel multiply throughput.
   */
  KAFKA_PARTITIONS_CONCURRENTLY: envInt({ min: 1, max: 64, default: 3, example: '3' }),
  /**
   * How long a consumer lets events gather after a fetch that brought some, before fetching again
   * (ms; 0: at once). Fuller batches (one fetch and one transaction for many events) for that much
   * delay: for services whose consumers are off the partners' latency path. Idle costs nothing.
   */
  KAFKA_CONSUMER_GATHER_MS: envInt({ min: 0, max: 1_000, default: 0, example: '0' }),
  LOG_LEVEL: envEnum(LOG_LEVELS, { default: 'info' }),
  /** Grace period for in-flight work on SIGTERM/SIGINT; the process is forced to exit after it. */
  SHUTDOWN_TIMEOUT_MS: envInt({ min: 0, default: 10_000, example: '10000' }),
  BODY_LIMIT_BYTES: envInt({ min: 1, default: 1_048_576, example: '1048576' }),
  /**
   * Largest event (key + value + headers as the relay sends it) a service writes to its outbox; a
   * change whose event is bigger is refused (422) and nothing commits. Capped below the broker's
   * maximum message (1,048,588 bytes by default) so an accepted event can always be published.
   */
  OUTBOX_MAX_EVENT_BYTES: envInt({ min: 1_024, max: 1_000_000, default: 262_144, example: '262144' }),
  /** Each readiness check must answer within this time or counts as down. */
  HEALTH_CHECK_TIMEOUT_MS: envInt({ min: 1, default: 3_000, example: '3000' }),
  /** JSON bodies nested deeper than this are refused (400) before parsing. */
  JSON_MAX_DEPTH: envInt({ min: 1, max: 1_000, default: 32, example: '32' }),
  /** Rate limits, counted in Redis across instances: per API key, and per client IP on public routes. */
  RATE_LIMIT_WINDOW_SECONDS: envInt({ min: 1, max: 86_400, default: 60, example: '60' }),
  RATE_LIMIT_PER_KEY: envInt({ min: 1, default: 600, example: '600' }),
  RATE_LIMIT_PUBLIC_PER_IP: envInt({ min: 1, default: 60, example: '60' }),
  /** Startup registration (public, creates a key) has its own, tighter limit per client address. */
  RATE_LIMIT_REGISTRATIONS_PER_IP: envInt({ min: 1, default: 10, example: '10' }),
  RATE_LIMIT_REGISTRATIONS_WINDOW_SECONDS: envInt({ min: 1, max: 86_400, default: 600, example: '600' }),
  /**
   * Failed authentications (a presented key that is unknown, revoked, expired or malformed) allowed
   * per client address and window, counted across every service and instance. Beyond it the address
   * is refused (429) until the window ends, with any key, and no key is looked up.
   */
  AUTH_FAILURES_PER_IP: envInt({ min: 1, default: 20, example: '20' }),
  AUTH_FAILURES_WINDOW_SECONDS: envInt({ min: 1, max: 86_400, default: 60, example: '60' }),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges or loopback); the client
   * address of a request from anyone else is its socket's peer. Default none.
   */
  TRUSTED_PROXIES: envAddressList({ default: '', example: '10.0.0.0/8,192.168.1.10' }),
  /** How long a verified API key stays cached in Redis (a revoked key is refused at once regardless). */
  AUTH_CACHE_TTL_SECONDS: envInt({ min: 1, max: 3_600, default: 30, example: '30' }),
  /**
   * Signs every principal cached in Redis (HMAC-SHA256), so whoever can write to Redis cannot plant
   * one. The same value in every service (they share the cache); required in production.
   */
  AUTH_CACHE_SECRET: envSecret({
    minBytes: 32,
    default: DEVELOPMENT_AUTH_CACHE_SECRET,
    example: '<at least 32 random bytes, e.g. openssl rand -base64 48>',
    inProduction: ownAuthCacheSecret,
  }),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;
