import { IsIsoDateInRange, IsNotBlank, IsOmittable, IsUuid, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { APPLICATION_FLAG_REASONS } from '@exchange/data';

/** A certificate kind: a short key, e.g. `innovation_certificate`. */
export const CERTIFICATE_KIND_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;
/** A grade on a body's scale: letters, digits, `+` and `-`, at most 16 characters (A, AA+, 3, B-). */
export const GRADE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9+-]{0,15}$/;
export const GRADE_MAX_LENGTH = 16;
export const MAX_GRADES_PER_SCALE = 20;

export class SetGradeScaleDto {
  @ApiProperty({ example: 'innovation_certificate' }) @IsString() @Matches(CERTIFICATE_KIND_PATTERN) kind: string;
  @ApiProperty({ example: ['A', 'AA', 'AAA'], description: 'The grades, lowest first', minItems: 1, maxItems: MAX_GRADES_PER_SCALE })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_GRADES_PER_SCALE)
  @IsString({ each: true })
  @MaxLength(GRADE_MAX_LENGTH, { each: true })
  @Matches(GRADE_PATTERN, { each: true })
  grades: string[];
}

export class GradeScaleResponse {
  @ApiProperty() organisationId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ type: [String], description: 'Lowest first' }) grades: string[];
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class GradeScaleListResponse {
  @ApiProperty({ type: [GradeScaleResponse] }) items: GradeScaleResponse[];
}

export class IssueCertificationDto {
  @ApiProperty({ description: 'The startup the certificate is issued to' }) @IsUuid() startupId: string;
  @ApiProperty({ example: 'innovation_certificate' }) @IsString() @Matches(CERTIFICATE_KIND_PATTERN) kind: string;
  @ApiProperty({ example: 'AA', description: "A grade on the body's scale for the kind" }) @IsString() @MaxLength(GRADE_MAX_LENGTH) @Matches(GRADE_PATTERN) grade: string;
  @ApiProperty({ example: '2026-01-01T00:00:00Z' }) @IsIsoDateInRange() validFrom: string;
  @ApiPropertyOptional({ example: '2028-12-31T23:59:59Z', description: 'Omit for a certificate without an end' }) @IsOmittable() @IsIsoDateInRange() validUntil?: string;
  @ApiPropertyOptional({ example: 'INNO-2026-00042', description: "The body's own number for the certificate" })
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  certificateNumber?: string;
}

export class RenewCertificationDto {
  @ApiProperty({ example: '2030-12-31T23:59:59Z', description: 'The new end of validity' }) @IsIsoDateInRange() validUntil: string;
  @ApiPropertyOptional({ description: 'A new start of validity (default: unchanged)' }) @IsOmittable() @IsIsoDateInRange() validFrom?: string;
}

export class RevokeCertificationDto {
  @ApiProperty({ example: 'The audit found the reported R&D spending overstated.' }) @IsString() @IsNotBlank() @MaxLength(2000) reason: string;
}

export const ISSUED_CERTIFICATION_STATES = ['valid', 'not_yet_valid', 'expired', 'revoked'] as const;
export type IssuedCertificationState = (typeof ISSUED_CERTIFICATION_STATES)[number];

export class ListIssuedCertificationsQuery extends PageQueryDto {
  @ApiPropertyOptional() @IsOmittable() @IsUuid() startupId?: string;
  @ApiPropertyOptional({ example: 'innovation_certificate' }) @IsOmittable() @IsString() @Matches(CERTIFICATE_KIND_PATTERN) kind?: string;
  @ApiPropertyOptional({ enum: ['active', 'revoked'], description: 'active: not revoked (valid, expired or not yet valid)' })
  @IsOmittable()
  @IsIn(['active', 'revoked'])
  revocation?: 'active' | 'revoked';
}

export class IssuedCertificationResponse {
  @ApiProperty() id: string;
  @ApiProperty() startupId: string;
  @ApiProperty() kind: string;
  @ApiProperty() grade: string;
  @ApiProperty() issuerOrganisationId: string;
  @ApiProperty({ description: "The issuing body's name" }) issuer: string;
  @ApiProperty({ nullable: true, type: String }) certificateNumber: string | null;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ description: 'Anyone with it verifies the certificate at GET /v1/certificate-verifications/{code}', example: 'K7QXM2RTA4WZC5HNB3JD' })
  verificationCode: string;
  @ApiProperty({ description: 'True while not revoked' }) verified: boolean;
  @ApiProperty({ enum: ISSUED_CERTIFICATION_STATES }) state: IssuedCertificationState;
  @ApiProperty() issuedAt: string;
  @ApiProperty({ nullable: true, type: String }) renewedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) revocationReason: string | null;
}

export class IssuedCertificationPageResponse {
  @ApiProperty({ type: [IssuedCertificationResponse] }) items: IssuedCertificationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class VerifiedPartyResponse {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
}

export class CertificateVerificationResponse {
  @ApiProperty() verificationCode: string;
  @ApiProperty() kind: string;
  @ApiProperty() grade: string;
  @ApiProperty({ type: VerifiedPartyResponse, description: 'The certification body that issued it' }) issuer: VerifiedPartyResponse;
  @ApiProperty({ type: VerifiedPartyResponse }) startup: VerifiedPartyResponse;
  @ApiProperty() validFrom: string;
  @ApiProperty({ nullable: true, type: String }) validUntil: string | null;
  @ApiProperty({ enum: ISSUED_CERTIFICATION_STATES, description: 'At the time of the answer' }) state: IssuedCertificationState;
  @ApiProperty({ nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty() checkedAt: string;
}

export class ListApplicationFlagsQuery extends PageQueryDto {}

export class FlagCertificationResponse {
  @ApiProperty() id: string;
  @ApiProperty() kind: string;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty() issuer: string;
  @ApiProperty({ nullable: true, type: String }) issuerOrganisationId: string | null;
}

export class FailedRuleResponse {
  @ApiProperty({ example: 'CERTIFICATION_NOT_VERIFIED' }) rule: string;
  @ApiProperty() message: string;
}

export class ApplicationFlagResponse {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() programmeId: string;
  @ApiProperty() startupId: string;
  @ApiProperty({ enum: APPLICATION_FLAG_REASONS }) reason: string;
  @ApiProperty({ description: "Why the application was flagged, in the reader's language" }) message: string;
  @ApiProperty({ type: FailedRuleResponse, description: 'The eligibility rule the application no longer meets' }) failedRule: FailedRuleResponse;
  @ApiProperty({ type: FlagCertificationResponse }) certification: FlagCertificationResponse;
  @ApiProperty({ nullable: true, type: String, description: "The body's reason, for a revocation" }) revocationReason: string | null;
  @ApiProperty({ description: 'When the certificate stopped counting' }) endedAt: string;
  @ApiProperty() flaggedAt: string;
}

export class ApplicationFlagPageResponse {
  @ApiProperty({ type: [ApplicationFlagResponse] }) items: ApplicationFlagResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
