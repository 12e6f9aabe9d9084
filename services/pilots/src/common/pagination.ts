import { cursorPayload, invalidCursor, isCursorId, isCursorTimestamp, IsOmittable } from '@exchange/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?cursor=&limit=` of every list: keyset pagination on (created_at, id), newest first. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page.' })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export interface Cursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(row: { created_at: Date | string; id: string }): string {
  const createdAt = row.created_at instanceof Date ? row.created_at.toISOString() : row.created_at;
  return Buffer.from(JSON.stringify({ createdAt, id: row.id })).toString('base64url');
}

/** An unreadable cursor is refused (400): treating it as "from the start" would hide a client's bug. */
export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  const value = cursorPayload(cursor) as Partial<Record<keyof Cursor, unknown>> | null | undefined;
  if (value && typeof value === 'object' && isCursorTimestamp(value.createdAt) && isCursorId(value.id)) return { createdAt: value.createdAt, id: value.id };
  throw invalidCursor();
}

/** Appends `(created_at, id) < cursor` for `alias` and returns the condition. */
export function cursorCondition(cursor: Cursor | null, params: unknown[], alias: string): string {
  if (!cursor) return 'true';
  params.push(cursor.createdAt, cursor.id);
  return `(${alias}.created_at, ${alias}.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
}

export function page<T>(rows: Array<T & { created_at: Date; id: string }>, limit: number, map: (row: T & { created_at: Date; id: string }) => unknown) {
  const items = rows.slice(0, limit);
  return {
    items: items.map(map),
    nextCursor: rows.length > limit ? encodeCursor(items[items.length - 1]) : null,
  };
}
