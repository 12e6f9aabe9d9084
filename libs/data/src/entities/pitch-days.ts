import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { JurorState, PitchDayState, PitchSessionState, PitchSlotAttendance } from '../enums';

/** One criterion of a pitch session's rubric: every juror scores it 0..maxScore; weights are integers. */
export interface PitchCriterion {
  key: string;
  label: string;
  weight: number;
}

export interface PitchCriterionScore {
  criterion: string;
  score: number;
}

/** A cohort's selection run as a pitch day (issue 18): one per cohort. */
@Entity({ schema: 'cohorts', name: 'pitch_days' })
export class PitchDay {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'cohort_id' }) cohortId: string;
  /** Places offered per group: the best N of each session. */
  @Column('integer', { name: 'per_group', default: 3 }) perGroup: number;
  @Column('text', { default: 'open' }) state: PitchDayState;
  @Column('timestamptz', { name: 'published_at', nullable: true }) publishedAt: Date | null;
  @Column('uuid', { name: 'created_by' }) createdBy: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** The pitch session of one pitch group: its day in its time zone, rubric and quorum. */
@Entity({ schema: 'cohorts', name: 'pitch_sessions' })
export class PitchSession {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'pitch_day_id' }) pitchDayId: string;
  @Column('text', { name: 'pitch_group' }) pitchGroup: string;
  @Column('text') name: string;
  /** The calendar day of the session (YYYY-MM-DD) in `timeZone`. */
  @Column('date') day: string;
  @Column('text', { name: 'time_zone' }) timeZone: string;
  @Column('jsonb') criteria: PitchCriterion[];
  @Column('integer', { name: 'max_score' }) maxScore: number;
  /** A pitch counts when at least this many jurors (active, not conflicted) scored it. */
  @Column('integer', { name: 'min_jurors' }) minJurors: number;
  @Column('text', { default: 'open' }) state: PitchSessionState;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt: Date | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ schema: 'cohorts', name: 'pitch_slots' })
export class PitchSlot {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'session_id' }) sessionId: string;
  @Column('uuid', { name: 'pitch_day_id' }) pitchDayId: string;
  @Column('uuid', { name: 'startup_id' }) startupId: string;
  @Column('uuid', { name: 'candidate_id' }) candidateId: string;
  @Column('timestamptz', { name: 'starts_at' }) startsAt: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt: Date;
  @Column('text', { default: 'expected' }) attendance: PitchSlotAttendance;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity({ schema: 'cohorts', name: 'pitch_jurors' })
export class PitchJuror {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'session_id' }) sessionId: string;
  @Column('uuid', { name: 'principal_id' }) principalId: string;
  @Column('text', { default: 'active' }) state: JurorState;
  @Column('text', { name: 'recusal_reason', nullable: true }) recusalReason: string | null;
  @Column('timestamptz', { name: 'recused_at', nullable: true }) recusedAt: Date | null;
  @Column('uuid', { name: 'added_by' }) addedBy: string;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A juror's declared conflict of interest with one startup of its session. */
@Entity({ schema: 'cohorts', name: 'pitch_conflicts' })
export class PitchConflict {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'juror_id' }) jurorId: string;
  @Column('uuid', { name: 'startup_id' }) startupId: string;
  @Column('text') reason: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity({ schema: 'cohorts', name: 'pitch_scores' })
export class PitchScore {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid', { name: 'slot_id' }) slotId: string;
  @Column('uuid', { name: 'juror_id' }) jurorId: string;
  @Column('jsonb') scores: PitchCriterionScore[];
  @Column('double precision', { name: 'weighted_score' }) weightedScore: number;
  @Column('text', { nullable: true }) comment: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
