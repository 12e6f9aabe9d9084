import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { BaseConfig } from '../config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from '../config/config.tokens';
import { platformProblem, type ProblemException } from '../errors/problem';
import { problemText } from '../errors/problem-messages';
import { getLogger } from '../logging/logger';
import { REDIS_CLIENT } from '../redis/redis.module';
import { clientAddressKey } from './client-address';
import { PRINCIPAL_REQUEST_KEY } from '../auth/auth.decorators';
import type { AuthenticatedPrincipal } from '../auth/authenticated-principal';

export const RATE_LIMIT_METADATA = 'exchange:rate-limit';

/** A numeric RATE_LIMIT_* variable of the base config: a route's limit an operator can tune. */
export type RateLimitSetting = {
  [K in keyof BaseConfig]: K extends `RATE_LIMIT_${string}` ? (BaseConfig[K] extends number ? K : never) : never;
}[keyof BaseConfig];

export interface RateLimitOptions {
  /** Requests allowed per window and caller (API key, or client IP on public routes), or the variable holding it. */
  limit: number | RateLimitSetting;
  windowSeconds: number | RateLimitSetting;
}

/**
 * A route's own limit, counted separately from the service-wide one: e.g. startup registration
 * `@RateLimit({ limit: 'RATE_LIMIT_REGISTRATIONS_PER_IP', windowSeconds: 'RATE_LIMIT_REGISTRATIONS_WINDOW_SECONDS' })`
 * per IP, or fixed numbers.
 */
export const RateLimit = (options: RateLimitOptions) => SetMetadata(RATE_LIMIT_METADATA, options);

/** Set on the request by the auth guard when it already counted the request (in its own Redis round trip). */
export const RATE_LIMIT_COUNT_REQUEST_KEY = 'exchangeRateLimitCount';

/** The counter of one request: which Redis key, its limit and window. */
export interface RateLimitCounter {
  redisKey: string;
  limit: number;
  windowSeconds: number;
  /** Seconds until the window ends. */
  resetSeconds: number;
}

export interface RateLimitCount extends RateLimitCounter {
  count: number;
}

/**
 * The fixed-window counter a request is counted in: per caller (`key:<id>` or `ip:<ip>`), service-wide
 * or the route's own (@RateLimit). Null for probes and scrapes, which are not API traffic.
 */
export function rateLimitCounter(
  request: Pick<FastifyRequest, 'url' | 'method' | 'routeOptions'>,
  own: RateLimitOptions | undefined,
  config: Pick<BaseConfig, RateLimitSetting>,
  service: string,
  caller: { authenticated: boolean; id: string },
  nowMs = Date.now(),
): RateLimitCounter | null {
  if (!request.url.startsWith('/v1/')) return null;
  const setting = (value: number | RateLimitSetting) => (typeof value === 'number' ? value : config[value]);
  const limit = own ? setting(own.limit) : caller.authenticated ? config.RATE_LIMIT_PER_KEY : config.RATE_LIMIT_PUBLIC_PER_IP;
  const windowSeconds = own ? setting(own.windowSeconds) : config.RATE_LIMIT_WINDOW_SECONDS;
  const scope = own ? `route:${request.method}:${request.routeOptions.url ?? ''}` : 'all';
  return fixedWindowCounter(`rl:${service}:${scope}:${caller.id}`, limit, windowSeconds, nowMs);
}

/** The counter of `name` in the current fixed window (the window's number ends its Redis key). */
export function fixedWindowCounter(name: string, limit: number, windowSeconds: number, nowMs = Date.now()): RateLimitCounter {
  const window = Math.floor(nowMs / 1000 / windowSeconds);
  const resetSeconds = Math.max(1, (window + 1) * windowSeconds - Math.floor(nowMs / 1000));
  return { redisKey: `${name}:${window}`, limit, windowSeconds, resetSeconds };
}

/** The one 429 of every limit: problem+json with `Retry-After` (seconds until the window ends). */
export function rateLimitExceeded(
  counter: RateLimitCounter,
  code: 'RATE_LIMIT.EXCEEDED' | 'RATE_LIMIT.FAILED_AUTHENTICATIONS' = 'RATE_LIMIT.EXCEEDED',
): ProblemException {
  const { limit, windowSeconds, resetSeconds } = counter;
  return platformProblem(429, 'urn:exchange:problem:rate-limited', problemText(code, { limit, windowSeconds, resetSeconds }), {
    headers: { 'Retry-After': String(resetSeconds) },
  });
}

/**
 * Global guard after the auth guard: counts per API key on authenticated routes, per client IP on
 * public ones, answers 429 with `Retry-After` when over. Sets `RateLimit-Limit`/`-Remaining`/`-Reset`.
 * When Redis is down it lets requests through (availability over strictness) and logs.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = getLogger({ component: 'rate-limit' });

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Record<string, unknown>>();
    // Probes and scrapes are not API traffic.
    if (!request.url.startsWith('/v1/')) return true;
    const reply = http.getResponse<FastifyReply>();
    // Usually the auth guard counted the request already, in the round trip that read its key.
    let state = request[RATE_LIMIT_COUNT_REQUEST_KEY] as RateLimitCount | undefined;
    if (!state) {
      const targets = [context.getHandler(), context.getClass()];
      const own = this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT_METADATA, targets);
      const principal = request[PRINCIPAL_REQUEST_KEY] as AuthenticatedPrincipal | undefined;
      const caller = principal ? { authenticated: true, id: `key:${principal.apiKeyId}` } : { authenticated: false, id: `ip:${clientAddressKey(request.ip)}` };
      const counter = rateLimitCounter(request, own, this.config, this.service, caller);
      if (!counter) return true;
      let redis: Redis;
      try {
        redis = this.moduleRef.get<Redis>(REDIS_CLIENT, { strict: false });
      } catch {
        return true; // a service without Redis has no shared counters to keep
      }
      try {
        const result = await redis.multi().incr(counter.redisKey).expire(counter.redisKey, counter.windowSeconds + 1).exec();
        state = { ...counter, count: Number(result?.[0]?.[1] ?? 0) };
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'rate limit store unavailable, request let through');
        return true;
      }
    }
    const { limit } = state;
    void reply.header('RateLimit-Limit', String(limit));
    void reply.header('RateLimit-Remaining', String(Math.max(0, limit - state.count)));
    void reply.header('RateLimit-Reset', String(state.resetSeconds));
    if (state.count > limit) throw rateLimitExceeded(state);
    return true;
  }
}
