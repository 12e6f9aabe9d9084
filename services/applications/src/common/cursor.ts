import { cursorPayload, invalidCursor, isCursorId, isCursorTimestamp } from '@exchange/platform';

/**
 * Keyset position in a list ordered by (created_at truncated to milliseconds, id): opaque to clients.
 * Timestamps carry microseconds but JSON dates only milliseconds, so lists order and compare on the
 * truncated value; otherwise a row could repeat on the next page.
 */
export interface CursorPosition {
  at: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position, null without a cursor; 400 naming `cursor` for one this API did not make. */
export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  const value = cursorPayload(cursor) as Partial<Record<keyof CursorPosition, unknown>> | null | undefined;
  if (value && typeof value === 'object' && isCursorTimestamp(value.at) && isCursorId(value.id)) return { at: value.at, id: value.id };
  throw invalidCursor();
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Turns limit+1 fetched rows into a page and the cursor of the next one. */
export function pageOf<T>(rows: T[], limit: number, positionOf: (row: T) => CursorPosition): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
