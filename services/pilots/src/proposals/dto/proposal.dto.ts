import { IsNotBlank, IsOmittable, IsUuid, NestedObject, NestedObjectArray, PG_INT_MAX, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { MATCH_PROPOSAL_STATES, type MatchProposalState } from '@exchange/data';
import { MEASURE_LIMIT } from '../../pilots/dto/pilot.dto';

export class ScoreComponentDto {
  @ApiProperty({ example: 'field_overlap', enum: ['field_overlap', 'readiness_fit', 'language_overlap', 'capacity_dates', 'city_needs', 'open_call_answer'] })
  key: string;
  @ApiProperty({ example: 0.35 }) weight: number;
  @ApiProperty({ example: 1, description: '0..1' }) value: number;
  @ApiProperty({ example: "Shares 2 of the site's 2 technology fields (ai, medtech)." }) reason: string;
}

export class LocalisedReasonDto {
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'FIELDS_SHARED',
    description: 'The stable machine code of the reason (the same in every language); null on proposals made before reasons had codes, whose text is English.',
  })
  code: string | null;
  @ApiProperty({ example: '현장의 기술 분야 2개 중 2개가 일치합니다 (ai, medtech).' }) message: string;
}

export class MatchProposalDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ format: 'uuid' }) hostOrganisationId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty() startupName: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ example: 0.87 }) score: number;
  @ApiProperty({ type: [ScoreComponentDto] }) components: ScoreComponentDto[];
  @ApiProperty({ type: [String], description: 'The components’ reasons, in plain words (English).' }) reasons: string[];
  @ApiProperty({
    type: [LocalisedReasonDto],
    description:
      'The same reasons in the reader’s language (Accept-Language, else the caller’s preferred language, else English), each with its code, in the order of `reasons`.',
  })
  localisedReasons: LocalisedReasonDto[];
  @ApiProperty({ enum: MATCH_PROPOSAL_STATES }) state: MatchProposalState;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The pilot, once approved.' }) pilotId: string | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MatchProposalPageDto {
  @ApiProperty({ type: [MatchProposalDto] }) items: MatchProposalDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ListProposalsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MATCH_PROPOSAL_STATES })
  @IsOmittable()
  @IsIn(MATCH_PROPOSAL_STATES)
  state?: MatchProposalState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  startupId?: string;
}

export class SuccessCriterionDto {
  @ApiProperty({ example: 'triage_time_reduction', description: 'Unique within the pilot; the report measures it by this name.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  name: string;

  @ApiProperty({ example: 'percent' })
  @IsString()
  @IsNotBlank()
  @MaxLength(50)
  unit: string;

  @ApiProperty({ example: 20, description: 'The target value the pilot must reach.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MEASURE_LIMIT)
  @Max(MEASURE_LIMIT)
  target: number;

  @ApiPropertyOptional({ example: 'Median triage time at night drops by 20%.' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  description?: string;
}

export class HostOwnerDto {
  @ApiProperty({ example: 'Anna Petrova', description: 'Who decides on adoption at the host.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ example: 'a.petrova@hospital.example' })
  @IsOmittable()
  @IsEmail() @MaxLength(320)
  email?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Their principal, if they have one.' })
  @IsOmittable()
  @IsUuid()
  principalId?: string;
}

export class ApproveProposalDto {
  @ApiProperty({ type: [SuccessCriterionDto], description: 'Measurable goals with target values; at least one.' })
  @NestedObjectArray(() => SuccessCriterionDto, 20, { minSize: 1 })
  successCriteria: SuccessCriterionDto[];

  @ApiProperty({ minimum: 1, maximum: 730, example: 60 })
  @IsInt()
  @Min(1)
  @Max(730)
  durationDays: number;

  @ApiProperty({ type: HostOwnerDto })
  @NestedObject(() => HostOwnerDto)
  hostOwner: HostOwnerDto;

  @ApiPropertyOptional({ example: 'Strong fit with the night-shift triage problem.' })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale version answers 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version?: number;
}

export class DeclineProposalDto {
  @ApiProperty({ example: 'The site needs a Russian-speaking team.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason: string;

  @ApiPropertyOptional({ description: 'The version you read; a stale version answers 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version?: number;
}
