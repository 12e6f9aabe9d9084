import { EVENT_TYPES } from '@exchange/contracts';
import { likeLiteral } from '@exchange/data';

/** The type of the event `POST /webhook-endpoints/:id/test` sends; every endpoint receives it. */
export const TEST_EVENT_TYPE = 'webhook.test';

const PATTERN = /^(\*|[a-z][a-z_]*(\.([a-z][a-z_]*|\*))*(\.\*)?)$/;

/** `*` matches any run of characters: `pilot.*`, `*`, `application.accepted`. */
export function eventTypeMatches(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === type) return true;
  if (!pattern.includes('*')) return false;
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(type);
}

export function matchesAny(patterns: readonly string[], type: string): boolean {
  return type === TEST_EVENT_TYPE || patterns.some((p) => eventTypeMatches(p, type));
}

/** Why a pattern is unusable (bad syntax, or matching no event type that exists), or null. */
export function patternProblem(pattern: string): string | null {
  if (!PATTERN.test(pattern)) return `"${pattern}" is not an event type or a pattern such as pilot.* or *`;
  if (!EVENT_TYPES.some((type) => eventTypeMatches(pattern, type))) return `"${pattern}" matches no event type`;
  return null;
}

/** The same patterns as SQL LIKE patterns (for replays over stored events). */
export function toLikePatterns(patterns: readonly string[]): string[] {
  return patterns.map((p) => likeLiteral(p).replace(/\*/g, '%'));
}
