import { baseConfigSchema, envBoolean, envInt, envPort, envString, type ProductionCheck } from '@exchange/platform';
import { SERVICE_NAMES, type ServiceName } from '@exchange/sdk';
import { z } from 'zod';

export const SERVER_NAME = 'console-server';

/** Where `npm start` runs each service's first instance. */
const DEFAULT_PORTS: Record<ServiceName, number> = { applications: 3001, pilots: 3002, cohorts: 3003, notifications: 3004 };

/** A comma-separated list of http(s) origins (`http://host:port`, no path), at least one; trailing slashes dropped. */
function envOriginList(defaultValue: string) {
  const split = (value: string) =>
    value
      .split(',')
      .map((entry) => entry.trim().replace(/\/+$/, ''))
      .filter((entry) => entry.length > 0);
  const isOrigin = (entry: string) => {
    try {
      const url = new URL(entry);
      return ['http:', 'https:'].includes(url.protocol) && url.hostname !== '' && url.pathname === '/' && !url.search && !url.username;
    } catch {
      return false;
    }
  };
  return z
    .string()
    .transform(split)
    .refine((list) => list.length > 0 && list.every(isOrigin), 'must be a comma-separated list of http:// or https:// origins without a path (at least one)')
    .default(split(defaultValue))
    .meta({ example: `${defaultValue},${defaultValue.replace(/(\d+)$/, (port) => String(Number(port) + 100))}` });
}

/** Production serves the console over HTTPS: a cookie without `Secure` could leave over plain HTTP. */
const cookieSecureInProduction: ProductionCheck = (raw) =>
  raw !== undefined && ['true', '1', 'yes'].includes(raw.trim().toLowerCase()) ? undefined : 'must be true in production (the console is served over HTTPS there)';

const serviceUrlVariables = Object.fromEntries(
  SERVICE_NAMES.map((service) => [`${service.toUpperCase()}_URLS`, envOriginList(`http://127.0.0.1:${DEFAULT_PORTS[service]}`)]),
) as Record<`${Uppercase<ServiceName>}_URLS`, ReturnType<typeof envOriginList>>;

/**
 * Environment of the console server (docs/console.md). The shared variables it needs come from the
 * services' schema, so their checks (Redis password in production, proxy list syntax) stay the same.
 */
export const consoleConfigSchema = baseConfigSchema
  .pick({ NODE_ENV: true, LOG_LEVEL: true, SHUTDOWN_TIMEOUT_MS: true, REDIS_URL: true, TRUSTED_PROXIES: true })
  .extend({
    CONSOLE_PORT: envPort(3000),
    CONSOLE_HOST: envString({ default: '127.0.0.1', example: '127.0.0.1' }),
    ...serviceUrlVariables,
    /** Idle lifetime of a session; every use renews it. */
    CONSOLE_SESSION_TTL_SECONDS: envInt({ min: 60, max: 604_800, default: 28_800, example: '28800' }),
    /** `Secure` on the session cookie: true whenever the console is served over HTTPS (always in production). */
    CONSOLE_COOKIE_SECURE: envBoolean({ default: false, example: 'true' }).meta({ example: 'true', inProduction: cookieSecureInProduction }),
    /** The built application (`npm run console:build`), relative to the working directory or absolute. */
    CONSOLE_STATIC_DIR: envString({ default: 'apps/console/dist', example: 'apps/console/dist' }),
    /** Sign-in attempts allowed per client address and window, counted in Redis across instances. */
    CONSOLE_SIGN_IN_PER_IP: envInt({ min: 1, max: 10_000, default: 10, example: '10' }),
    CONSOLE_SIGN_IN_WINDOW_SECONDS: envInt({ min: 1, max: 86_400, default: 60, example: '60' }),
    /** How long a service may take to begin answering a forwarded call before the console answers 504 (a long download may stream longer). */
    CONSOLE_UPSTREAM_TIMEOUT_MS: envInt({ min: 100, max: 600_000, default: 30_000, example: '30000' }),
  });

export type ConsoleConfig = z.infer<typeof consoleConfigSchema>;

/** The instances of `service` the configuration names. */
export function serviceOrigins(config: ConsoleConfig, service: ServiceName): readonly string[] {
  return config[`${service.toUpperCase() as Uppercase<ServiceName>}_URLS`];
}
