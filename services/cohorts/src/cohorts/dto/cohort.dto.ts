import { IsOmittable, IsUuid, PG_INT_MAX, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { COHORT_STATES, type Cohort, type CohortState } from '@exchange/data';
import { TIE_BREAK_ORDER } from '../../selection/ranking';
import { SelectionRuleViewDto } from './selection-rule.dto';

export class CohortDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) programmeId: string;
  @ApiProperty({ format: 'uuid' }) organiserOrganisationId: string;
  @ApiProperty({ type: [String], format: 'uuid' }) partnerOrganisationIds: string[];
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) nameLatin: string | null;
  @ApiProperty() hostCountry: string;
  @ApiProperty() hostCity: string;
  @ApiProperty() timeZone: string;
  @ApiProperty() language: string;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty() capacity: number;
  @ApiProperty() offerTtlHours: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) offerDeadlineAt: string | null;
  @ApiProperty({ type: SelectionRuleViewDto }) selectionRule: SelectionRuleViewDto;
  @ApiProperty({ enum: COHORT_STATES }) state: CohortState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) selectedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) graduatedAt: string | null;
  @ApiProperty({ description: 'Send it back on state changes: a stale version is answered 409' }) version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;

  static of(c: Cohort): CohortDto {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      id: c.id,
      programmeId: c.programmeId,
      organiserOrganisationId: c.organiserOrganisationId,
      partnerOrganisationIds: c.partnerOrganisationIds,
      name: c.name,
      nameLatin: c.nameLatin,
      hostCountry: c.hostCountry,
      hostCity: c.hostCity,
      timeZone: c.timeZone,
      language: c.language,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt.toISOString(),
      capacity: c.capacity,
      offerTtlHours: c.offerTtlHours,
      offerDeadlineAt: iso(c.offerDeadlineAt),
      selectionRule: { ...c.selectionRule, tieBreak: [...TIE_BREAK_ORDER] },
      state: c.state,
      selectedAt: iso(c.selectedAt),
      startedAt: iso(c.startedAt),
      graduatedAt: iso(c.graduatedAt),
      version: c.version,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

export class CohortPageDto {
  @ApiProperty({ type: [CohortDto] }) items: CohortDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;
}

export class ListCohortsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COHORT_STATES })
  @IsOmittable()
  @IsIn(COHORT_STATES)
  state?: CohortState;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOmittable()
  @IsUuid()
  programmeId?: string;
}

/** The cohort version the caller last saw: guards state changes against concurrent ones. */
export class VersionDto {
  // No conversion: a body's "2" or true is a client bug to report, not a number to guess.
  @ApiProperty({ minimum: 1, description: 'The cohort version the caller last read' })
  @IsInt()
  @Min(1)
  @Max(PG_INT_MAX)
  version: number;
}
