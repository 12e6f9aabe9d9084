import { ProblemException, httpProblem } from '@exchange/platform';

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

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorPosition>;
    if (typeof value.at === 'string' && typeof value.id === 'string' && !Number.isNaN(Date.parse(value.at))) return { at: value.at, id: value.id };
  } catch {
    // fall through
  }
  throw new ProblemException(httpProblem(400, 'The cursor is not one this API returned'));
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
