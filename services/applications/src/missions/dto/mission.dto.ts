import { MEETING_ANSWERS, MEETING_OUTCOMES, MISSION_SIDES, MISSION_STATES } from '@exchange/data';
import {
  IsCountryCode,
  IsIsoDateInRange,
  IsLanguageCode,
  IsNotBlank,
  IsOmittable,
  IsSlug,
  IsTimeZone,
  IsUuid,
  NestedObject,
  NestedObjectArray,
  PageQueryDto,
} from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_MEETINGS_PER_COMPANY, MAX_MEETINGS_PER_COMPANY } from '../matchmaking';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A calendar day, `YYYY-MM-DD`. */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** `HH:MM` on a 24-hour clock; an end of day may be `24:00`. */
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

export const MAX_MISSION_DAYS = 14;
export const MAX_ROOMS = 200;
export const MAX_PARTNERS = 20;
export const MAX_TAGS = 20;
export const MAX_AVAILABILITY_RANGES = 50;
export const MAX_PARTICIPANTS = 500;

const TAGS = 'Short keys (a-z, 0-9, _ and -, up to 40 characters), at most 20';

export class CreateMissionDto {
  @ApiProperty({ example: 'Korean medtech delegation to Moscow', maxLength: 300 }) @IsString() @IsNotBlank() @MaxLength(300) title: string;

  @ApiPropertyOptional({ type: [String], description: 'Organisations that read the mission and receive its events (at most 20)', maxItems: MAX_PARTNERS })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_PARTNERS)
  @IsUuid({ each: true })
  partnerOrganisationIds?: string[];

  @ApiPropertyOptional({
    description:
      "The agreement (MOU) the mission runs under: one the caller's organisation is a party to and still active. Its meetings' outcomes then count in that agreement's reciprocity report.",
  })
  @IsOmittable()
  @IsUuid()
  agreementId?: string;

  @ApiProperty({ example: 'Moscow', maxLength: 120 }) @IsString() @IsNotBlank() @MaxLength(120) hostCity: string;
  @ApiProperty({ example: 'RU' }) @IsCountryCode() country: string;
  @ApiProperty({ example: 'Europe/Moscow', description: 'IANA time zone of the host city: slot times are wall-clock times there' }) @IsTimeZone() timeZone: string;

  @ApiProperty({ example: ['2026-05-12', '2026-05-13'], description: 'Meeting days, at most 14', minItems: 1, maxItems: MAX_MISSION_DAYS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_MISSION_DAYS)
  @IsIsoDateInRange({ each: true })
  @Matches(CALENDAR_DAY, { each: true, message: 'each day must be a calendar day like 2026-05-12' })
  days: string[];

  @ApiProperty({ example: '09:00', description: 'Start of the meeting hours of each day (local)' }) @Matches(CLOCK_TIME, { message: 'dayStartsAt must be a time like 09:00' }) dayStartsAt: string;
  @ApiProperty({ example: '18:00', description: 'End of the meeting hours of each day (local; 24:00 for midnight)' }) @Matches(END_TIME, { message: 'dayEndsAt must be a time like 18:00' }) dayEndsAt: string;

  @ApiProperty({ example: 20, minimum: 5, maximum: 240, description: 'Length of one meeting slot in minutes' }) @IsInt() @Min(5) @Max(240) slotMinutes: number;

  @ApiProperty({ example: ['Table 1', 'Table 2'], description: 'Room or table names, distinct, at most 200', minItems: 1, maxItems: MAX_ROOMS })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ROOMS)
  @IsString({ each: true })
  @IsNotBlank({ each: true })
  @MaxLength(100, { each: true })
  rooms: string[];

  @ApiPropertyOptional({
    example: 20,
    minimum: 1,
    maximum: MAX_MEETINGS_PER_COMPANY,
    default: DEFAULT_MEETINGS_PER_COMPANY,
    description:
      'The most meetings matchmaking proposes to one company (its proposals not declined count; a declined one frees a place for the next run). A company meets once per slot, so more than the slot count cannot all be placed.',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_MEETINGS_PER_COMPANY)
  meetingsPerCompany?: number;
}

