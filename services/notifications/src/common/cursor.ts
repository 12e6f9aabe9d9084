import { cursorPayload, invalidCursor, isCursorId, isCursorTimestamp } from '@exchange/platform';

/**
 * Opaque keyset cursors: `(created_at, id)` of the last item, base64url JSON. The time is kept as
 * PostgreSQL printed it (microseconds), so no row is skipped or repeated within a millisecond.
 */
export interface Cursor {
  t: string;
  id: string;
}

/** `createdAtText` is `created_at::text` of the row. */
export function encodeCursor(createdAtText: string, id: string): string {
  return Buffer.from(JSON.stringify({ t: createdAtText, id })).toString('base64url');
}

/** The decoded cursor; 400 naming `cursor` when it is not one of ours (checked before it reaches SQL). */
export function decodeCursor(cursor: string): Cursor {
  const value = cursorPayload(cursor) as Partial<Record<keyof Cursor, unknown>> | null | undefined;
  if (value && typeof value === 'object' && isCursorTimestamp(value.t) && isCursorId(value.id)) return { t: value.t, id: value.id };
  throw invalidCursor();
}
