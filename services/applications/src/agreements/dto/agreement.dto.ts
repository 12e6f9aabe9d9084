import { AGREEMENT_STATES } from '@exchange/data';
import { IsIsoDateInRange, IsNotBlank, IsOmittable, IsUuid, PageQueryDto, PG_INT_MAX } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** A calendar day, `YYYY-MM-DD` (the report reads it as a UTC day). */
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMessage = (field: string) => ({ message: `${field} must be a calendar day like 2026-03-01` });

export const MAX_TITLE_LENGTH = 300;
/** A target larger than this is not a plan but a typo. */
export const MAX_STARTUPS_TARGET = 100_000;

const TARGET_DESCRIPTION = 'Distinct startups this party means to send to the other over the whole agreement (null: no target)';

export class CreateAgreementDto {
  @ApiProperty({ description: "The other party (an organisation id); the caller's organisation is party A, this one party B" })
  @IsUuid()
  counterpartOrganisationId: string;

  @ApiProperty({ example: 'Seoul–Moscow startup exchange MOU 2026–2028', maxLength: MAX_TITLE_LENGTH })
  @IsString()
  @IsNotBlank()
  @MaxLength(MAX_TITLE_LENGTH)
  title: string;

  @ApiProperty({ example: '2025-12-10', description: 'The day it was signed' })
  @IsIsoDateInRange()
  @Matches(CALENDAR_DAY, dayMessage('signedOn'))
  signedOn: string;

  @ApiProperty({ example: '2026-01-01', description: 'First day it is valid' })
  @IsIsoDateInRange()
  @Matches(CALENDAR_DAY, dayMessage('validFrom'))
  validFrom: string;

  @ApiProperty({ example: '2028-12-31', description: 'Last day it is valid (inclusive); at most 10 years after validFrom' })
  @IsIsoDateInRange()
  @Matches(CALENDAR_DAY, dayMessage('validUntil'))
  validUntil: string;

  @ApiPropertyOptional({ description: `Party A's target. ${TARGET_DESCRIPTION}`, minimum: 1, maximum: MAX_STARTUPS_TARGET, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_STARTUPS_TARGET)
  partyATarget?: number | null;

  @ApiPropertyOptional({ description: `Party B's target. ${TARGET_DESCRIPTION}`, minimum: 1, maximum: MAX_STARTUPS_TARGET, nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_STARTUPS_TARGET)
  partyBTarget?: number | null;
}

// skipNullProperties: false: a field may be left out, but null is refused (targets take null: no target).
export class UpdateAgreementDto extends PartialType(OmitType(CreateAgreementDto, ['counterpartOrganisationId'] as const), { skipNullProperties: false }) {
  @ApiProperty({ description: 'The version you read; a stale one answers 409' })
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version: number;
}

export class ListAgreementsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: AGREEMENT_STATES }) @IsOmittable() @IsIn(AGREEMENT_STATES) state?: (typeof AGREEMENT_STATES)[number];
}

export class ReciprocityQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: "First day of the period (default: the agreement's validFrom)" })
  @IsOmittable()
  @IsIsoDateInRange()
  @Matches(CALENDAR_DAY, dayMessage('from'))
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: "Last day of the period, inclusive (default: the agreement's validUntil); at most 3,660 days after from" })
  @IsOmittable()
  @IsIsoDateInRange()
  @Matches(CALENDAR_DAY, dayMessage('to'))
  to?: string;
}

export class AgreementPartyResponse {
  @ApiProperty() organisationId: string;
  @ApiProperty({ nullable: true, type: Number, description: TARGET_DESCRIPTION }) target: number | null;
}

export class AgreementResponse {
  @ApiProperty() id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: AgreementPartyResponse, description: 'The organisation that created the agreement' }) partyA: AgreementPartyResponse;
  @ApiProperty({ type: AgreementPartyResponse, description: 'The organisation it named' }) partyB: AgreementPartyResponse;
  @ApiProperty({ example: '2025-12-10' }) signedOn: string;
  @ApiProperty({ example: '2026-01-01' }) validFrom: string;
  @ApiProperty({ example: '2028-12-31' }) validUntil: string;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: string;
  @ApiProperty({ nullable: true, type: String }) endedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class AgreementPageResponse {
  @ApiProperty({ type: [AgreementResponse] }) items: AgreementResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ReciprocityPartyResponse {
  @ApiProperty() organisationId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
  @ApiProperty({ example: 'KR' }) country: string;
}

export class ReciprocityDirectionResponse {
  @ApiProperty({ type: ReciprocityPartyResponse, description: 'The party whose country the startups are from' }) from: ReciprocityPartyResponse;
  @ApiProperty({ type: ReciprocityPartyResponse, description: "The party whose programmes they took part in" }) to: ReciprocityPartyResponse;
  @ApiProperty({ description: 'Distinct startups that submitted an application' }) startupsSent: number;
  @ApiProperty({ description: 'Applications submitted' }) applications: number;
  @ApiProperty({ description: 'Applications accepted' }) acceptances: number;
  @ApiProperty() pilotsStarted: number;
  @ApiProperty() pilotsCompleted: number;
  @ApiProperty({ description: 'Completed pilots whose host adopted the product (adoption other than none)' }) pilotsAdopted: number;
  @ApiProperty({ description: 'Sum of the contract values reported for the adopted pilots' }) contractValue: number;
  @ApiProperty({ description: 'Cohort offers accepted (places taken)' }) cohortPlaces: number;
  @ApiProperty({ description: 'Cohort members who graduated' }) graduates: number;
  @ApiProperty({ description: "Pitches made at pitch days of the receiving party's programmes (one per startup that pitched, absences excluded)" }) pitchesMade: number;
  @ApiProperty({ description: 'Of those pitches, the ones the jury ranking selected (an offer)' }) pitchSelections: number;
  @ApiProperty({
    description:
      "Business-mission meetings held (outcome recorded) under missions that name this agreement, from the delegation's country (the sender's) to the mission's host country (the receiver's)",
  })
  missionMeetings: number;
  @ApiProperty({ description: 'Of those meetings, the ones whose outcome is agreement_signed' }) missionAgreementsSigned: number;
  @ApiProperty({ description: 'Of those meetings, the ones whose outcome is pilot_proposed' }) missionPilotsProposed: number;
  @ApiProperty({ nullable: true, type: Number, description: "The sending party's target (distinct startups over the whole agreement)" }) target: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'startupsSent / target (1 = target met), rounded to 4 places; null without a target' }) progress: number | null;
}

export class ReciprocityPeriodResponse {
  @ApiProperty({ example: '2026-01-01' }) from: string;
  @ApiProperty({ example: '2026-12-31', description: 'Inclusive' }) to: string;
}

export class ReciprocityReportResponse {
  @ApiProperty() agreementId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: AGREEMENT_STATES }) state: string;
  @ApiProperty({ type: ReciprocityPeriodResponse, description: 'UTC days; an event counts when it happened within them' }) period: ReciprocityPeriodResponse;
  @ApiProperty({ description: 'How a startup is counted in a direction' }) directionRule: string;
  @ApiProperty({ description: 'How a business-mission meeting is counted in a direction' }) missionDirectionRule: string;
  @ApiProperty({ type: [ReciprocityDirectionResponse], description: 'Party A → party B, then party B → party A' }) directions: ReciprocityDirectionResponse[];
}
