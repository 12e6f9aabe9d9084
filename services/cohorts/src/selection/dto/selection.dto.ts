import { ApiProperty } from '@nestjs/swagger';
import { SelectionRuleViewDto } from '../../cohorts/dto/selection-rule.dto';

export class SelectionEntryDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Member id (the offer id); null in a preview' })
  memberId: string | null;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty() startupName: string;
  @ApiProperty() startupNameLatin: string;
  @ApiProperty() group: string;
  @ApiProperty({ description: 'Rank within the group, 1 = best' }) rank: number;
  @ApiProperty({ description: 'Score (0 when missing) plus the successful-pilot bonus' }) effectiveScore: number;
  @ApiProperty({ enum: ['offer', 'waitlist', 'excluded'] }) placement: 'offer' | 'waitlist' | 'excluded';
  @ApiProperty({ nullable: true, type: Number, description: 'Position on the group’s waitlist, 1 = promoted next' })
  waitlistPosition: number | null;
  @ApiProperty({ nullable: true, type: String, enum: ['below_min_score'] }) excludedReason: 'below_min_score' | null;
}

export class SelectionResultDto {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ description: 'true: nothing was written' }) preview: boolean;
  @ApiProperty({ description: 'The cohort version after this call (unchanged by a preview)' }) version: number;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: SelectionRuleViewDto }) rule: SelectionRuleViewDto;
  @ApiProperty({ type: [SelectionEntryDto] }) offers: SelectionEntryDto[];
  @ApiProperty({ type: [SelectionEntryDto], description: 'In rank order within each group' }) waitlist: SelectionEntryDto[];
  @ApiProperty({ type: [SelectionEntryDto] }) excluded: SelectionEntryDto[];
}
