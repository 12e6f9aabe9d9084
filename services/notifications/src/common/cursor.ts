/**
 * Opaque keyset cursors: `(created_at, id)` of the last item, base64url JSON. The time is kept as
 * PostgreSQL printed it (microseconds), so no row is skipped or repeated within a millisecond.
 */
export interface Cursor {
  t: string;
  id: string;
}

const PG_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** `createdAtText` is `created_at::text` of the row. */
export function encodeCursor(createdAtText: string, id: string): string {
  return Buffer.from(JSON.stringify({ t: createdAtText, id })).toString('base64url');
}

/** The decoded cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.t !== 'string' || !PG_TIME.test(value.t) || typeof value.id !== 'string') return null;
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value.id)) return null;
    return { t: value.t, id: value.id };
  } catch {
    return null;
  }
}
