import { IsIsoDateInRange, IsNotBlank, IsOmittable, IsSlug, IsTimeZone, IsUuid, NestedObject, NestedObjectArray, SLUG_MAX_LENGTH } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  JUROR_STATES,
  PITCH_DAY_STATES,
  PITCH_RESULT_OUTCOMES,
  PITCH_RESULT_REASONS,
  PITCH_SESSION_STATES,
  PITCH_SLOT_ATTENDANCES,
  type JurorState,
  type PitchDayState,
  type PitchResultOutcome,
  type PitchResultReason,
  type PitchSessionState,
  type PitchSlotAttendance,
} from '@exchange/data';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** An instant with its offset: a slot's start means one moment wherever the client is. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreatePitchDayDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 1000, default: 3, description: 'Places offered per group: the best N pitches of each session' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  perGroup?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The agreement (MOU) the pitch day runs under, carried in `pitch_day.results_published`. This service knows no agreements and does not check it: ' +
      'the reciprocity report counts the pitch day only in the report of the agreement named, and only when the programme’s organiser is a party to it ' +
      '(an unknown agreement, or one of other parties, counts it nowhere). Without it the pitch day counts in every agreement of the organiser with the startup’s country.',
  })
  @IsOmittable()
  @IsUuid()
  agreementId?: string;
}

export class PitchCriterionDto {
  @ApiProperty({ example: 'team', maxLength: SLUG_MAX_LENGTH, description: 'A short key (lower case, digits, - and _), unique in the rubric' })
  @IsSlug()
  key: string;

  @ApiProperty({ example: 'Team and execution', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  label: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, description: 'Relative weight (an integer)' })
  @IsInt()
  @Min(1)
  @Max(100)
  weight: number;
}

export class PitchRubricDto {
  @ApiProperty({ type: [PitchCriterionDto], minItems: 1, maxItems: 20 })
  @NestedObjectArray(() => PitchCriterionDto, 20, { minSize: 1 })
  criteria: PitchCriterionDto[];

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, example: 10, description: 'Each criterion is scored from 0 to this, in whole or half points' })
  @IsInt()
  @Min(1)
  @Max(100)
  maxScore: number;
}

export class CreatePitchSessionDto {
  @ApiProperty({ example: 'Pitch day A', maxLength: 100, description: 'The pitch group (PUT …/pitch-groups) whose startups pitch in this session; one session per group' })
  @Transform(trim)
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  pitchGroup: string;

  @ApiProperty({ example: '피칭 세션 A (Pitch session A)', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '2030-03-10', description: 'The session’s calendar day in its time zone; every slot starts and ends on it' })
  @Matches(DAY)
  @IsIsoDateInRange()
  day: string;

  @ApiProperty({ example: 'Asia/Seoul', maxLength: 64, description: 'IANA time zone of the session' })
  @IsTimeZone()
  timeZone: string;

  @ApiProperty({ type: PitchRubricDto })
  @NestedObject(() => PitchRubricDto)
  rubric: PitchRubricDto;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 50, example: 3, description: 'Quorum: a pitch counts when at least this many jurors scored it; otherwise it is not scored and the startup is not selectable' })
  @IsInt()
  @Min(1)
  @Max(50)
  minJurors: number;
}

export class CreatePitchSlotDto {
  @ApiProperty({ format: 'uuid', description: 'A candidate of the cohort in the session’s pitch group' })
  @IsUuid()
  startupId: string;

  @ApiProperty({ example: '2030-03-10T10:00:00+09:00', description: 'The start, with its offset (Z or ±hh:mm); it and the end must fall on the session’s day in its time zone' })
  @Matches(INSTANT)
  @IsIsoDateInRange()
  startsAt: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 240, example: 10, description: 'Length of the slot in minutes' })
  @IsInt()
  @Min(1)
  @Max(240)
  minutes: number;
}

export class SlotAttendanceDto {
  @ApiProperty({ description: 'true: the startup did not pitch (its scores stop counting and it is not selectable); false: undo' })
  @IsBoolean()
  absent: boolean;
}

export class AddJurorDto {
  @ApiProperty({ format: 'uuid', description: 'An active principal of role reviewer of the cohort’s organising organisation' })
  @IsUuid()
  principalId: string;
}

export class CriterionScoreDto {
  @ApiProperty({ example: 'team', maxLength: SLUG_MAX_LENGTH })
  @IsString()
  @MaxLength(SLUG_MAX_LENGTH)
  criterion: string;

  @ApiProperty({ minimum: 0, maximum: 100, example: 7.5, description: 'From 0 to the rubric’s maxScore, in whole or half points' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  score: number;
}

export class SubmitPitchScoreDto {
  @ApiProperty({ type: [CriterionScoreDto], description: 'Every criterion of the rubric exactly once' })
  @NestedObjectArray(() => CriterionScoreDto, 20, { minSize: 1 })
  scores: CriterionScoreDto[];

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOmittable()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class RecusalDto {
  @ApiProperty({ maxLength: 1000, example: 'I advised this startup last year.' })
  @Transform(trim)
  @IsString()
  @IsNotBlank()
  @MaxLength(1000)
  reason: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'A startup of the session: declares a conflict of interest with it alone (your score of it stops counting). Without it you recuse from the whole session.',
  })
  @IsOmittable()
  @IsUuid()
  startupId?: string;
}

// ---- answers ----

export class PitchCriterionViewDto {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty() weight: number;
}

export class PitchSlotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty() startupName: string;
  @ApiProperty() startupNameLatin: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ example: '10:00', description: 'The start in the session’s time zone' }) localStartTime: string;
  @ApiProperty({ enum: PITCH_SLOT_ATTENDANCES }) attendance: PitchSlotAttendance;
}

