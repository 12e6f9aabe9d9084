import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { BaseConfig } from '../config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from '../config/config.tokens';
import { ProblemException } from '../errors/problem';
import { getLogger } from '../logging/logger';
import { REDIS_CLIENT } from '../redis/redis.module';
import { PRINCIPAL_REQUEST_KEY } from '../auth/auth.decorators';
import type { AuthenticatedPrincipal } from '../auth/authenticated-principal';

export const RATE_LIMIT_METADATA = 'exchange:rate-limit';

export interface RateLimitOptions {
  /** Requests allowed per window and caller (API key, or client IP on public routes). */
  limit: number;
  windowSeconds: number;
}

/**
 * A route's own limit, counted separately from the service-wide one: e.g. startup registration
 * `@RateLimit({ limit: 10, windowSeconds: 3600 })` per IP.
 */
export const RateLimit = (options: RateLimitOptions) => SetMetadata(RATE_LIMIT_METADATA, options);

/** Fixed-window counter in Redis, so the limit holds across every instance of the service. */
export async function consumeRateLimit(redis: Redis, key: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }> {
  const window = Math.floor(Date.now() / 1000 / windowSeconds);
  const redisKey = `${key}:${window}`;
  const result = await redis.multi().incr(redisKey).expire(redisKey, windowSeconds + 1).exec();
  const count = Number(result?.[0]?.[1] ?? 0);
  const resetSeconds = Math.max(1, (window + 1) * windowSeconds - Math.floor(Date.now() / 1000));
  return { count, resetSeconds };
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
    const targets = [context.getHandler(), context.getClass()];
    const own = this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT_METADATA, targets);
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & Record<string, unknown>>();
    // Probes and scrapes are not API traffic.
    if (!request.url.startsWith('/v1/')) return true;
    const reply = http.getResponse<FastifyReply>();
    const principal = request[PRINCIPAL_REQUEST_KEY] as AuthenticatedPrincipal | undefined;

    const limit = own?.limit ?? (principal ? this.config.RATE_LIMIT_PER_KEY : this.config.RATE_LIMIT_PUBLIC_PER_IP);
    const windowSeconds = own?.windowSeconds ?? this.config.RATE_LIMIT_WINDOW_SECONDS;
    const caller = principal ? `key:${principal.apiKeyId}` : `ip:${request.ip}`;
    const scope = own ? `route:${request.method}:${request.routeOptions.url ?? ''}` : 'all';
    let redis: Redis;
    try {
      redis = this.moduleRef.get<Redis>(REDIS_CLIENT, { strict: false });
    } catch {
      return true; // a service without Redis has no shared counters to keep
    }
    let state: { count: number; resetSeconds: number };
    try {
      state = await consumeRateLimit(redis, `rl:${this.service}:${scope}:${caller}`, windowSeconds);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'rate limit store unavailable, request let through');
      return true;
    }
    void reply.header('RateLimit-Limit', String(limit));
    void reply.header('RateLimit-Remaining', String(Math.max(0, limit - state.count)));
    void reply.header('RateLimit-Reset', String(state.resetSeconds));
    if (state.count > limit) {
      throw new ProblemException(
        {
          type: 'urn:exchange:problem:rate-limited',
          title: 'Too Many Requests',
          status: 429,
          detail: `At most ${limit} requests per ${windowSeconds} s; retry after ${state.resetSeconds} s`,
        },
        { 'Retry-After': String(state.resetSeconds) },
      );
    }
    return true;
  }
}
