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
 * Applies the keyset condition, order and limit (+1, to know whether there is a next page) to a
 * query over an entity with `createdAt` and `id`. Oldest first by default; `newestFirst` reverses.
 */
export function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  query: PageQueryDto,
  opts: { newestFirst?: boolean; createdAtColumn?: string } = {},
): SelectQueryBuilder<T> {
  const column = opts.createdAtColumn ?? 'createdAt';
  const position = decodeCursor(query.cursor);
  const direction = opts.newestFirst ? 'DESC' : 'ASC';
  if (position) {
    qb.andWhere(`(${alias}.${column}, ${alias}.id) ${opts.newestFirst ? '<' : '>'} (:cursorAt, :cursorId)`, {
      cursorAt: position.createdAt,
      cursorId: position.id,
    });
  }
  return qb
    .orderBy(`${alias}.${column}`, direction)
    .addOrderBy(`${alias}.id`, direction)
    .take((query.limit ?? DEFAULT_PAGE_LIMIT) + 1);
}

/** Turns the limit+1 rows `paginate` fetched into a page. */
export function toPage<Row extends { id: string; createdAt: Date }, Item = Row>(rows: Row[], query: PageQueryDto, map?: (row: Row) => Item): Page<Item> {
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map((row) => (map ? map(row) : (row as unknown as Item))),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  };
}