export class AvailabilityRangeDto {
  @ApiProperty({ example: '2026-05-12', description: 'A day of the mission' })
  @IsIsoDateInRange()
  @Matches(CALENDAR_DAY, { message: 'day must be a calendar day like 2026-05-12' })
  day: string;

  @ApiProperty({ example: '09:00' }) @Matches(CLOCK_TIME, { message: 'from must be a time like 09:00' }) from: string;
  @ApiProperty({ example: '12:00' }) @Matches(END_TIME, { message: 'to must be a time like 12:00' }) to: string;
}

export class AddParticipantDto {
  @ApiProperty({ enum: MISSION_SIDES, description: 'delegation: a visiting company; local: a company of the host region' }) @IsIn(MISSION_SIDES) side: (typeof MISSION_SIDES)[number];

  @ApiPropertyOptional({ description: 'The company as an organisation (exactly one of organisationId and startupId)' }) @IsOmittable() @IsUuid() organisationId?: string;
  @ApiPropertyOptional({ description: 'The company as a startup (exactly one of organisationId and startupId)' }) @IsOmittable() @IsUuid() startupId?: string;

  @ApiPropertyOptional({ example: ['medtech', 'ai'], description: `Fields it works in. ${TAGS}; a startup's technology fields when omitted`, maxItems: MAX_TAGS })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsSlug({ each: true })
  fields?: string[];

  @ApiPropertyOptional({ example: ['ai-triage'], description: `What it offers. ${TAGS}`, maxItems: MAX_TAGS }) @IsOmittable() @IsArray() @ArrayMaxSize(MAX_TAGS) @IsSlug({ each: true }) offers?: string[];
  @ApiPropertyOptional({ example: ['hospital-network'], description: `What it seeks. ${TAGS}`, maxItems: MAX_TAGS }) @IsOmittable() @IsArray() @ArrayMaxSize(MAX_TAGS) @IsSlug({ each: true }) seeks?: string[];

  @ApiPropertyOptional({ example: ['ko', 'en'], description: "ISO 639-1 codes it meets in, at most 10 (a startup's languages when omitted)", maxItems: 10 })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(10)
  @IsLanguageCode({ each: true })
  languages?: string[];

  @ApiPropertyOptional({ type: [AvailabilityRangeDto], description: 'When it can meet (local times of mission days); omitted: every slot', maxItems: MAX_AVAILABILITY_RANGES })
  @IsOmittable()
  @NestedObjectArray(() => AvailabilityRangeDto, MAX_AVAILABILITY_RANGES)
  availability?: AvailabilityRangeDto[];
}

export class ListMissionsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: MISSION_STATES }) @IsOmittable() @IsIn(MISSION_STATES) state?: (typeof MISSION_STATES)[number];
}

export const MEETING_STATES = ['proposed', 'accepted', 'declined'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

export class ListMeetingsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: MEETING_STATES, description: 'accepted: by both sides; declined: by either' }) @IsOmittable() @IsIn(MEETING_STATES) state?: MeetingState;
}

export class PilotApplicationDto {
  @ApiProperty({ description: 'A published pilot programme' }) @IsUuid() programmeId: string;
  @ApiProperty({ description: 'The startup of the meeting that applies' }) @IsUuid() startupId: string;
}

export class RecordOutcomeDto {
  @ApiProperty({ enum: MEETING_OUTCOMES }) @IsIn(MEETING_OUTCOMES) outcome: (typeof MEETING_OUTCOMES)[number];
  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(2000) note?: string | null;

  @ApiPropertyOptional({
    type: PilotApplicationDto,
    description: 'pilot_proposed only: opens a draft application of the startup to the pilot programme, which the startup then fills in and submits',
  })
  @IsOmittable()
  @NestedObject(() => PilotApplicationDto)
  pilotApplication?: PilotApplicationDto;
}

// Responses

