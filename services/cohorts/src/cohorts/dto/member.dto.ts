import { IsOmittable, IsUuid, NestedObjectArray, PageQueryDto } from '@exchange/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { COHORT_MEMBER_STATES, type CohortMember, type CohortMemberState } from '@exchange/data';
import { VersionDto } from './cohort.dto';

/** A startup's place in a cohort; for the startup itself this is its offer (the member id is the offer id). */
export class MemberDto {
  @ApiProperty({ format: 'uuid', description: 'Member id; also the offer id in events and in /v1/offers' }) id: string;
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty({ description: 'The selection group (country, technology field, pitch group or "all")' }) group: string;
  @ApiProperty({ description: 'Rank within the group at selection, 1 = best' }) rank: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Effective score at selection' }) score: number | null;
  @ApiProperty({ enum: COHORT_MEMBER_STATES }) state: CohortMemberState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) offeredAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Answer the offer before this moment' }) offerDeadlineAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) graduationNote: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) graduatedAt: string | null;
  @ApiProperty() version: number;

  static of(m: CohortMember): MemberDto {
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return {
      id: m.id,
      cohortId: m.cohortId,
      startupId: m.startupId,
      group: m.groupKey,
      rank: m.rank,
      score: m.score,
      state: m.state,
      offeredAt: iso(m.offeredAt),
      offerDeadlineAt: iso(m.offerDeadlineAt),
      respondedAt: iso(m.respondedAt),
      graduationNote: m.graduationNote,
      graduatedAt: iso(m.graduatedAt),
      version: m.version,
    };
  }
}

export class MemberPageDto {
  @ApiProperty({ type: [MemberDto] }) items: MemberDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ListMembersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: COHORT_MEMBER_STATES })
  @IsOmittable()
  @IsIn(COHORT_MEMBER_STATES)
  state?: CohortMemberState;

  @ApiPropertyOptional({ description: 'Only this selection group' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  group?: string;
}

export class GraduationOutcomeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  memberId: string;

  @ApiProperty({ description: 'True: graduated; false: did not graduate' })
  @IsBoolean()
  graduated: boolean;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class GraduateCohortDto extends VersionDto {
  @ApiProperty({ type: [GraduationOutcomeDto], description: 'One outcome for every accepted member' })
  @NestedObjectArray(() => GraduationOutcomeDto, 10_000)
  outcomes: GraduationOutcomeDto[];
}