export class PitchJurorConflictDto {
  @ApiProperty({ format: 'uuid', description: 'A startup with a slot in the session' }) startupId: string;
  @ApiProperty({
    enum: ['declared', 'certification_issuer'],
    description: 'declared: the juror declared it (recusal with a startupId); certification_issuer: the juror’s organisation issued one of the startup’s certifications (as in reviews)',
  })
  source: 'declared' | 'certification_issuer';
}

export class PitchJurorDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) principalId: string;
  @ApiProperty({ enum: JUROR_STATES }) state: JurorState;
  @ApiProperty({ nullable: true, type: String }) recusalReason: string | null;
  @ApiProperty({
    type: [PitchJurorConflictDto],
    description: 'The session’s startups this juror does not judge (its scores of them are refused and do not count), by startup id',
  })
  conflicts: PitchJurorConflictDto[];
}

export class PitchSessionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) pitchDayId: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() pitchGroup: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '2030-03-10' }) day: string;
  @ApiProperty({ example: 'Asia/Seoul' }) timeZone: string;
  @ApiProperty({ type: [PitchCriterionViewDto] }) criteria: PitchCriterionViewDto[];
  @ApiProperty() maxScore: number;
  @ApiProperty() minJurors: number;
  @ApiProperty({ enum: PITCH_SESSION_STATES }) state: PitchSessionState;
  @ApiProperty({ type: [PitchSlotDto], description: 'By start time' }) slots: PitchSlotDto[];
  @ApiProperty({ type: [PitchJurorDto] }) jurors: PitchJurorDto[];
}

export class PitchSessionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() pitchGroup: string;
  @ApiProperty() name: string;
  @ApiProperty() day: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: PITCH_SESSION_STATES }) state: PitchSessionState;
}

export class PitchDayDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty() perGroup: number;
  @ApiProperty({ enum: PITCH_DAY_STATES }) state: PitchDayState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The agreement the organiser named (not checked here; see the creation)' })
  agreementId: string | null;
  @ApiProperty({ type: [PitchSessionSummaryDto], description: 'By pitch group' }) sessions: PitchSessionSummaryDto[];
}

export class PitchScoreDto {
  @ApiProperty({ format: 'uuid' }) slotId: string;
  @ApiProperty({ format: 'uuid' }) jurorId: string;
  @ApiProperty({ type: [CriterionScoreDto] }) scores: CriterionScoreDto[];
  @ApiProperty({ description: 'Σ weight·score / Σ weight' }) weightedScore: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class RecusalResultDto {
  @ApiProperty({ format: 'uuid' }) jurorId: string;
  @ApiProperty({ enum: ['session', 'startup'] }) scope: 'session' | 'startup';
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) startupId: string | null;
  @ApiProperty({ description: 'Active jurors left on the session; when fewer than minJurors, add a replacement or those pitches stay below quorum' })
  activeJurors: number;
  @ApiProperty() minJurors: number;
}

export class LocalisedTextDto {
  @ApiProperty({ description: 'Stable machine code' }) code: string;
  @ApiProperty({ description: 'The text in the reply language (Accept-Language, else the caller’s language, else English)' }) message: string;
}

export class PitchResultDto {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) pitchDayId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ description: 'The pitch group (session) it competed in; `unassigned` for a candidate in no group' }) group: string;
  @ApiProperty({ enum: PITCH_RESULT_OUTCOMES, description: 'selected: offered a place; waitlisted; not_selected (see reason)' }) outcome: PitchResultOutcome;
  @ApiProperty({
    enum: PITCH_RESULT_REASONS,
    nullable: true,
    type: String,
    description: 'Why not selected: no slot (did_not_pitch), marked absent, or fewer counted jury scores than the session’s quorum (below_quorum); null when selected or waitlisted',
  })
  reason: PitchResultReason | null;
  @ApiProperty({ description: 'Whether it pitched (false for did_not_pitch and absent)' }) pitched: boolean;
  @ApiProperty({ nullable: true, type: Number, description: 'The mean weighted jury score (0..maxScore); null when the pitch was not scored' }) pitchScore: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'The session’s rubric maximum; null without a slot' }) maxScore: number | null;
  @ApiProperty({ description: 'Jurors whose scores counted' }) jurors: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The session’s quorum; null without a slot' }) minJurors: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Rank within the group, 1 = best; null when not selected' }) rank: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Position on the group’s waitlist when waitlisted' }) waitlistPosition: number | null;
  @ApiProperty({ type: LocalisedTextDto, description: 'The result explained: code `selected`, `waitlisted`, or the reason' }) explanation: LocalisedTextDto;
}
