import { IsIsoDateInRange, IsNotBlank, IsOmittable, IsUuid, NestedObjectArray, PG_INT_MAX, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { buildMessage, IsIn, IsInt, IsNumber, IsString, Matches, Max, MaxLength, Min, ValidateBy } from 'class-validator';
import { ADOPTION_DECISIONS, PILOT_OUTCOMES, PILOT_STATES, type AdoptionDecision, type PilotOutcome, type PilotState } from '@exchange/data';

/** Measured values and targets: any real measurement, never a float PostgreSQL or a partner would overflow. */
export const MEASURE_LIMIT = 1e12;
/** The largest contract value `numeric(18, 2)` holds, rounded down. */
const CONTRACT_VALUE_MAX = 1e15;

/**
 * At most two decimal places. class-validator's own `maxDecimalPlaces` throws (a 500) on a number
 * JavaScript prints with an exponent, such as 1e-7.
 */
function HasAtMostTwoDecimals(): PropertyDecorator {
  return ValidateBy({
    name: 'hasAtMostTwoDecimals',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && /^-?\d+(\.\d{1,2})?$/.test(String(value)),
      defaultMessage: buildMessage((each) => `${each}$property must have at most two decimal places`),
    },
  });
}

export class VersionedActionDto {
  @ApiPropertyOptional({ description: 'The version you read; a stale version answers 409.' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version?: number;
}

export class SchedulePilotDto extends VersionedActionDto {
  @ApiProperty({ example: '2026-04-01', description: 'First day of the pilot; it ends after its duration.' })
  @IsIsoDateInRange()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startsOn must be a date like 2026-04-01' })
  startsOn: string;
}

export class CancelPilotDto extends VersionedActionDto {
  @ApiProperty({ example: 'The host closed the ward for renovation.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(2000)
  reason: string;
}

export class MeasuredResultDto {
  @ApiProperty({ example: 'triage_time_reduction', description: 'The name of a success criterion set at approval.' })
  @IsString()
  @IsNotBlank()
  @MaxLength(100)
  criterion: string;

  @ApiProperty({ example: 24 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MEASURE_LIMIT)
  @Max(MEASURE_LIMIT)
  value: number;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class FinalReportInputDto extends VersionedActionDto {
  @ApiProperty({ enum: PILOT_OUTCOMES })
  @IsIn(PILOT_OUTCOMES)
  outcome: PilotOutcome;

  @ApiProperty({ type: [MeasuredResultDto], description: 'One measured value for each success criterion.' })
  @NestedObjectArray(() => MeasuredResultDto, 20)
  results: MeasuredResultDto[];

  @ApiPropertyOptional({ example: 'Staff adopted the tool within a week.' })
  @IsOmittable()
  @IsString()
  @MaxLength(10_000)
  feedback?: string;

  @ApiProperty({ enum: ADOPTION_DECISIONS })
  @IsIn(ADOPTION_DECISIONS)
  adoption: AdoptionDecision;

  @ApiPropertyOptional({ example: 1500000, description: 'Contract value, if any.' })
  @IsOmittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @HasAtMostTwoDecimals()
  @Min(0)
  @Max(CONTRACT_VALUE_MAX)
  contractValue?: number;

  @ApiPropertyOptional({ example: 'RUB', description: 'ISO 4217; required with a contract value.' })
  @IsOmittable()
  @Matches(/^[A-Z]{3}$/, { message: 'contractCurrency must be an ISO 4217 code such as RUB' })
  contractCurrency?: string;
}

export class ListPilotsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PILOT_STATES })
  @IsOmittable()
  @IsIn(PILOT_STATES)
  state?: PilotState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  programmeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  siteId?: string;

  @ApiPropertyOptional({ enum: ['overdue', 'very_late'], description: 'Only pilots whose report is overdue (or very late).' })
  @IsOmittable()
  @IsIn(['overdue', 'very_late'])
  report?: 'overdue' | 'very_late';
}

export class SuccessCriterionViewDto {
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty() target: number;
  @ApiProperty() description: string;
}

export class HostOwnerViewDto {
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) principalId: string | null;
}

export class MeasuredResultViewDto {
  @ApiProperty() criterion: string;
  @ApiProperty() target: number;
  @ApiProperty() value: number;
  @ApiProperty({ description: 'Whether the target was reached (value ≥ target).' }) met: boolean;
  @ApiPropertyOptional() note?: string;
}

export class FinalReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PILOT_OUTCOMES }) outcome: PilotOutcome;
  @ApiProperty({ type: [MeasuredResultViewDto] }) results: MeasuredResultViewDto[];
  @ApiProperty({ nullable: true, type: String }) feedback: string | null;
  @ApiProperty({ enum: ADOPTION_DECISIONS }) adoption: AdoptionDecision;
  @ApiProperty({ nullable: true, type: Number }) contractValue: number | null;
  @ApiProperty({ nullable: true, type: String }) contractCurrency: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) filedBy: string | null;
  @ApiProperty({ format: 'date-time' }) filedAt: string;
}

export class PilotDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) hostOrganisationId: string;
  @ApiProperty({ enum: PILOT_STATES }) state: PilotState;
  @ApiProperty({ type: [SuccessCriterionViewDto] }) successCriteria: SuccessCriterionViewDto[];
  @ApiProperty() durationDays: number;
  @ApiProperty({ type: HostOwnerViewDto }) hostOwner: HostOwnerViewDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) approvedBy: string | null;
  @ApiProperty({ format: 'date-time' }) approvedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) plannedStartAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) plannedEndAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ enum: ['not_due', 'overdue', 'very_late', 'filed'], description: 'Where the final report stands.' })
  reportStatus: 'not_due' | 'overdue' | 'very_late' | 'filed';
  @ApiProperty({ type: FinalReportDto, nullable: true }) report: FinalReportDto | null;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PilotPageDto {
  @ApiProperty({ type: [PilotDto] }) items: PilotDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
