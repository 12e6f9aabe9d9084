import { IsOmittable } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNumber, Max, Min } from 'class-validator';
import { TIE_BREAK_ORDER } from '../../selection/ranking';

export const GROUP_BY = ['country', 'technology_field', 'pitch_session', 'none'] as const;

export class SelectionRuleDto {
  @ApiProperty({
    enum: GROUP_BY,
    description: 'How candidates are grouped for the per-group quota: country, primary (first-listed) technology field, pitch session group, or none',
  })
  @IsIn(GROUP_BY)
  groupBy: (typeof GROUP_BY)[number];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10_000, description: 'Places offered per group, e.g. 3 for the best three of each group; no quota when absent' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(10_000)
  perGroup?: number;

  @ApiPropertyOptional({ minimum: -1000, maximum: 1000, description: 'Candidates whose effective score is below this are neither offered nor waitlisted' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1000)
  @Max(1000)
  minScore?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1000, description: 'Added to the score of a candidate with a successful pilot (0 or absent: no bonus)' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1000)
  successfulPilotBonus?: number;
}

export class SelectionRuleViewDto extends SelectionRuleDto {
  @ApiProperty({
    type: [String],
    example: [...TIE_BREAK_ORDER],
    description:
      'The ranking order within a group (fixed): effective score (score, 0 when missing, plus the pilot bonus) highest first; ' +
      'a successful pilot first; earlier acceptance first (unknown last); startup id ascending.',
  })
  tieBreak: string[];
}
