import { IsCountryCode, IsIsoDateInRange, IsNotBlank, IsOmittable, IsSlug, IsTimeZone, IsUuid, NestedObject, NestedObjectArray, PG_INT_MAX, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsPositive, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { NORMALISATIONS, PROGRAMME_KINDS, PROGRAMME_STATES } from '@exchange/data';
import { CERTIFICATION_GRADES } from '../../applications/eligibility';
import { GRADE_MAX_LENGTH, GRADE_PATTERN } from '../../certifications/dto/certification.dto';

export class RequiredCertificationDto {
  @ApiProperty({ example: 'innovation_certificate' }) @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/) kind: string;
  @ApiPropertyOptional({
    example: 'AA',
    description: `Lowest acceptable grade (omit: any grade): one of ${CERTIFICATION_GRADES.join(', ')} for any certificate; for a verified one, a grade on each named body's own scale`,
  })
  @IsOmittable()
  @IsString()
  @MaxLength(GRADE_MAX_LENGTH)
  @Matches(GRADE_PATTERN)
  minGrade?: string;
  @ApiPropertyOptional({ default: false, description: 'Only a certificate issued by a certification body on the exchange, and not revoked, counts; a self-declared one does not' })
  @IsOmittable()
  @IsBoolean()
  verified?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'The certification bodies whose certificates count (empty: any body); naming any implies `verified`', maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUuid({ each: true })
  issuerOrganisationIds?: string[];
}

