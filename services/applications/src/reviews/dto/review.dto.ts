import { IsIsoDateInRange, IsOmittable, IsUuid, NestedObjectArray, WidePageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { REVIEW_ASSIGNMENT_STATES } from '@exchange/data';

export class AssignReviewerDto {
  @ApiProperty() @IsUuid() applicationId: string;
  @ApiProperty() @IsUuid() reviewerPrincipalId: string;
  @ApiProperty({ example: '2026-05-15T18:00:00Z' }) @IsIsoDateInRange() dueAt: string;
}

export class AutoAssignDto {
  @ApiProperty({ type: [String], description: 'Reviewer principals to draw from' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUuid({ each: true })
  reviewerPrincipalIds: string[];
  @ApiProperty({ description: 'Most active assignments a reviewer may hold in this programme', example: 20 }) @IsInt() @Min(1) @Max(10000) quotaPerReviewer: number;
  @ApiProperty({ example: '2026-05-15T18:00:00Z' }) @IsIsoDateInRange() dueAt: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'innovation' }) @IsString() @MaxLength(64) criterion: string;
  @ApiProperty({ example: 8, description: 'Within the rubric scale (0–100 at most)' }) @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(100) score: number;
  @ApiPropertyOptional({ example: 'Novel approach to triage' }) @IsOmittable() @IsString() @MaxLength(5000) comment?: string;
}

export class SubmitReviewDto {
  @ApiProperty({ type: [CriterionScoreDto], description: 'One score per rubric criterion' })
  @NestedObjectArray(() => CriterionScoreDto, 50)
  scores: CriterionScoreDto[];
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(10000) comment?: string;
}

export class AbstainDto {
  @ApiProperty({ example: 'Outside my expertise' }) @IsString() @MaxLength(2000) reason: string;
}

export class RecuseDto {
  @ApiProperty({ example: 'Former employee of the startup' }) @IsString() @MaxLength(2000) reason: string;
}

export class DeclareConflictDto {
  @ApiProperty() @IsUuid() startupId: string;
  @ApiPropertyOptional({ description: 'Only this application (omit: every application of the startup)' }) @IsOmittable() @IsUuid() applicationId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) reason?: string;
}

export class ListAssignmentsQuery extends WidePageQueryDto {
  @ApiPropertyOptional({ enum: REVIEW_ASSIGNMENT_STATES }) @IsOmittable() @IsIn(REVIEW_ASSIGNMENT_STATES) state?: (typeof REVIEW_ASSIGNMENT_STATES)[number];
  @ApiPropertyOptional() @IsOmittable() @IsUuid() programmeId?: string;
}

export class AssignmentResponse {
  @ApiProperty() id: string;
  @ApiProperty() applicationId: string;
  @ApiProperty() programmeId: string;
  @ApiProperty() reviewerPrincipalId: string;
  @ApiProperty({ enum: REVIEW_ASSIGNMENT_STATES }) state: string;
  @ApiProperty() dueAt: string;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) recusalReason: string | null;
  @ApiProperty() version: number;
}

export class AssignmentPageResponse {
  @ApiProperty({ type: [AssignmentResponse] }) items: AssignmentResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AutoAssignResponse {
  @ApiProperty({ type: [AssignmentResponse] }) assigned: AssignmentResponse[];
  @ApiProperty({ description: 'Applications still short of reviewers (quota, conflicts)', type: Object, isArray: true })
  unfilled: { applicationId: string; missing: number }[];
}

export class ReviewResponse {
  @ApiProperty() id: string;
  @ApiProperty() assignmentId: string;
  @ApiProperty() reviewerPrincipalId: string;
  @ApiProperty() abstained: boolean;
  @ApiProperty({ nullable: true, type: String }) abstainReason: string | null;
  @ApiProperty({ type: [CriterionScoreDto] }) scores: CriterionScoreDto[];
  @ApiProperty({ nullable: true, type: Number }) weightedScore: number | null;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty() submittedAt: string;
}

export class ReviewerStartupView {
  @ApiProperty({ description: 'Hidden (null) in a blind review for reviewers outside the organiser', nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
  @ApiProperty({ nullable: true, type: String }) registrationNumber: string | null;
  @ApiProperty({ nullable: true, type: Object }) contact: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object, isArray: true }) team: Record<string, unknown>[] | null;
  @ApiProperty() country: string;
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty() trl: number;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
}

export class ReviewerApplicationView {
  @ApiProperty({ type: AssignmentResponse }) assignment: AssignmentResponse;
  @ApiProperty() applicationId: string;
  @ApiProperty({ type: Object }) answers: Record<string, unknown>;
  @ApiProperty() blind: boolean;
  @ApiProperty({ type: ReviewerStartupView }) startup: ReviewerStartupView;
  @ApiProperty({ type: Object }) rubric: { criteria: unknown[]; scaleMin: number; scaleMax: number };
  @ApiProperty({ nullable: true, type: ReviewResponse }) ownReview: ReviewResponse | null;
  @ApiProperty({ type: [ReviewResponse], description: "Others' reviews: only once the caller has submitted or abstained" }) otherReviews: ReviewResponse[];
}

export class ProgressCounts {
  @ApiProperty() done: number;
  @ApiProperty() due: number;
  @ApiProperty() overdue: number;
}

export class ApplicationProgress extends ProgressCounts {
  @ApiProperty() applicationId: string;
  @ApiProperty() required: number;
  @ApiProperty() scored: number;
}

export class ReviewerProgress extends ProgressCounts {
  @ApiProperty() reviewerPrincipalId: string;
}

export class ReviewProgressResponse {
  @ApiProperty({ type: [ApplicationProgress] }) applications: ApplicationProgress[];
  @ApiProperty({ type: [ReviewerProgress] }) reviewers: ReviewerProgress[];
}
