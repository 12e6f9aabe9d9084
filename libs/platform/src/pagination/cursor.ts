import { ValidationProblemException } from '../errors/problem';
import { PG_INT_MAX } from '../validation/field-rules';
import { unsafeTextReason } from '../validation/unsafe-text';

/**
 * The one cursor codec of every list. A list declares the columns it orders by as a tuple of value
 * kinds (its keyset schema); the cursor is that tuple of the last item, as base64url JSON, opaque to
 * clients. Decoding checks every value against its kind before it reaches SQL, and anything else a
 * client sends gets one answer: 400 naming `cursor`.
 *
 * Cursors made before this codec (objects such as `{ at, id }`) are refused with that 400: a client
 * holding one restarts from the first page; keyset order and page contents are unchanged.
 */
export type KeyKind = 'timestamp' | 'uuid' | 'positiveInt' | 'text';

/** A keyset schema: the kinds of the ordering columns, in order. */
export type KeysetSchema = readonly KeyKind[];

type ValueOfKind<K extends KeyKind> = K extends 'positiveInt' ? number : string;

/** The typed values of a schema, e.g. `['timestamp', 'uuid']` → `readonly [string, string]`. */
export type Keyset<S extends KeysetSchema> = { readonly [I in keyof S]: S[I] extends KeyKind ? ValueOfKind<S[I]> : never };

/** Most lists: (created_at, id). */
export const CREATED_AT_ID = ['timestamp', 'uuid'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A UTC timestamp as lists print it: four-digit year, up to microseconds, `Z` or an offset. */
const CURSOR_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
/** Longest text key (a cohort's group key is at most 200 characters). */
const MAX_TEXT_KEY = 200;

export function isCursorId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Whether a cursor's timestamp is one a list could have printed: a real calendar date and time of a
 * year from 1970 to 9999 (`99999-01-01` or `2026-02-31` would reach PostgreSQL and fail there).
 */
export function isCursorTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CURSOR_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1970 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

const VALID: Record<KeyKind, (value: unknown) => boolean> = {
  timestamp: isCursorTimestamp,
  uuid: isCursorId,
  positiveInt: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= PG_INT_MAX,
  text: (v) => typeof v === 'string' && v.length <= MAX_TEXT_KEY && unsafeTextReason(v) === null,
};

/** The one answer to a cursor no list made: 400 naming `cursor`. */
export function invalidCursor(): ValidationProblemException {
  return new ValidationProblemException([{ field: 'cursor', code: 'invalidCursor', message: 'cursor must be the nextCursor of a previous page' }]);
}

export function encodeCursor<S extends KeysetSchema>(_schema: S, values: Keyset<S>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

function payloadOf(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The keyset values of `cursor`, null without one; 400 naming `cursor` for one this schema did not make. */
export function decodeCursor<S extends KeysetSchema>(schema: S, cursor: string | undefined): Keyset<S> | null {
  if (cursor === undefined || cursor === '') return null;
  const values = payloadOf(cursor);
  if (Array.isArray(values) && values.length === schema.length && schema.every((kind, i) => VALID[kind](values[i]))) return values as unknown as Keyset<S>;
  throw invalidCursor();
}
