import { cursorPayload, invalidCursor, isCursorId, isCursorTimestamp, IsOmittable, PG_INT_MAX, unsafeTextReason } from '@exchange/platform';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';

/** `?limit=&cursor=`: keyset pagination; the cursor is opaque to clients. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOmittable()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export function encodeCursor(values: (string | number)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * What each position of a cursor holds, by the number of positions (the lists of this service each
 * use one shape): startup id; created-at and id; group key, rank and id.
 */
const CURSOR_SHAPES: Record<number, Array<(value: unknown) => boolean>> = {
  1: [isCursorId],
  2: [isCursorTimestamp, isCursorId],
  3: [(v) => typeof v === 'string' && v.length <= 200 && unsafeTextReason(v) === null, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= PG_INT_MAX, isCursorId],
};

/**
 * Decodes a cursor made by encodeCursor: null without one. A cursor of the wrong shape (`[1,2,3]`, a
 * date in year 99999) is refused here with 400 naming `cursor`, before it reaches SQL.
 */
export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  const values = cursorPayload(cursor);
  const shape = CURSOR_SHAPES[arity];
  if (shape && Array.isArray(values) && values.length === arity && shape.every((valid, i) => valid(values[i]))) return values as (string | number)[];
  throw invalidCursor();
}
