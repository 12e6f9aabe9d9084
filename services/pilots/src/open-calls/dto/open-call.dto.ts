import { IsIsoDateInRange, IsLanguageCode, IsNotBlank, IsOmittable, IsSlug, IsUuid, PG_INT_MAX, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  OPEN_CALL_ANSWER_STATES,
  OPEN_CALL_CLOSE_REASONS,
  OPEN_CALL_STATES,
  type OpenCallAnswerState,
  type OpenCallCloseReason,
  type OpenCallState,
} from '@exchange/data';

export const OPEN_CALL_TITLE_MAX = 200;
export const OPEN_CALL_PROBLEM_MAX = 5000;
export const OPEN_CALL_PROPOSAL_MAX = 2000;
/** Longest search query: a sentence, not a document. */
export const OPEN_CALL_QUERY_MAX = 200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class PublishOpenCallDto {
  @ApiProperty({ format: 'uuid', description: 'One of your pilot sites (active).' })
  @IsUuid()
  siteId: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "The site's programme the call is published in (its organiser and partner agencies are told). Defaults to the site's only programme; required when the site takes part in several.",
  })
  @IsOmittable()
  @IsUuid()
  programmeId?: string;

  @ApiProperty({ example: '야간 응급실 환자 분류 자동화', description: 'In any script.', maxLength: OPEN_CALL_TITLE_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(OPEN_CALL_TITLE_MAX)
  title: string;

  @ApiProperty({ example: '야간에 응급실 환자 분류가 너무 오래 걸립니다.', description: 'The problem in your own words, in any script.', maxLength: OPEN_CALL_PROBLEM_MAX })
  @IsString()
  @IsNotBlank()
  @MaxLength(OPEN_CALL_PROBLEM_MAX)
  problem: string;

  @ApiProperty({ type: [String], example: ['medtech', 'ai'], description: 'Technology fields sought (short keys).', minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsSlug({ each: true })
  technologyFields: string[];

  @ApiPropertyOptional({ type: [String], example: ['ko', 'en'], description: "Languages spoken on site (ISO 639-1); the site's by default.", maxItems: 10 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsLanguageCode({ each: true })
  languages?: string[];

  @ApiProperty({ example: '2026-05-01', description: 'First day of the pilot window.' })
  @IsIsoDateInRange()
  @Matches(DAY, { message: 'windowStartsOn must be a date like 2026-05-01' })
  windowStartsOn: string;

  @ApiProperty({ example: '2026-07-31', description: 'Last day of the pilot window (not before its first).' })
  @IsIsoDateInRange()
  @Matches(DAY, { message: 'windowEndsOn must be a date like 2026-07-31' })
  windowEndsOn: string;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 2, description: 'How many pilots the host seeks.' })
  @IsInt()
  @Min(1)
  @Max(1000)
  pilotsSought: number;

  @ApiProperty({ example: '2026-04-15T23:59:59Z', description: 'Answers are taken until then (in the future, before the window ends); the call closes itself at that time.' })
  @IsIsoDateInRange()
  answerDeadline: string;

  @ApiPropertyOptional({ example: 'Seoul', description: "The city of the pilots; the site's by default.", maxLength: 200 })
  @IsOmittable()
  @IsString()
  @IsNotBlank()
  @MaxLength(200)
  city?: string;
}

export class OpenCallActionDto {
  @ApiPropertyOptional({ description: 'The version you read; a stale version answers 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version?: number;
}

export class ListOpenCallsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: '응급실 환자 분류',
    maxLength: OPEN_CALL_QUERY_MAX,
    description:
      'Words of the title, problem, city or fields, in any script; a misspelt word still finds its call (trigram similarity), best match first. One or two characters match as a substring.',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(OPEN_CALL_QUERY_MAX)
  q?: string;

  @ApiPropertyOptional({ example: 'medtech', description: 'Only calls seeking this technology field.' })
  @IsOmittable()
  @IsSlug()
  field?: string;

  @ApiPropertyOptional({ example: 'Seoul', description: 'Only calls in this city (any case).', maxLength: 200 })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  city?: string;
}

export class AnswerOpenCallDto {
  @ApiProperty({
    example: 'Our triage model cut night-time waiting by a third at two Seoul hospitals; we can pilot it in May.',
    maxLength: OPEN_CALL_PROPOSAL_MAX,
    description: 'A short proposal, in any script.',
  })
  @IsString()
  @IsNotBlank()
  @MaxLength(OPEN_CALL_PROPOSAL_MAX)
  proposal: string;
}

export class ListOpenCallAnswersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: OPEN_CALL_ANSWER_STATES })
  @IsOmittable()
  @IsIn(OPEN_CALL_ANSWER_STATES)
  state?: OpenCallAnswerState;
}

/** What anyone may read of an open call: the host's need, never its people or the answers. */
export class OpenCallDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() siteName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The programme the call is published in, if any.' }) programmeId: string | null;
  @ApiProperty() title: string;
  @ApiProperty() problem: string;
  @ApiProperty({ type: [String] }) technologyFields: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty() city: string;
  @ApiProperty() country: string;
  @ApiProperty({ format: 'date' }) windowStartsOn: string;
  @ApiProperty({ format: 'date' }) windowEndsOn: string;
  @ApiProperty() pilotsSought: number;
  @ApiProperty({ format: 'date-time' }) answerDeadline: string;
  @ApiProperty({ enum: OPEN_CALL_STATES }) state: OpenCallState;
  @ApiProperty({ enum: OPEN_CALL_CLOSE_REASONS, nullable: true, type: String }) closedReason: OpenCallCloseReason | null;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) closedAt: string | null;
  @ApiProperty() version: number;
}

export class OpenCallPageDto {
  @ApiProperty({ type: [OpenCallDto] }) items: OpenCallDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OpenCallAnswerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) openCallId: string;
  @ApiProperty() openCallTitle: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty() proposal: string;
  @ApiProperty({ enum: OPEN_CALL_ANSWER_STATES }) state: OpenCallAnswerState;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty() version: number;
}

export class OpenCallAnswerPageDto {
  @ApiProperty({ type: [OpenCallAnswerDto] }) items: OpenCallAnswerDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
