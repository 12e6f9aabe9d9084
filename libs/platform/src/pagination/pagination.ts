import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ProblemException } from '../errors/problem';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** Query parameters of every list: extend it with the list's filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: `Items per page (1–${MAX_PAGE_LIMIT})`, default: DEFAULT_PAGE_LIMIT, minimum: 1, maximum: MAX_PAGE_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** Keyset position in a list ordered by (created_at, id). Opaque to clients. */
export interface CursorPosition {
  createdAt: string;
  id: string;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id]), 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string' && !Number.isNaN(Date.parse(value[0])) && UUID.test(value[1])) {
      return { createdAt: value[0], id: value[1] };
    }
  } catch {
    // not ours: answered below
  }
  throw new ProblemException({
    type: 'urn:exchange:problem:validation',
    title: 'Invalid request',
    status: 400,
    detail: 'cursor is not one this API returned',
    errors: [{ field: 'cursor', message: 'cursor must be the nextCursor of a previous page' }],
  });
}

/**
 * Runs a keyset-paginated query over an entity with `createdAt` and `id` and returns the page. The
 * cursor carries the timestamp at PostgreSQL's microsecond precision (a JS Date would round it and
 * repeat or skip rows). Oldest first by default; `newestFirst` reverses. Add filters to `qb` first.
 */
export async function fetchPage<T extends ObjectLiteral & { id: string }, Item = T>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: PageQueryDto,
  map: (row: T) => Item,
  opts: { newestFirst?: boolean; createdAtColumn?: string } = {},
): Promise<Page<Item>> {
  const column = `${alias}.${opts.createdAtColumn ?? 'createdAt'}`;
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const position = decodeCursor(query.cursor);
  const direction = opts.newestFirst ? 'DESC' : 'ASC';
  if (position) {
    qb.andWhere(`(${column}, ${alias}.id) ${opts.newestFirst ? '<' : '>'} (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))`, {
      cursorAt: position.createdAt,
      cursorId: position.id,
    });
  }
  const { entities, raw } = await qb
    .addSelect(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'page_cursor_at')
    .orderBy(column, direction)
    .addOrderBy(`${alias}.id`, direction)
    .limit(limit + 1)
    .getRawAndEntities<{ page_cursor_at: string }>();
  const items = entities.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items: items.map(map),
    nextCursor: entities.length > limit && last ? encodeCursor({ createdAt: raw[items.length - 1].page_cursor_at, id: last.id }) : null,
  };
}
