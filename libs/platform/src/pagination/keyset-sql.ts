import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CREATED_AT_ID, decodeCursor, type KeyKind, type Keyset, type KeysetSchema } from './cursor';
import { DEFAULT_PAGE_LIMIT } from './page-query.dto';
import { pageOf, type Page } from './page';

const SQL_TYPE: Record<KeyKind, string> = { timestamp: 'timestamptz', uuid: 'uuid', positiveInt: 'int', text: 'text' };

/**
 * For raw SQL: appends the keyset values to `params` and returns the row comparison that starts the
 * page after them (`true` on the first page). `columns` are the ORDER BY columns, in schema order.
 */
export function keysetCondition<S extends KeysetSchema>(
  schema: S,
  columns: readonly string[],
  after: Keyset<S> | null,
  params: unknown[],
  direction: 'ASC' | 'DESC',
): string {
  if (!after) return 'true';
  const placeholders = schema.map((kind, i) => {
    params.push(after[i]);
    return `$${params.length}::${SQL_TYPE[kind]}`;
  });
  return `(${columns.join(', ')}) ${direction === 'DESC' ? '<' : '>'} (${placeholders.join(', ')})`;
}

/**
 * For TypeORM query builders: runs a keyset-paginated query over an entity with `createdAt` and `id`
 * and returns the page. The cursor carries the timestamp at PostgreSQL's microsecond precision (a JS
 * Date would round it and repeat or skip rows). Oldest first by default; `newestFirst` reverses. Add
 * filters to `qb` first.
 */
export async function fetchPage<T extends ObjectLiteral & { id: string }, Item = T>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: { cursor?: string; limit?: number },
  map: (row: T) => Item,
  opts: { newestFirst?: boolean; createdAtColumn?: string } = {},
): Promise<Page<Item>> {
  const column = `${alias}.${opts.createdAtColumn ?? 'createdAt'}`;
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const after = decodeCursor(CREATED_AT_ID, query.cursor);
  const direction = opts.newestFirst ? 'DESC' : 'ASC';
  if (after) {
    qb.andWhere(`(${column}, ${alias}.id) ${opts.newestFirst ? '<' : '>'} (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))`, {
      cursorAt: after[0],
      cursorId: after[1],
    });
  }
  const { entities, raw } = await qb
    .addSelect(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'page_cursor_at')
    .orderBy(column, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1)
    .getRawAndEntities<{ page_cursor_at: string }>();
  const cursorAt = new Map(entities.map((row, i) => [row, raw[i].page_cursor_at]));
  return pageOf(CREATED_AT_ID, entities, limit, (row) => [cursorAt.get(row)!, row.id], map);
}
