import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { JurorState, PitchDayState, PitchSessionState, PitchSlotAttendance } from '../enums';

/** A candidate's result of a published pitch day: offered a place, waitlisted, or not selected. */
export const PITCH_RESULT_OUTCOMES = ['selected', 'waitlisted', 'not_selected'] as const;
export type PitchResultOutcome = (typeof PITCH_RESULT_OUTCOMES)[number];

/** Why a candidate of a pitch day was not selected: no slot, absent, or fewer jurors than the quorum scored it. */
export const PITCH_RESULT_REASONS = ['did_not_pitch', 'absent', 'below_quorum'] as const;
export type PitchResultReason = (typeof PITCH_RESULT_REASONS)[number];

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
  /**
   * The agreement (MOU) the pitch day runs under, as its organiser named it; carried in the results
   * event. The cohorts service knows no agreements: the reciprocity report decides whether it counts.
   */
  @Column('uuid', { name: 'agreement_id', nullable: true }) agreementId: string | null;
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

/**
 * Which organisation issued a startup's certification, as the cohorts service learns it from
 * `certification.issued` / `.renewed` / `.revoked`: a juror of that organisation has a conflict of
 * interest with the startup (as a reviewer has in reviews). A revocation is final; the validity is the
 * newest event's (`asOf`).
 */
@Entity({ schema: 'cohorts', name: 'startup_certifications' })
export class StartupCertification {
  @PrimaryColumn('uuid', { name: 'certification_id' }) certificationId: string;
  @Column('uuid', { name: 'startup_id' }) startupId: string;
  @Column('uuid', { name: 'issuer_organisation_id' }) issuerOrganisationId: string;
  @Column('timestamptz', { name: 'valid_from' }) validFrom: Date;
  @Column('timestamptz', { name: 'valid_until', nullable: true }) validUntil: Date | null;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt: Date | null;
  /** When the newest event applied happened (its issuedAt, renewedAt or revokedAt). */
  @Column('timestamptz', { name: 'as_of' }) asOf: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/**
 * One candidate's result of a published pitch day, written with the offers: selected (offered a
 * place), waitlisted, or not selected with the reason (no slot, absent, too few jurors scored it).
 */
@Entity({ schema: 'cohorts', name: 'pitch_results' })
export class PitchResult {
  @PrimaryColumn('uuid', { name: 'pitch_day_id' }) pitchDayId: string;
  @PrimaryColumn('uuid', { name: 'startup_id' }) startupId: string;
  @Column('uuid', { name: 'candidate_id' }) candidateId: string;
  /** The session it pitched in; null when it had no slot. */
  @Column('uuid', { name: 'session_id', nullable: true }) sessionId: string | null;
  @Column('text', { name: 'group_key' }) groupKey: string;
  @Column('text') outcome: PitchResultOutcome;
  @Column('text', { nullable: true }) reason: PitchResultReason | null;
  @Column('integer', { nullable: true }) rank: number | null;
  @Column('integer', { name: 'waitlist_position', nullable: true }) waitlistPosition: number | null;
  /** The mean weighted jury score; null when the pitch was not scored. */
  @Column('double precision', { name: 'pitch_score', nullable: true }) pitchScore: number | null;
  /** Jurors whose scores counted. */
  @Column('integer', { default: 0 }) jurors: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
