/** One page of a list, as every list route answers it. */
export interface CursorPage<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null (or absent) on the last page. */
  nextCursor?: string | null;
}

/**
 * Every item of a cursor-paginated list, page after page, fetched only as the loop asks for them:
 *
 *   for await (const app of eachItem((cursor) => sdk.applications.get('/v1/applications', { params: { query: { cursor } } }))) …
 */
export async function* eachItem<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): AsyncGenerator<T> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}

/** Every item of a cursor-paginated list, in one array (for lists known to be small). */
export async function allItems<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of eachItem(fetchPage)) items.push(item);
  return items;
}
