import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AdoptionDecision, CohortCandidateSource, CohortMemberState, CohortState, PilotOutcome } from '../enums';

export interface CandidatePilotOutcome {
  pilotId: string;
  programmeId?: string;
  outcome: PilotOutcome;
  adoption?: AdoptionDecision;
  completedAt: string;
}

/**
 * Projection of a startup that may join a cohort: from `application.accepted` of an accelerator
 * programme (source `application`, programmeId set) or from a successful `pilot.completed`
 * (source `pilot`, programmeId null). Unique per (startup, programme) with NULLS NOT DISTINCT.
 */
@Entity({ schema: 'cohorts', name: 'candidates' })
export class CohortCandidate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  @Column('uuid', { name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column('text')
  source: CohortCandidateSource;

  @Column('text', { name: 'startup_name' })
  startupName: string;

  @Column('text', { name: 'startup_name_latin' })
  startupNameLatin: string;

  @Column('char', { length: 2 })
  country: string;

  @Column('text', { name: 'technology_fields', array: true, default: () => "'{}'" })
  technologyFields: string[];

  @Column('smallint', { nullable: true })
  trl: number | null;

  @Column('double precision', { nullable: true })
  score: number | null;

  @Column('jsonb', { name: 'pilot_outcomes', default: () => "'[]'" })
  pilotOutcomes: CandidatePilotOutcome[];

  @Column('boolean', { name: 'has_successful_pilot', default: false })
  hasSuccessfulPilot: boolean;

  /** Group of a pitch session, when selection groups by pitch session. */
  @Column('text', { name: 'pitch_group', nullable: true })
  pitchGroup: string | null;

  @Column('uuid', { name: 'programme_organisation_ids', array: true, default: () => "'{}'" })
  programmeOrganisationIds: string[];

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface SelectionRule {
  /** How candidates are grouped for per-group quotas. */
  groupBy: 'country' | 'technology_field' | 'pitch_session' | 'none';
  /** Places per group (e.g. the best three of each group). */
  perGroup?: number;
  minScore?: number;
  /** Added to the score of a candidate with a successful pilot (0 or absent: no bonus). */
  successfulPilotBonus?: number;
  /** Stated tie-break order, e.g. ['score desc', 'has_successful_pilot desc', 'accepted_at asc', 'startup_id asc']. */
  tieBreak?: string[];
}

@Entity({ schema: 'cohorts', name: 'cohorts' })
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The accelerator programme (applications.programmes.id; no foreign key). */
  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'organiser_organisation_id' })
  organiserOrganisationId: string;

  @Column('uuid', { name: 'partner_organisation_ids', array: true, default: () => "'{}'" })
  partnerOrganisationIds: string[];

  @Column('text')
  name: string;

  @Column('text', { name: 'name_latin', nullable: true })
  nameLatin: string | null;

  @Column('char', { name: 'host_country', length: 2 })
  hostCountry: string;

  @Column('text', { name: 'host_city' })
  hostCity: string;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  /** Language of instruction (ISO 639-1). */
  @Column('text')
  language: string;

  @Column('timestamptz', { name: 'starts_at' })
  startsAt: Date;

  @Column('timestamptz', { name: 'ends_at' })
  endsAt: Date;

  @Column('integer')
  capacity: number;

  /** How long a startup has to answer an offer. */
  @Column('integer', { name: 'offer_ttl_hours', default: 168 })
  offerTtlHours: number;

  /** Last moment any offer of this cohort can be answered (optional hard deadline). */
  @Column('timestamptz', { name: 'offer_deadline_at', nullable: true })
  offerDeadlineAt: Date | null;

  @Column('jsonb', { name: 'selection_rule' })
  selectionRule: SelectionRule;

  @Column('text', { default: 'planning' })
  state: CohortState;

  @Column('timestamptz', { name: 'selected_at', nullable: true })
  selectedAt: Date | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'graduated_at', nullable: true })
  graduatedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A startup's place in a cohort: offered, waitlisted, accepted, … graduated. One per (cohort, startup). */
@Entity({ schema: 'cohorts', name: 'members' })
export class CohortMember {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'cohort_id' })
  cohortId: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('text', { name: 'group_key' })
  groupKey: string;

  /** Rank within the group (1 = best). */
  @Column('integer')
  rank: number;

  @Column('double precision', { nullable: true })
  score: number | null;

  @Column('text')
  state: CohortMemberState;

  @Column('timestamptz', { name: 'offered_at', nullable: true })
  offeredAt: Date | null;

  @Column('timestamptz', { name: 'offer_deadline_at', nullable: true })
  offerDeadlineAt: Date | null;

  @Column('timestamptz', { name: 'responded_at', nullable: true })
  respondedAt: Date | null;

  @Column('text', { name: 'graduation_note', nullable: true })
  graduationNote: string | null;

  @Column('timestamptz', { name: 'graduated_at', nullable: true })
  graduatedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
