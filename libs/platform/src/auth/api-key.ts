import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key format: `sx_live_<base64url of 32 random bytes>` (51 characters). The first 16 characters
 * are the key's `prefix`: stored in clear, unique, shown in listings and used to find the row. The
 * whole key is stored only as the hex SHA-256 `hash` (a 256-bit random secret needs no slow hash).
 */
export const API_KEY_SCHEME = 'sx_live_';
export const API_KEY_PREFIX_LENGTH = 16;
const API_KEY_PATTERN = /^sx_live_[A-Za-z0-9_-]{43}$/;

export interface GeneratedApiKey {
  /** The secret: shown once to its owner, never stored. */
  key: string;
  prefix: string;
  hash: string;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_SCHEME}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: apiKeyPrefixOf(key), hash: hashApiKey(key) };
}

export function apiKeyPrefixOf(key: string): string {
  return key.slice(0, API_KEY_PREFIX_LENGTH);
}

/** Cheap shape check before any lookup, so junk never reaches Redis or PostgreSQL. */
export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}

/** Constant-time comparison of two hex hashes. */
export function hashesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearerTokenOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
