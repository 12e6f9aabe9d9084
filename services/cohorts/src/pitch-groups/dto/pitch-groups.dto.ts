import { IsNotBlank, IsOmittable, IsUuid, NestedObjectArray, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, ValidateIf } from 'class-validator';
import { VersionDto } from '../../cohorts/dto/cohort.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class PitchGroupAssignmentDto {
  @ApiProperty({ format: 'uuid', description: 'A candidate of the cohort (see GET /v1/cohorts/{cohortId}/candidates)' })
  @IsUuid()
  startupId: string;

  @ApiProperty({
    nullable: true,
    type: String,
    maxLength: 100,
    example: 'Pitch day A',
    description: 'The pitch session the startup pitches in (trimmed); null takes it out of every session ("unassigned")',
  })
  @Transform(trim)
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  pitchGroup: string | null;
}

export class AssignPitchGroupsDto extends VersionDto {
  @ApiProperty({ type: [PitchGroupAssignmentDto], description: 'One entry per startup; startups not listed keep their session' })
  @NestedObjectArray(() => PitchGroupAssignmentDto, 1000, { minSize: 1 })
  assignments: PitchGroupAssignmentDto[];
}

export class PitchGroupChangeDto {
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty({ format: 'uuid', description: 'The candidate row that holds the pitch session' }) candidateId: string;
  @ApiProperty({ nullable: true, type: String }) pitchGroup: string | null;
  @ApiProperty({ nullable: true, type: String }) previousPitchGroup: string | null;
}

export class PitchGroupsResultDto {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ description: 'The cohort version after the change: send it with the next state change' }) version: number;
  @ApiProperty({ type: [PitchGroupChangeDto] }) assignments: PitchGroupChangeDto[];
}

export class CohortCandidateDto {
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty() startupName: string;
  @ApiProperty() startupNameLatin: string;
  @ApiProperty({ example: 'KR' }) country: string;
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty({ enum: ['application', 'pilot'], description: 'An accepted application of the programme, or a successful pilot' })
  source: 'application' | 'pilot';
  @ApiProperty({ nullable: true, type: Number, description: 'Review score of the accepted application' }) score: number | null;
  @ApiProperty() hasSuccessfulPilot: boolean;
  @ApiProperty({ description: 'Score (0 when missing) plus the rule’s successful-pilot bonus: what selection ranks by' }) effectiveScore: number;
  @ApiProperty({ nullable: true, type: String, description: 'The pitch session; null: unassigned' }) pitchGroup: string | null;
  @ApiProperty({ description: 'The group the startup competes in under the cohort’s selection rule ("unassigned" without a pitch session)' })
  group: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) acceptedAt: string | null;
}

export class CohortCandidatePageDto {
  @ApiProperty({ type: [CohortCandidateDto], description: 'By startup id' }) items: CohortCandidateDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class ListCandidatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Only the candidates of this pitch session' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  pitchGroup?: string;
}
