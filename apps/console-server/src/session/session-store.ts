import { createHash, randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { z } from 'zod';
import { principalSchema, type Principal } from './principal';

/** What Redis holds for a session. The API key lives here only, never in the browser. */
const storedSessionSchema = z.object({
  apiKey: z.string().min(1),
  principal: principalSchema,
  csrfToken: z.string().min(1),
  createdAt: z.string(),
});

export interface Session {
  /** The cookie's value: the only handle on the session, known to the browser alone. */
  id: string;
  apiKey: string;
  principal: Principal;
  csrfToken: string;
  createdAt: string;
  /** When the session ends unless it is used again. */
  expiresAt: string;
}

/** 32 random bytes, base64url: a cookie id or a CSRF token. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What randomToken makes (43 characters): anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Sessions in Redis under the SHA-256 of the cookie id, so a copy of Redis yields no cookie that
 * works. Each session lives `ttlSeconds` after its last use.
 */
export class SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly ttlSeconds: number,
  ) {}

  static redisKey(id: string): string {
    return `console:session:${createHash('sha256').update(id).digest('hex')}`;
  }

  async create(apiKey: string, principal: Principal): Promise<Session> {
    const id = randomToken();
    const stored = { apiKey, principal, csrfToken: randomToken(), createdAt: new Date().toISOString() };
    await this.redis.set(SessionStore.redisKey(id), JSON.stringify(stored), 'EX', this.ttlSeconds);
    return { id, ...stored, expiresAt: this.expiresAt() };
  }

  /** The session of a cookie id, its lifetime renewed; null when there is none (or it is unreadable). */
  async use(id: string | undefined): Promise<Session | null> {
    if (id === undefined || !TOKEN_SHAPE.test(id)) return null;
    const key = SessionStore.redisKey(id);
    const raw = await this.redis.getex(key, 'EX', this.ttlSeconds);
    if (raw === null) return null;
    const parsed = storedSessionSchema.safeParse(safeJson(raw));
    if (!parsed.success) {
      await this.redis.del(key);
      return null;
    }
    return { id, ...parsed.data, expiresAt: this.expiresAt() };
  }

  async delete(id: string): Promise<void> {
    await this.redis.del(SessionStore.redisKey(id));
  }

  private expiresAt(): string {
    return new Date(Date.now() + this.ttlSeconds * 1000).toISOString();
  }
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
