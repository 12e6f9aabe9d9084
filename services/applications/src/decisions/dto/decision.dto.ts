import { IsNotBlank, IsOmittable, PG_INT_MAX } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { APPLICATION_STATES } from '@exchange/data';

export const DECISION_OUTCOMES = ['accept', 'reject', 'waitlist'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export class DecideDto {
  @ApiProperty({ enum: DECISION_OUTCOMES }) @IsIn(DECISION_OUTCOMES) outcome: DecisionOutcome;
  @ApiProperty({ example: 'Strong fit with the host hospitals; top 3 of the round' }) @IsString() @IsNotBlank() @MaxLength(5000) reason: string;
  @ApiPropertyOptional({ description: 'The version you decided on; if another manager decided first, 409' }) @IsOmittable() @IsInt() @Min(1) @Max(PG_INT_MAX) version?: number;
}

export class RankingQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATES, isArray: true, description: 'Default: submitted, under review and decided (not drafts or withdrawn)' })
  @IsOmittable()
  @IsIn(APPLICATION_STATES)
  state?: (typeof APPLICATION_STATES)[number];
  @ApiPropertyOptional({ default: 1000, maximum: 10000 }) @IsOmittable() @Type(() => Number) @IsInt() @Min(1) @Max(10000) limit?: number;
}

export class RankingEntry {
  @ApiProperty() rank: number;
  @ApiProperty() applicationId: string;
  @ApiProperty() startupId: string;
  @ApiProperty() startupName: string;
  @ApiProperty() startupNameLatin: string;
  @ApiProperty() country: string;
  @ApiProperty({ enum: APPLICATION_STATES }) state: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The ranking score: normalised when the programme normalises' }) score: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The mean of the weighted review scores before normalisation' }) rawScore: number | null;
  @ApiProperty() reviewsCompleted: number;
  @ApiProperty() reviewsRequired: number;
  @ApiProperty() fastTrack: boolean;
  @ApiProperty() version: number;
}

export class RankingResponse {
  @ApiProperty() programmeId: string;
  @ApiProperty({ description: 'none: mean of weighted scores; z_score: mean of per-reviewer standardised scores' }) normalisation: string;
  @ApiProperty({ type: [RankingEntry] }) items: RankingEntry[];
}
