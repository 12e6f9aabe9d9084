import { IsCountryCode, IsHttpUrl, IsIsoDateInRange, IsLanguageCode, IsNotBlank, IsOmittable, IsSlug, IsUuid, NestedObject, NestedObjectArray, PG_INT_MAX, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CERTIFICATION_GRADES } from '../../applications/eligibility';

export class TeamMemberDto {
  @ApiProperty({ example: '김민준' }) @IsString() @IsNotBlank() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'Kim Minjun' }) @IsOmittable() @IsString() @MaxLength(200) nameLatin?: string;
  @ApiPropertyOptional({ example: 'CEO' }) @IsOmittable() @IsString() @MaxLength(200) role?: string;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(320) email?: string;
  @ApiPropertyOptional({ example: ['ko', 'en'], description: 'ISO 639-1 codes, at most 10', maxItems: 10 }) @IsOmittable() @IsArray() @ArrayMaxSize(10) @IsLanguageCode({ each: true }) languages?: string[];
}

export class ContactDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsEmail() @MaxLength(320) email?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional({ example: 'https://medibot.example' }) @IsOmittable() @IsHttpUrl() @MaxLength(500) website?: string;
}

export class CertificationDto {
  @ApiProperty({ example: 'innovation_certificate' }) @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/) kind: string;
  @ApiProperty({ example: 'Korea SME Innovation Association' }) @IsString() @IsNotBlank() @MaxLength(300) issuer: string;
  @ApiPropertyOptional({ description: 'The issuer, when it is an organisation on the platform' })
  @IsOmittable()
  @IsUuid()
  issuerOrganisationId?: string;
  @ApiPropertyOptional({ enum: CERTIFICATION_GRADES }) @IsOmittable() @IsIn(CERTIFICATION_GRADES) grade?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(100) certificateNumber?: string;
  @ApiProperty({ example: '2025-01-01T00:00:00Z' }) @IsIsoDateInRange() validFrom: string;
  @ApiPropertyOptional({ example: '2028-01-01T00:00:00Z' }) @IsOmittable() @IsIsoDateInRange() validUntil?: string;
}

export class RegisterStartupDto {
  @ApiProperty({ description: 'Name in its original script', example: '메디봇' }) @IsString() @IsNotBlank() @MaxLength(300) name: string;
  @ApiProperty({ description: 'Name in Latin letters', example: 'Medibot' }) @IsString() @IsNotBlank() @MaxLength(300) nameLatin: string;
  @ApiProperty({ example: 'KR', description: 'ISO 3166-1 alpha-2' }) @IsCountryCode() country: string;
  @ApiProperty({ example: '110-81-12345' }) @IsString() @IsNotBlank() @MaxLength(100) registrationNumber: string;
  @ApiProperty({ example: ['medtech', 'ai'], description: 'At most 20 short keys (a-z, 0-9, _ and -, up to 40 characters)', maxItems: 20 }) @IsArray() @ArrayMaxSize(20) @IsSlug({ each: true }) technologyFields: string[];
  @ApiProperty({ minimum: 1, maximum: 9, description: 'Technology readiness level' }) @IsInt() @Min(1) @Max(9) trl: number;
  @ApiPropertyOptional({ type: [TeamMemberDto] }) @IsOmittable() @NestedObjectArray(() => TeamMemberDto, 100) team?: TeamMemberDto[];
  @ApiPropertyOptional({ type: ContactDto }) @IsOmittable() @NestedObject(() => ContactDto) contact?: ContactDto;
  @ApiPropertyOptional({ example: ['ko', 'en'], description: 'ISO 639-1 codes, at most 10', maxItems: 10 }) @IsOmittable() @IsArray() @ArrayMaxSize(10) @IsLanguageCode({ each: true }) languages?: string[];
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ description: 'Date of incorporation', example: '2021-04-01' }) @IsOmittable() @IsIsoDateInRange() foundedOn?: string;
  @ApiPropertyOptional({ type: [CertificationDto] })
  @IsOmittable()
  @NestedObjectArray(() => CertificationDto, 20)
  certifications?: CertificationDto[];
}

// skipNullProperties: false: a field may be left out of an update, but null is refused, not written.
export class UpdateStartupDto extends PartialType(OmitType(RegisterStartupDto, ['country', 'registrationNumber', 'certifications'] as const), { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409' }) @IsOmittable() @IsInt() @Min(1) @Max(PG_INT_MAX) version?: number;
}

export class SearchStartupsQuery extends WidePageQueryDto {
  @ApiPropertyOptional({ description: 'Part of the name in any script or of the Latin name, any case' })
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ example: 'KR' }) @IsOmittable() @IsCountryCode() country?: string;
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
  @ApiProperty({ description: 'Issued by a certification body on the exchange and not revoked; a self-declared certificate is never verified' })
  verified: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Of a certificate a body issued, on the full profile: anyone with it verifies the certificate at GET /v1/certificate-verifications/{code}' })
  verificationCode: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When its body revoked it' }) revokedAt: string | null;
}

export class StartupResponse {
  @ApiProperty() id: string;
  @ApiProperty({
    enum: ['full', 'public'],
    description: 'full: the startup itself and staff of organisations it applied to or joined; public: everyone else (no registration number, contact, team or certificate numbers)',
  })
  profile: 'full' | 'public';
  @ApiProperty() name: string;
  @ApiProperty() nameLatin: string;
  @ApiProperty() country: string;
  @ApiPropertyOptional({ description: 'Full profile only' }) registrationNumber?: string;
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty() trl: number;
  @ApiPropertyOptional({ type: [TeamMemberDto], description: 'Full profile only' }) team?: TeamMemberDto[];
  @ApiPropertyOptional({ type: ContactDto, description: 'Full profile only' }) contact?: ContactDto;
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
