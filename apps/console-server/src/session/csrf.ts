import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether the token a request carries is the session's, compared in constant time. Both sides are
 * hashed first, so tokens of any length compare without telling the length through timing.
 */
export function csrfTokenMatches(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string' || presented.length === 0) return false;
  const digest = (token: string) => createHash('sha256').update(token).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

export const CSRF_HEADER = 'x-csrf-token';

/** Methods that change nothing: the only ones that need no CSRF token. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);