export class MissionResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty() organiserOrganisationId: string;
  @ApiProperty({ type: [String] }) partnerOrganisationIds: string[];
  @ApiProperty({ nullable: true, type: String, description: 'The agreement the mission runs under (null: none)' }) agreementId: string | null;
  @ApiProperty() hostCity: string;
  @ApiProperty() country: string;
  @ApiProperty() timeZone: string;
  @ApiProperty({ type: [String] }) days: string[];
  @ApiProperty() dayStartsAt: string;
  @ApiProperty() dayEndsAt: string;
  @ApiProperty() slotMinutes: number;
  @ApiProperty({ description: 'Slots of all days together' }) slotCount: number;
  @ApiProperty({ type: [String] }) rooms: string[];
  @ApiProperty({ description: 'The most meetings matchmaking proposes to one company (not counting declined ones)' }) meetingsPerCompany: number;
  @ApiProperty({ enum: MISSION_STATES }) state: string;
  @ApiProperty({ nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) scheduledAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class MissionPageResponse {
  @ApiProperty({ type: [MissionResponse] }) items: MissionResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AvailabilityRangeResponse {
  @ApiProperty() day: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class ParticipantResponse {
  @ApiProperty() id: string;
  @ApiProperty() missionId: string;
  @ApiProperty({ enum: MISSION_SIDES }) side: string;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) startupId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) fields: string[];
  @ApiProperty({ type: [String] }) offers: string[];
  @ApiProperty({ type: [String] }) seeks: string[];
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ type: [AvailabilityRangeResponse], nullable: true, description: 'null: every slot' }) availability: AvailabilityRangeResponse[] | null;
  @ApiProperty() createdAt: string;
}

export class ParticipantPageResponse {
  @ApiProperty({ type: [ParticipantResponse] }) items: ParticipantResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class MeetingCompanyResponse {
  @ApiProperty() participantId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) startupId: string | null;
  @ApiProperty({ enum: MEETING_ANSWERS }) answer: string;
}

export class MeetingReasonResponse {
  @ApiProperty({ example: 'fieldOverlap' }) key: string;
  @ApiProperty() weight: number;
  @ApiProperty({ description: '0..1' }) value: number;
  @ApiProperty({ example: 'FIELDS_SHARED', description: 'Stable reason code' }) code: string;
  @ApiProperty({ description: "The reason in the reader's language (Accept-Language)" }) message: string;
}

export class MeetingSlotResponse {
  @ApiProperty() index: number;
  @ApiProperty({ example: '2026-05-12' }) day: string;
  @ApiProperty({ example: '09:00', description: 'Local time in the mission time zone' }) from: string;
  @ApiProperty({ example: '09:20' }) to: string;
  @ApiProperty() startsAt: string;
  @ApiProperty() endsAt: string;
  @ApiProperty() room: string;
}

export class MeetingOutcomeResponse {
  @ApiProperty({ enum: MEETING_OUTCOMES }) outcome: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() recordedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'pilot_proposed: the draft application it opened' }) pilotApplicationId: string | null;
}

export class MeetingResponse {
  @ApiProperty() id: string;
  @ApiProperty() missionId: string;
  @ApiProperty({ type: MeetingCompanyResponse }) delegation: MeetingCompanyResponse;
  @ApiProperty({ type: MeetingCompanyResponse }) local: MeetingCompanyResponse;
  @ApiProperty({ description: '0..1' }) score: number;
  @ApiProperty({ type: [MeetingReasonResponse] }) reasons: MeetingReasonResponse[];
  @ApiProperty({ enum: MEETING_STATES }) state: string;
  @ApiProperty({ type: MeetingSlotResponse, nullable: true, description: 'Where and when, once scheduled' }) slot: MeetingSlotResponse | null;
  @ApiProperty({ type: MeetingOutcomeResponse, nullable: true }) outcome: MeetingOutcomeResponse | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
}

export class MeetingPageResponse {
  @ApiProperty({ type: [MeetingResponse] }) items: MeetingResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ProposalsResponse {
  @ApiProperty({ description: 'Meetings proposed by this run' }) proposed: number;
  @ApiProperty({ description: 'Meetings of the mission in all' }) total: number;
}

export class ScheduleResponse {
  @ApiProperty({ description: 'Meetings accepted by both sides' }) requested: number;
  @ApiProperty() placed: number;
  @ApiProperty({ type: [String], description: 'Accepted meetings that found no slot and room (each conflicts in every slot both companies can meet)' }) unplacedMeetingIds: string[];
  @ApiProperty({ description: 'What the scheduler guarantees' }) guarantee: string;
}
