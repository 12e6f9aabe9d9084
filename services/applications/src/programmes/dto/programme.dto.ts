import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { NORMALISATIONS, PROGRAMME_KINDS, PROGRAMME_STATES } from '@exchange/data';
import { CERTIFICATION_GRADES } from '../../applications/eligibility';

export class RequiredCertificationDto {
  @ApiProperty({ example: 'innovation_certificate' }) @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/) kind: string;
  @ApiPropertyOptional({ enum: CERTIFICATION_GRADES, description: 'Lowest acceptable grade (omit: any grade)' })
  @IsOptional()
  @IsIn(CERTIFICATION_GRADES)
  minGrade?: (typeof CERTIFICATION_GRADES)[number];
}

export class EligibilityDto {
  @ApiPropertyOptional({ example: ['KR', 'RU'], description: 'Allowed startup countries (empty: any)' })
  @IsOptional()
  @IsArray()
  @Matches(/^[A-Z]{2}$/, { each: true })
  countries?: string[];
  @ApiPropertyOptional({ example: ['medtech'], description: 'The startup needs at least one of these fields (empty: any)' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  technologyFields?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 9, default: 1 }) @IsOptional() @IsInt() @Min(1) @Max(9) minTrl?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 9, default: 9 }) @IsOptional() @IsInt() @Min(1) @Max(9) maxTrl?: number;
  @ApiPropertyOptional({ type: RequiredCertificationDto, description: 'Must be valid on the closing date' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequiredCertificationDto)
  requiredCertification?: RequiredCertificationDto;
  @ApiPropertyOptional({ description: 'Companies must be younger than this many years when they submit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  maxCompanyAgeYears?: number;
}

export class RubricCriterionDto {
  @ApiProperty({ example: 'innovation' }) @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/) key: string;
  @ApiProperty({ example: 'Innovation' }) @IsString() @MinLength(1) @MaxLength(200) label: string;
  @ApiProperty({ example: 2, description: 'Relative weight (> 0)' }) @IsNumber() @IsPositive() weight: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

export class RubricDto {
  @ApiProperty({ type: [RubricCriterionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => RubricCriterionDto)
  criteria: RubricCriterionDto[];
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(0) @Max(100) scaleMin?: number;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @IsInt() @Min(1) @Max(100) scaleMax?: number;
}

export class CreateProgrammeDto {
  @ApiProperty({ example: 'Seoul–Moscow pilot testing 2026' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) nameLatin?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10000) description?: string;
  @ApiProperty({ enum: PROGRAMME_KINDS }) @IsIn(PROGRAMME_KINDS) kind: (typeof PROGRAMME_KINDS)[number];
  @ApiPropertyOptional({ type: [String], description: 'Partner organisations (ids)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  partnerOrganisationIds?: string[];
  @ApiProperty({ example: 'RU' }) @Matches(/^[A-Z]{2}$/) hostCountry: string;
  @ApiProperty({ example: 'Moscow' }) @IsString() @MinLength(1) @MaxLength(200) hostCity: string;
  @ApiProperty({ example: 'Europe/Moscow', description: 'IANA time zone of the window' }) @IsString() timeZone: string;
  @ApiProperty({ example: '2026-03-01T09:00', description: "Wall-clock time in the programme's time zone (or an ISO instant with offset)" })
  @IsString()
  opensAt: string;
  @ApiProperty({ example: '2026-04-30T18:00', description: 'Last instant a submission is accepted (inclusive)' }) @IsString() closesAt: string;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) capacity?: number;
  @ApiPropertyOptional({ type: EligibilityDto }) @IsOptional() @ValidateNested() @Type(() => EligibilityDto) eligibility?: EligibilityDto;
  @ApiProperty({ type: RubricDto }) @ValidateNested() @Type(() => RubricDto) rubric: RubricDto;
  @ApiPropertyOptional({ default: 3, minimum: 1, maximum: 20 }) @IsOptional() @IsInt() @Min(1) @Max(20) reviewsRequired?: number;
  @ApiPropertyOptional({ default: false, description: "Hide the startup's identity from reviewers outside the organising organisation" })
  @IsOptional()
  @IsBoolean()
  blindReview?: boolean;
  @ApiPropertyOptional({ enum: NORMALISATIONS, default: 'none' }) @IsOptional() @IsIn(NORMALISATIONS) normalisation?: (typeof NORMALISATIONS)[number];
}

export class UpdateProgrammeDto extends PartialType(OmitType(CreateProgrammeDto, ['kind'] as const)) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' }) @IsInt() @Min(1) version: number;
}

export class ListProgrammesQuery {
  @ApiPropertyOptional({ enum: PROGRAMME_STATES }) @IsOptional() @IsIn(PROGRAMME_STATES) state?: (typeof PROGRAMME_STATES)[number];
  @ApiPropertyOptional({ enum: PROGRAMME_KINDS }) @IsOptional() @IsIn(PROGRAMME_KINDS) kind?: (typeof PROGRAMME_KINDS)[number];
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
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
