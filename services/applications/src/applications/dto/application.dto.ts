import { IsBoundedJsonObject, IsNotBlank, IsOmittable, IsUuid, PG_INT_MAX, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { APPLICATION_STATES, STATUS_REASON_CODES, type StatusReasonCode } from '@exchange/data';
import { ApplicationFlagResponse } from '../../certifications/dto/certification.dto';
import { EligibilityRule } from '../eligibility';

/** Free-form answers (jsonb, shown to reviewers): bounded in size and shape like every other field. */
const ANSWERS_BOUNDS = { maxKeys: 50, maxKeyLength: 100, maxStringLength: 10_000, maxDepth: 4, maxLength: 32_000 };

export class CreateApplicationDto {
  @ApiProperty() @IsUuid() programmeId: string;
  @ApiPropertyOptional({ description: "Answers to the programme's questions (pitch, motivation, …)", type: 'object', additionalProperties: true, example: { pitch: 'We triage X-rays in 3 s' } })
  @IsOmittable()
  @IsBoundedJsonObject(ANSWERS_BOUNDS)
  answers?: Record<string, unknown>;
}

export class UpdateApplicationDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { pitch: 'We triage X-rays in 3 s' } }) @IsBoundedJsonObject(ANSWERS_BOUNDS) answers: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The version you read; a stale one answers 409' }) @IsOmittable() @IsInt() @Min(1) @Max(PG_INT_MAX) version?: number;
}

export class WithdrawApplicationDto {
  @ApiPropertyOptional({ example: 'We joined another programme' }) @IsOmittable() @IsString() @MaxLength(2000) reason?: string;
}

export class ListApplicationsQuery extends WidePageQueryDto {
  @ApiPropertyOptional() @IsOmittable() @IsUuid() programmeId?: string;
  @ApiPropertyOptional({ enum: APPLICATION_STATES }) @IsOmittable() @IsIn(APPLICATION_STATES) state?: (typeof APPLICATION_STATES)[number];
  @ApiPropertyOptional({ description: "Part of the startup's name in any script or of its Latin name, any case" })
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  q?: string;
}

/** Who applied, as a list shows it: the name as the startup writes it and its Latin form. */
export class ApplicantNames {
  @ApiProperty() name: string;
  @ApiProperty() nameLatin: string;
}

export class EligibilityFailureResponse {
  @ApiProperty({ enum: EligibilityRule }) rule: string;
  @ApiProperty({ example: 'Your technology readiness level is 3; this programme needs at least 5.' }) message: string;
}

export class NotEligibleProblem {
  @ApiProperty({ example: 422 }) status: number;
  @ApiProperty({ example: 'APPLICATION.NOT_ELIGIBLE' }) code: string;
  @ApiProperty({ type: [EligibilityFailureResponse], description: 'Every rule that failed' }) failures: EligibilityFailureResponse[];
}

export class DecisionResponse {
  @ApiProperty({ enum: ['accepted', 'rejected', 'waitlisted'] }) outcome: string;
  @ApiProperty() reason: string;
  @ApiProperty() decidedAt: string;
}

export class ApplicationResponse {
  @ApiProperty() id: string;
  @ApiProperty() programmeId: string;
  @ApiProperty() startupId: string;
  @ApiProperty({ enum: APPLICATION_STATES }) state: string;
  @ApiProperty({ description: 'The state in plain words' }) status: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) answers: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: DecisionResponse }) decision: DecisionResponse | null;
  @ApiProperty({ description: 'Admitted by the alumni fast track (certification rule waived)' }) fastTrack: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Programme staff only' }) score?: number | null;
  @ApiPropertyOptional({ description: 'Programme staff only' }) reviewsCompleted?: number;
  @ApiPropertyOptional({
    type: [ApplicationFlagResponse],
    description: 'Programme staff only, on a single application: a certificate it relied on was revoked or ended (the application stays as it is)',
  })
  flags?: ApplicationFlagResponse[];
  @ApiPropertyOptional({ type: ApplicantNames, description: 'In lists: the startup that applied' }) startup?: ApplicantNames;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ApplicationPageResponse {
  @ApiProperty({ type: [ApplicationResponse] }) items: ApplicationResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class StatusChangeResponse {
  @ApiProperty({ nullable: true, enum: APPLICATION_STATES }) from: string | null;
  @ApiProperty({ enum: APPLICATION_STATES }) to: string;
  @ApiProperty({ description: 'The new state in plain words' }) status: string;
  @ApiProperty({ nullable: true, type: String, description: "A person's own words, or the system's reason in the reader's language" }) reason: string | null;
  @ApiProperty({ nullable: true, enum: STATUS_REASON_CODES, description: 'Set when the system made the change: the stable code of `reason`' })
  reasonCode: StatusReasonCode | null;
  @ApiProperty() at: string;
}

export class StatusHistoryResponse {
  @ApiProperty() applicationId: string;
  @ApiProperty({ enum: APPLICATION_STATES }) state: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [StatusChangeResponse] }) transitions: StatusChangeResponse[];
}
