import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsOmittable } from '../validation/field-rules';

export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 100;
/** Lists that have always accepted pages of up to 200 (applications, notifications) keep doing so. */
export const WIDE_MAX_PAGE_LIMIT = 200;
export const MAX_CURSOR_LENGTH = 512;

/** `?cursor=&limit=` with the given largest page: the one definition behind both query DTOs. */
function pageQuery(maxLimit: number) {
  class PageQuery {
    @ApiPropertyOptional({ description: 'The nextCursor of the previous page', maxLength: MAX_CURSOR_LENGTH })
    @IsOmittable()
    @IsString()
    @MaxLength(MAX_CURSOR_LENGTH)
    cursor?: string;

    @ApiPropertyOptional({ description: `Items per page (1–${maxLimit})`, minimum: 1, maximum: maxLimit })
    @IsOmittable()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(maxLimit)
    limit?: number;
  }
  return PageQuery;
}

/** Query parameters of every list (pages of 1–100): extend it with the list's filters. */
export class PageQueryDto extends pageQuery(MAX_PAGE_LIMIT) {}

/** The same, for the lists whose pages go up to 200. */
export class WidePageQueryDto extends pageQuery(WIDE_MAX_PAGE_LIMIT) {}
