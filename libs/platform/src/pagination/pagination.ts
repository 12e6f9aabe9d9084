import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ValidationProblemException } from '../errors/problem';
import { IsOmittable } from '../validation/field-rules';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;

/** Query parameters of every list: extend it with the list's filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: `Items per page (1–${MAX_PAGE_LIMIT})`, default: DEFAULT_PAGE_LIMIT, minimum: 1, maximum: MAX_PAGE_LIMIT })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOmittable()
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
/** A UTC timestamp as cursors carry it: four-digit year, up to microseconds, `Z` or an offset. */
const CURSOR_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;

export function isCursorId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Whether a cursor's timestamp is one a list could have printed: a real calendar date and time of a
 * year from 1970 to 9999 (`99999-01-01` or `2026-02-31` would reach PostgreSQL and fail there).
 */
export function isCursorTimestamp(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = CURSOR_TIME.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1970 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** The JSON inside a cursor, or undefined when it is not base64url JSON. */
export function cursorPayload(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The one answer to a cursor a list did not make: 400 naming `cursor`. */
export function invalidCursor(): ValidationProblemException {
  return new ValidationProblemException([{ field: 'cursor', message: 'cursor must be the nextCursor of a previous page' }]);
}

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (cursor === undefined || cursor === '') return null;
  const value = cursorPayload(cursor);
  if (Array.isArray(value) && value.length === 2 && isCursorTimestamp(value[0]) && isCursorId(value[1])) return { createdAt: value[0], id: value[1] };
  throw invalidCursor();
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
