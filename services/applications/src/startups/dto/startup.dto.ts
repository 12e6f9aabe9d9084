import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { CERTIFICATION_GRADES } from '../../applications/eligibility';

export class TeamMemberDto {
  @ApiProperty({ example: '김민준' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'Kim Minjun' }) @IsOptional() @IsString() @MaxLength(200) nameLatin?: string;
  @ApiPropertyOptional({ example: 'CEO' }) @IsOptional() @IsString() @MaxLength(200) role?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional({ example: ['ko', 'en'] }) @IsOptional() @IsArray() @IsString({ each: true }) languages?: string[];
}

export class ContactDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) website?: string;
}

export class CertificationDto {
  @ApiProperty({ example: 'innovation_certificate' }) @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/) kind: string;
  @ApiProperty({ example: 'Korea SME Innovation Association' }) @IsString() @MinLength(1) @MaxLength(300) issuer: string;
  @ApiPropertyOptional({ description: 'The issuer, when it is an organisation on the platform' })
  @IsOptional()
  @IsUUID()
  issuerOrganisationId?: string;
  @ApiPropertyOptional({ enum: CERTIFICATION_GRADES }) @IsOptional() @IsIn(CERTIFICATION_GRADES) grade?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) certificateNumber?: string;
  @ApiProperty({ example: '2025-01-01T00:00:00Z' }) @IsISO8601({ strict: true }) validFrom: string;
  @ApiPropertyOptional({ example: '2028-01-01T00:00:00Z' }) @IsOptional() @IsISO8601({ strict: true }) validUntil?: string;
}

export class RegisterStartupDto {
  @ApiProperty({ description: 'Name in its original script', example: '메디봇' }) @IsString() @MinLength(1) @MaxLength(300) name: string;
  @ApiProperty({ description: 'Name in Latin letters', example: 'Medibot' }) @IsString() @MinLength(1) @MaxLength(300) nameLatin: string;
  @ApiProperty({ example: 'KR', description: 'ISO 3166-1 alpha-2' }) @IsString() @Length(2, 2) @Matches(/^[A-Z]{2}$/) country: string;
  @ApiProperty({ example: '110-81-12345' }) @IsString() @MinLength(1) @MaxLength(100) registrationNumber: string;
  @ApiProperty({ example: ['medtech', 'ai'] }) @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) technologyFields: string[];
  @ApiProperty({ minimum: 1, maximum: 9, description: 'Technology readiness level' }) @IsInt() @Min(1) @Max(9) trl: number;
  @ApiPropertyOptional({ type: [TeamMemberDto] }) @IsOptional() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => TeamMemberDto) team?: TeamMemberDto[];
  @ApiPropertyOptional({ type: ContactDto }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto;
  @ApiPropertyOptional({ example: ['ko', 'en'] }) @IsOptional() @IsArray() @IsString({ each: true }) languages?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ description: 'Date of incorporation', example: '2021-04-01' }) @IsOptional() @IsISO8601({ strict: true }) foundedOn?: string;
  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];
}

export class UpdateStartupDto extends PartialType(OmitType(RegisterStartupDto, ['country', 'registrationNumber', 'certifications'] as const)) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409' }) @IsOptional() @IsInt() @Min(1) version?: number;
}

export class SearchStartupsQuery {
  @ApiPropertyOptional({ description: 'Part of the name in any script or of the Latin name, any case' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ example: 'KR' }) @IsOptional() @Matches(/^[A-Z]{2}$/) country?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class CertificationResponse {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty() issuer: string;
  @ApiProperty({ nullable: true, type: String }) issuerOrganisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) certificateNumber: string | null;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validUntil: string | null;
}

export class StartupResponse {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() nameLatin: string;
  @ApiProperty() country: string;
  @ApiProperty() registrationNumber: string;
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty() trl: number;
  @ApiProperty({ type: [TeamMemberDto] }) team: TeamMemberDto[];
  @ApiProperty({ type: ContactDto }) contact: ContactDto;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: String }) foundedOn: string | null;
  @ApiProperty({ type: [CertificationResponse] }) certifications: CertificationResponse[];
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class StartupRegisteredResponse {
  @ApiProperty({ type: StartupResponse }) startup: StartupResponse;
  @ApiProperty({ description: 'The startup API key: shown only in this response, keep it safe' }) apiKey: string;
  @ApiProperty() apiKeyId: string;
}

export class StartupPageResponse {
  @ApiProperty({ type: [StartupResponse] }) items: StartupResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
