import { ApiProperty } from '@nestjs/swagger';
import { SelectionRuleViewDto } from '../../cohorts/dto/selection-rule.dto';
import { EXCLUSION_REASONS, type ExclusionReason } from '../ranking';

export class SelectionEntryDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Member id (the offer id); null in a preview' })
  memberId: string | null;
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) startupId: string;
  @ApiProperty() startupName: string;
  @ApiProperty() startupNameLatin: string;
  @ApiProperty() group: string;
  @ApiProperty({ description: 'Rank within the group, 1 = best' }) rank: number;
  @ApiProperty({ description: 'Score (0 when missing) plus the successful-pilot bonus; on a pitch day, the mean weighted jury score (0 when not scored)' })
  effectiveScore: number;
  @ApiProperty({ enum: ['offer', 'waitlist', 'excluded'] }) placement: 'offer' | 'waitlist' | 'excluded';
  @ApiProperty({ nullable: true, type: Number, description: 'Position on the group’s waitlist, 1 = promoted next' })
  waitlistPosition: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    enum: EXCLUSION_REASONS,
    description: 'below the minimum score; on a pitch day: no slot (did_not_pitch), marked absent, or fewer jurors scored the pitch than the session’s quorum (below_quorum)',
  })
  excludedReason: ExclusionReason | null;
}

export class SelectionResultDto {
  @ApiProperty({ format: 'uuid' }) cohortId: string;
  @ApiProperty({ description: 'true: nothing was written' }) preview: boolean;
  @ApiProperty({
    description:
      'false while a pitch session of the cohort’s pitch day is still open: its scores may still change, and the commit is refused (409 PITCH_DAY.SESSIONS_OPEN) until every session is closed',
  })
  final: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The pitch sessions still open (empty when final)' }) openSessionIds: string[];
  @ApiProperty({ description: 'The cohort version after this call (unchanged by a preview)' }) version: number;
  @ApiProperty() capacity: number;
  @ApiProperty({ type: SelectionRuleViewDto, description: 'On a pitch day: grouped by pitch session, the pitch day’s places per group' }) rule: SelectionRuleViewDto;
  @ApiProperty({ enum: ['review_score', 'pitch_score'], description: 'pitch_score when the cohort runs its selection as a pitch day' })
  rankedBy: 'review_score' | 'pitch_score';
  @ApiProperty({ type: [SelectionEntryDto] }) offers: SelectionEntryDto[];
  @ApiProperty({ type: [SelectionEntryDto], description: 'In rank order within each group' }) waitlist: SelectionEntryDto[];
  @ApiProperty({ type: [SelectionEntryDto] }) excluded: SelectionEntryDto[];
}
