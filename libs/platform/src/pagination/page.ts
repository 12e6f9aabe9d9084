import { encodeCursor, type Keyset, type KeysetSchema } from './cursor';

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** Turns `limit + 1` fetched rows into a page and the cursor of the next one (the last item's keyset). */
export function pageOf<S extends KeysetSchema, Row, Item = Row>(
  schema: S,
  rows: Row[],
  limit: number,
  keysetOf: (row: Row) => Keyset<S>,
  map: (row: Row) => Item = (row) => row as unknown as Item,
): Page<Item> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items: items.map(map), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(schema, keysetOf(last)) : null };
}
