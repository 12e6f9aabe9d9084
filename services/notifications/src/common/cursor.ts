/** Opaque keyset cursors: `(created_at, id)` of the last item, base64url JSON. */
export interface Cursor {
  t: string;
  id: string;
}

export function encodeCursor(createdAt: Date | string, id: string): string {
  return Buffer.from(JSON.stringify({ t: new Date(createdAt).toISOString(), id })).toString('base64url');
}

/** The decoded cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.t !== 'string' || Number.isNaN(Date.parse(value.t)) || typeof value.id !== 'string') return null;
    if (!/^[0-9a-f-]{36}$/i.test(value.id)) return null;
    return { t: value.t, id: value.id };
  } catch {
    return null;
  }
}
