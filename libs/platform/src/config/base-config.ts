import { z } from 'zod';
import { envEnum, envHostPortList, envInt, envPort, envString, envUrl, type ProductionCheck } from './env-schema';

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
    default: 'postgres://postgres@127.0.0.1:5432/exchange',
    example: 'postgres://postgres@127.0.0.1:5432/exchange',
    inProduction: ownDatabaseRole,
  }),
  DATABASE_POOL_SIZE: envInt({ min: 1, max: 500, default: 10, example: '10' }),
  /** How long boot keeps retrying an unreachable database before giving up. */
  DATABASE_CONNECT_TIMEOUT_MS: envInt({ min: 0, default: 15_000, example: '15000' }),
  REDIS_URL: envUrl(['redis:', 'rediss:'], { default: 'redis://127.0.0.1:6379', example: 'redis://127.0.0.1:6379', inProduction: redisWithPassword }),
  KAFKA_BROKERS: envHostPortList({ default: '127.0.0.1:9092', example: '127.0.0.1:9092,127.0.0.1:9093' }),
  /**
   * Partitions a consumer works on at once (order within a partition, so per startup, is kept). A
   * handler's time is mostly database round trips, so a few partitions in parallel multiply throughput.
   */
  KAFKA_PARTITIONS_CONCURRENTLY: envInt({ min: 1, max: 64, default: 3, example: '3' }),
  LOG_LEVEL: envEnum(LOG_LEVELS, { default: 'info' }),
  /** Grace period for in-flight work on SIGTERM/SIGINT; the process is forced to exit after it. */
  SHUTDOWN_TIMEOUT_MS: envInt({ min: 0, default: 10_000, example: '10000' }),
  BODY_LIMIT_BYTES: envInt({ min: 1, default: 1_048_576, example: '1048576' }),
  /** Each readiness check must answer within this time or counts as down. */
  HEALTH_CHECK_TIMEOUT_MS: envInt({ min: 1, default: 3_000, example: '3000' }),
  /** JSON bodies nested deeper than this are refused (400) before parsing. */
  JSON_MAX_DEPTH: envInt({ min: 1, max: 1_000, default: 32, example: '32' }),
  /** Rate limits, counted in Redis across instances: per API key, and per client IP on public routes. */
  RATE_LIMIT_WINDOW_SECONDS: envInt({ min: 1, max: 86_400, default: 60, example: '60' }),
  RATE_LIMIT_PER_KEY: envInt({ min: 1, default: 600, example: '600' }),
  RATE_LIMIT_PUBLIC_PER_IP: envInt({ min: 1, default: 60, example: '60' }),
  /** How long a verified API key stays cached in Redis (a revoked key is refused at once regardless). */
  AUTH_CACHE_TTL_SECONDS: envInt({ min: 1, max: 3_600, default: 30, example: '30' }),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;
