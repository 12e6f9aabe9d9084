import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { numericTransformer } from '../transformers';
import type {
  AdoptionDecision,
  MatchProposalState,
  PilotCandidateState,
  PilotOutcome,
  PilotSiteState,
  PilotState,
} from '../enums';

/** Projection of an accepted application of a pilot programme (from `application.accepted`). */
@Entity({ schema: 'pilots', name: 'candidates' })
export class PilotCandidate {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('text', { name: 'startup_name' })
  startupName: string;

  @Column('text', { name: 'startup_name_latin' })
  startupNameLatin: string;

  @Column('char', { length: 2 })
  country: string;

  @Column('text', { name: 'technology_fields', array: true, default: () => "'{}'" })
  technologyFields: string[];

  @Column('smallint')
  trl: number;

  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  @Column('double precision', { nullable: true })
  score: number | null;

  /** Organiser and partners of the programme (for tenant checks). */
  @Column('uuid', { name: 'programme_organisation_ids', array: true, default: () => "'{}'" })
  programmeOrganisationIds: string[];

  @Column('text', { default: 'open' })
  state: PilotCandidateState;

  @Column('timestamptz', { name: 'accepted_at' })
  acceptedAt: Date;

  @Column('uuid', { name: 'source_event_id', nullable: true })
  sourceEventId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * A place where pilots run. `activePilots` counts approved/scheduled/in-progress pilots; a CHECK
 * keeps it within 0..capacity, so two approvals racing for the last slot cannot both commit.
 */
@Entity({ schema: 'pilots', name: 'pilot_sites' })
export class PilotSite {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'host_organisation_id' })
  hostOrganisationId: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_latin', nullable: true })
  nameLatin: string | null;

  @Column('text', { name: 'problem_statement' })
  problemStatement: string;

  @Column('text', { name: 'technology_fields', array: true, default: () => "'{}'" })
  technologyFields: string[];

  /** Keywords of the host city's stated needs (e.g. `emergency_care`, `energy_saving`). */
  @Column('text', { array: true, default: () => "'{}'" })
  needs: string[];

  @Column('char', { length: 2 })
  country: string;

  @Column('text')
  city: string;

  @Column('text', { nullable: true })
  address: string | null;

  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('smallint', { name: 'min_trl', default: 1 })
  minTrl: number;

  @Column('smallint', { name: 'max_trl', default: 9 })
  maxTrl: number;

  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  @Column('integer')
  capacity: number;

  @Column('integer', { name: 'active_pilots', default: 0 })
  activePilots: number;

  @Column('timestamptz', { name: 'available_from', nullable: true })
  availableFrom: Date | null;

  @Column('timestamptz', { name: 'available_until', nullable: true })
  availableUntil: Date | null;

  @Column('uuid', { name: 'programme_ids', array: true, default: () => "'{}'" })
  programmeIds: string[];

  @Column('text', { default: 'active' })
  state: PilotSiteState;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface ScoreComponent {
  /** e.g. `field_overlap`, `readiness_fit`, `language_overlap`, `capacity_dates`, `city_needs`. */
  key: string;
  weight: number;
  value: number;
  reason: string;
}

/** A match reason as stored: its code and the parameters its messages render. */
export interface StoredMatchReason {
  code: string;
  params: Record<string, unknown>;
}

/** A proposed (candidate, site) pair with an explainable score. One per pair. */
@Entity({ schema: 'pilots', name: 'match_proposals' })
export class MatchProposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('double precision')
  score: number;

  @Column('jsonb', { name: 'score_components', default: () => "'[]'" })
  scoreComponents: ScoreComponent[];

  /**
   * Each component's reason as a stable code with its parameters, in the order of `scoreComponents`,
   * rendered in the reader's language by the API. Empty for proposals made before reasons had codes.
   */
  @Column('jsonb', { name: 'reason_codes', default: () => "'[]'" })
  reasonCodes: StoredMatchReason[];

  @Column('text', { default: 'proposed' })
  state: MatchProposalState;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface SuccessCriterion {
  key: string;
  description: string;
  metric: string;
  target: number;
  unit?: string;
}

@Entity({ schema: 'pilots', name: 'pilots' })
export class Pilot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'proposal_id' })
  proposalId: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('uuid', { name: 'candidate_id' })
  candidateId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'host_organisation_id' })
  hostOrganisationId: string;

  @Column('text', { default: 'approved' })
  state: PilotState;

  /** Fixed at approval; at least one. */
  @Column('jsonb', { name: 'success_criteria' })
  successCriteria: SuccessCriterion[];

  @Column('integer', { name: 'duration_days' })
  durationDays: number;

  /** The person on the host side who decides on adoption. */
  @Column('text', { name: 'host_owner_name' })
  hostOwnerName: string;

  @Column('text', { name: 'host_owner_email', nullable: true })
  hostOwnerEmail: string | null;

  @Column('uuid', { name: 'host_owner_principal_id', nullable: true })
  hostOwnerPrincipalId: string | null;

  @Column('uuid', { name: 'approved_by', nullable: true })
  approvedBy: string | null;

  @Column('timestamptz', { name: 'approved_at', default: () => 'now()' })
  approvedAt: Date;

  @Column('timestamptz', { name: 'planned_start_at', nullable: true })
  plannedStartAt: Date | null;

  @Column('timestamptz', { name: 'planned_end_at', nullable: true })
  plannedEndAt: Date | null;

  @Column('timestamptz', { name: 'started_at', nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column('timestamptz', { name: 'cancelled_at', nullable: true })
  cancelledAt: Date | null;

  @Column('text', { name: 'cancel_reason', nullable: true })
  cancelReason: string | null;

  /** When `pilot.report_overdue` was raised (past end date without report). */
  @Column('timestamptz', { name: 'report_overdue_at', nullable: true })
  reportOverdueAt: Date | null;

  /** When the report became very late (two weeks past end date). */
  @Column('timestamptz', { name: 'report_very_late_at', nullable: true })
  reportVeryLateAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface MeasuredResult {
  criterion: string;
  value: number;
  met?: boolean;
  note?: string;
}

/** The host's final report of a pilot: the protocol the startup takes to its next programme. */
@Entity({ schema: 'pilots', name: 'final_reports' })
export class PilotFinalReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'pilot_id' })
  pilotId: string;

  @Column('text')
  outcome: PilotOutcome;

  @Column('jsonb', { name: 'measured_results', default: () => "'[]'" })
  measuredResults: MeasuredResult[];

  @Column('text', { nullable: true })
  feedback: string | null;

  @Column('text')
  adoption: AdoptionDecision;

  @Column('numeric', { name: 'contract_value', precision: 18, scale: 2, nullable: true, transformer: numericTransformer })
  contractValue: number | null;

  /** ISO 4217. */
  @Column('char', { name: 'contract_currency', length: 3, nullable: true })
  contractCurrency: string | null;

  @Column('uuid', { name: 'filed_by', nullable: true })
  filedBy: string | null;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;
}