export class EligibilityDto {
  @ApiPropertyOptional({ example: ['KR', 'RU'], description: 'Allowed startup countries (empty: any)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(250)
  @IsCountryCode({ each: true })
  countries?: string[];
  @ApiPropertyOptional({ example: ['medtech'], description: 'The startup needs at least one of these fields (empty: any)', maxItems: 20 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  technologyFields?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 9, default: 1 }) @IsOmittable() @IsInt() @Min(1) @Max(9) minTrl?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 9, default: 9 }) @IsOmittable() @IsInt() @Min(1) @Max(9) maxTrl?: number;
  @ApiPropertyOptional({ type: RequiredCertificationDto, description: 'Must be valid on the closing date' })
  @IsOmittable()
  @NestedObject(() => RequiredCertificationDto)
  requiredCertification?: RequiredCertificationDto;
  @ApiPropertyOptional({ description: 'Companies must be younger than this many years when they submit' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(100)
  maxCompanyAgeYears?: number;
}

export class RubricCriterionDto {
  @ApiProperty({ example: 'innovation' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/) key: string;
  @ApiProperty({ example: 'Innovation' }) @IsString() @IsNotBlank() @MaxLength(200) label: string;
  @ApiProperty({ example: 2, description: 'Relative weight (> 0)' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(1000) weight: number;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) description?: string;
}

export class RubricDto {
  @ApiProperty({ type: [RubricCriterionDto] })
  @NestedObjectArray(() => RubricCriterionDto, 20, { minSize: 1 })
  criteria: RubricCriterionDto[];
  @ApiPropertyOptional({ default: 1 }) @IsOmittable() @IsInt() @Min(0) @Max(100) scaleMin?: number;
  @ApiPropertyOptional({ default: 10 }) @IsOmittable() @IsInt() @Min(1) @Max(100) scaleMax?: number;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Seoul–Moscow pilot testing 2026' }) @IsString() @IsNotBlank() @MaxLength(300) name: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(300) nameLatin?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(10000) description?: string;
  @ApiProperty({ enum: PROGRAMME_KINDS }) @IsIn(PROGRAMME_KINDS) kind: (typeof PROGRAMME_KINDS)[number];
  @ApiPropertyOptional({ type: [String], description: 'Partner organisations (ids)' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUuid({ each: true })
  partnerOrganisationIds?: string[];
  @ApiProperty({ example: 'RU' }) @IsCountryCode() hostCountry: string;
  @ApiProperty({ example: 'Moscow' }) @IsString() @IsNotBlank() @MaxLength(200) hostCity: string;
  @ApiProperty({ example: 'Europe/Moscow', description: 'IANA time zone of the window' }) @IsTimeZone() timeZone: string;
  @ApiProperty({ example: '2026-03-01T09:00', description: "Wall-clock time in the programme's time zone (or an ISO instant with offset)" })
  @IsIsoDateInRange()
  opensAt: string;
  @ApiProperty({ example: '2026-04-30T18:00', description: 'Last instant a submission is accepted (inclusive)' }) @IsIsoDateInRange() closesAt: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100_000 }) @IsOmittable() @IsInt() @Min(1) @Max(100_000) capacity?: number;
  @ApiPropertyOptional({ type: EligibilityDto }) @IsOmittable() @NestedObject(() => EligibilityDto) eligibility?: EligibilityDto;
  @ApiProperty({ type: RubricDto }) @NestedObject(() => RubricDto) rubric: RubricDto;
  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 20 }) @IsOmittable() @IsInt() @Min(1) @Max(20) reviewsRequired?: number;
  @ApiPropertyOptional({ default: false, description: "Hide the startup's identity from reviewers outside the organising organisation" })
  @IsOmittable()
  @IsBoolean()
  blindReview?: boolean;
  @ApiPropertyOptional({ enum: NORMALISATIONS, default: 'none' }) @IsOmittable() @IsIn(NORMALISATIONS) normalisation?: (typeof NORMALISATIONS)[number];
}

// skipNullProperties: false: a field may be left out of an update, but null is refused, not written.
export class UpdateProgrammeDto extends PartialType(OmitType(CreateProgrammeDto, ['kind'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1) @Max(PG_INT_MAX) version: number;
}

export class ListProgrammesQuery extends WidePageQueryDto {
  @ApiPropertyOptional({ enum: PROGRAMME_STATES }) @IsOmittable() @IsIn(PROGRAMME_STATES) state?: (typeof PROGRAMME_STATES)[number];
  @ApiPropertyOptional({ enum: PROGRAMME_KINDS }) @IsOmittable() @IsIn(PROGRAMME_KINDS) kind?: (typeof PROGRAMME_KINDS)[number];
}

export class ProgrammeWindowResponse {
  @ApiProperty() opensAt: string;
  @ApiProperty() closesAt: string;
  @ApiProperty({ description: "Opening in the programme's time zone" }) opensAtLocal: string;
  @ApiProperty() closesAtLocal: string;
  @ApiProperty() timeZone: string;
}

export class EligibilityResponse {
  @ApiProperty({ type: [String] }) countries: string[];
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty() minTrl: number;
  @ApiProperty() maxTrl: number;
  @ApiProperty({ type: RequiredCertificationDto, nullable: true }) requiredCertification: RequiredCertificationDto | null;
  @ApiProperty({ nullable: true, type: Number }) maxCompanyAgeYears: number | null;
}

export class RubricResponse {
  @ApiProperty({ type: [RubricCriterionDto] }) criteria: RubricCriterionDto[];
  @ApiProperty() scaleMin: number;
  @ApiProperty() scaleMax: number;
}

export class ProgrammeResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ enum: PROGRAMME_KINDS }) kind: string;
  @ApiProperty({ enum: PROGRAMME_STATES }) state: string;
  @ApiProperty() organiserOrganisationId: string;
  @ApiProperty({ type: [String] }) partnerOrganisationIds: string[];
  @ApiProperty() hostCountry: string;
  @ApiProperty() hostCity: string;
  @ApiProperty({ type: ProgrammeWindowResponse }) window: ProgrammeWindowResponse;
  @ApiProperty({ nullable: true, type: Number }) capacity: number | null;
  @ApiProperty({ type: EligibilityResponse }) eligibility: EligibilityResponse;
  @ApiProperty({ type: RubricResponse }) rubric: RubricResponse;
  @ApiProperty() reviewsRequired: number;
  @ApiProperty() blindReview: boolean;
  @ApiProperty({ enum: NORMALISATIONS }) normalisation: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ProgrammePageResponse {
  @ApiProperty({ type: [ProgrammeResponse] }) items: ProgrammeResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
