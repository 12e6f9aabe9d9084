import { type CanActivate, type ExecutionContext, Inject, Injectable, Optional } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import type { Role } from '@exchange/data';
import type { BaseConfig } from '../config/base-config';
import { SERVICE_CONFIG, SERVICE_NAME } from '../config/config.tokens';
import { platformProblem, type ProblemException } from '../errors/problem';
import { problemText } from '../errors/problem-messages';
import { REDIS_CLIENT } from '../redis/redis.module';
import { DEVELOPMENT_AUTH_CACHE_SECRET } from '../config/base-config';
import { getLogger } from '../logging/logger';
import { failedAuthCounter, recordFailedAuth } from '../rate-limit/failed-auth-limit';
import {
  RATE_LIMIT_COUNT_REQUEST_KEY,
  RATE_LIMIT_METADATA,
  rateLimitCounter,
  type RateLimitCount,
  type RateLimitCounter,
  rateLimitExceeded,
  type RateLimitOptions,
} from '../rate-limit/rate-limit.guard';
import { bearerTokenOf, hashApiKey } from './api-key';
import { ApiKeyStore, DEFAULT_KEY_CACHE_TTL_SECONDS } from './api-key-store';
import { authFailuresTotal } from './auth-metrics';
import { PRINCIPAL_REQUEST_KEY, PUBLIC_METADATA, ROLES_METADATA } from './auth.decorators';

const WWW_AUTHENTICATE = 'Bearer realm="startup-exchange"';

/** Why a request did not authenticate: no key, a header that is not "Bearer <key>", or a key that is not (or no longer) valid. */
export type Unauthenticated = 'AUTH.KEY_MISSING' | 'AUTH.KEY_MALFORMED' | 'AUTH.KEY_INVALID';

export function unauthorized(code: Unauthenticated): ProblemException {
  const invalidToken = code !== 'AUTH.KEY_MISSING';
  return platformProblem(401, 'urn:exchange:problem:unauthorized', problemText(code), {
    headers: { 'WWW-Authenticate': invalidToken ? `${WWW_AUTHENTICATE}, error="invalid_token"` : WWW_AUTHENTICATE },
  });
}

export function forbidden(role: Role, allowed: Role[]): ProblemException {
  const text = allowed.length ? problemText('AUTH.ROLE_NOT_ALLOWED', { role, allowed }) : problemText('AUTH.NO_ROLE_ALLOWED');
  return platformProblem(403, 'urn:exchange:problem:forbidden', text);
}

/**
 * The global guard of every service (APP_GUARD): routes marked @Public() are open; every other route
 * needs `Authorization: Bearer <api key>` (401) of a role listed in its @Auth(...) (403). A route
 * with neither decorator is closed to everyone (fail closed), and the route-access test flags it.
 * A presented key that does not authenticate counts against the client address (AUTH_FAILURES_*):
 * once used up, the address gets 429 with any key until the window ends, and nothing is looked up.
 * The database and Redis are looked up lazily so services and tests without them still boot.
 */
@Injectable()
export class ApiKeyAuthGuard implements CanActivate {
  private readonly store: ApiKeyStore;
  private readonly logger = getLogger({ component: 'auth' });

  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    @Optional() @Inject(SERVICE_CONFIG) private readonly config?: BaseConfig,
    @Optional() @Inject(SERVICE_NAME) private readonly service?: string,
  ) {
    this.store = new ApiKeyStore(
      () => this.resolve<DataSource>(DataSource, 'DataSource'),
      () => this.tryResolve<Redis>(REDIS_CLIENT),
      config?.AUTH_CACHE_SECRET ?? DEVELOPMENT_AUTH_CACHE_SECRET,
      config?.AUTH_CACHE_TTL_SECONDS ?? DEFAULT_KEY_CACHE_TTL_SECONDS,
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_METADATA, targets)) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & Record<string, unknown>>();
    const header = request.headers.authorization;
    if (header === undefined) throw unauthorized('AUTH.KEY_MISSING');
    // request.ip is the socket's peer, or what a trusted proxy (TRUSTED_PROXIES) says it forwarded.
    const failures = this.config ? failedAuthCounter(request.ip, this.config) : undefined;
    const key = bearerTokenOf(header);
    if (!key) throw await this.failed(failures, unauthorized('AUTH.KEY_MALFORMED'));
    // The rate limit counter goes along with the key cache read (one Redis round trip instead of two),
    // counted per key hash: only the key's holder can use up its limit. RateLimitGuard enforces it.
    const own = this.reflector.getAllAndOverride<RateLimitOptions | undefined>(RATE_LIMIT_METADATA, targets);
    const counter = this.config && this.service ? rateLimitCounter(request, own, this.config, this.service, { authenticated: true, id: `key:${hashApiKey(key)}` }) : null;
    const verification = await this.store.verifyCounting(key, {
      counter: counter ? { redisKey: counter.redisKey, ttlSeconds: counter.windowSeconds + 1 } : undefined,
      failures,
    });
    if (verification.lockedOut && failures) {
      authFailuresTotal.inc({ outcome: 'limited' });
      throw rateLimitExceeded(failures, 'RATE_LIMIT.FAILED_AUTHENTICATIONS');
    }
    const { principal, count } = verification;
    if (counter && count !== undefined) request[RATE_LIMIT_COUNT_REQUEST_KEY] = { ...counter, count } satisfies RateLimitCount;
    if (!principal) throw await this.failed(failures, unauthorized('AUTH.KEY_INVALID'));
    request[PRINCIPAL_REQUEST_KEY] = principal;

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets) ?? [];
    if (!allowed.includes(principal.role)) throw forbidden(principal.role, allowed);
    return true;
  }

  /**
   * Counts a failed authentication of the caller's address and answers the 401, or the 429 once this
   * failure went over the limit. Without Redis nothing is counted (availability over strictness).
   */
  private async failed(failures: RateLimitCounter | undefined, refusal: ProblemException): Promise<ProblemException> {
    const redis = failures ? this.tryResolve<Redis>(REDIS_CLIENT) : undefined;
    if (!failures || !redis) {
      authFailuresTotal.inc({ outcome: 'refused' });
      return refusal;
    }
    try {
      const count = await recordFailedAuth(redis, failures);
      authFailuresTotal.inc({ outcome: count > failures.limit ? 'limited' : 'refused' });
      return count > failures.limit ? rateLimitExceeded(failures, 'RATE_LIMIT.FAILED_AUTHENTICATIONS') : refusal;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'failed-authentication counter unavailable, not counted');
      authFailuresTotal.inc({ outcome: 'refused' });
      return refusal;
    }
  }

  private tryResolve<T>(token: unknown): T | undefined {
    try {
      return this.moduleRef.get<T>(token as never, { strict: false });
    } catch {
      return undefined;
    }
  }

  private resolve<T>(token: unknown, name: string): T {
    const found = this.tryResolve<T>(token);
    if (!found) throw new Error(`Routes with @Auth need ${name}: import DatabaseModule.forRoot() in the service module`);
    return found;
  }
}
