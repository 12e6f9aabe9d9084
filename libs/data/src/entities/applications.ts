import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ApplicationState, Normalisation, ProgrammeKind, ProgrammeState, ReviewAssignmentState, StatusReasonCode } from '../enums';

export interface TeamMember {
  name: string;
  nameLatin?: string;
  role?: string;
  email?: string;
  languages?: string[];
}

export interface StartupContact {
  name?: string;
  email?: string;
  phone?: string;
  website?: string;
}

/** A startup's profile. `name` is in its original script; `nameLatin` in Latin letters. */
@Entity({ schema: 'applications', name: 'startups' })
export class Startup {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_latin' })
  nameLatin: string;

  /** ISO 3166-1 alpha-2. */
  @Column('char', { length: 2 })
  country: string;

  @Column('text', { name: 'registration_number' })
  registrationNumber: string;

  @Column('text', { name: 'technology_fields', array: true, default: () => "'{}'" })
  technologyFields: string[];

  /** Technology readiness level 1–9. */
  @Column('smallint')
  trl: number;

  @Column('jsonb', { default: () => "'[]'" })
  team: TeamMember[];

  @Column('jsonb', { default: () => "'{}'" })
  contact: StartupContact;

  /** Languages the team works in (ISO 639-1), used for pilot matching. */
  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  @Column('text', { nullable: true })
  description: string | null;

  /** Date of incorporation, for the programmes' maximum company age. */
  @Column('timestamptz', { name: 'founded_at', nullable: true })
  foundedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Evidence such as an innovation certificate (issuer, grade A/AA/AAA, validity). */
@Entity({ schema: 'applications', name: 'certifications' })
export class Certification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  /** e.g. `innovation_certificate`. */
  @Column('text')
  kind: string;

  /** The issuer's name as printed on the certificate. */
  @Column('text')
  issuer: string;

  @Column('uuid', { name: 'issuer_organisation_id', nullable: true })
  issuerOrganisationId: string | null;

  @Column('text', { nullable: true })
  grade: string | null;

  @Column('text', { name: 'certificate_number', nullable: true })
  certificateNumber: string | null;

  @Column('timestamptz', { name: 'valid_from' })
  validFrom: Date;

  @Column('timestamptz', { name: 'valid_until', nullable: true })
  validUntil: Date | null;

  /**
   * The public verification code of a certificate issued by a certification body (20 characters of
   * base32); null for a self-declared one. Only issued certificates have one: it is what makes a
   * certificate verified (while it is not revoked), whatever `issuerOrganisationId` a startup names.
   */
  @Column('text', { name: 'verification_code', nullable: true })
  verificationCode: string | null;

  /** The person of the body who issued it. */
  @Column('uuid', { name: 'issued_by', nullable: true })
  issuedBy: string | null;

  @Column('timestamptz', { name: 'renewed_at', nullable: true })
  renewedAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('text', { name: 'revocation_reason', nullable: true })
  revocationReason: string | null;

  @Column('uuid', { name: 'revoked_by', nullable: true })
  revokedBy: string | null;

  /** When the expiry sweep handled the end of its validity (null: not ended, or not handled yet). */
  @Column('timestamptz', { name: 'expiry_checked_at', nullable: true })
  expiryCheckedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

export interface RubricCriterion {
  key: string;
  label: string;
  /** Relative weight; weights of a rubric need not sum to 1 (the mean is weighted). */
  weight: number;
  description?: string;
}

@Entity({ schema: 'applications', name: 'programmes' })
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organiser_organisation_id' })
  organiserOrganisationId: string;

  @Column('uuid', { name: 'partner_organisation_ids', array: true, default: () => "'{}'" })
  partnerOrganisationIds: string[];

  @Column('text')
  name: string;

  @Column('text', { name: 'name_latin', nullable: true })
  nameLatin: string | null;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text')
  kind: ProgrammeKind;

  @Column('text', { default: 'draft' })
  state: ProgrammeState;

  @Column('char', { name: 'host_country', length: 2 })
  hostCountry: string;

  @Column('text', { name: 'host_city' })
  hostCity: string;

  /** IANA time zone of the programme, e.g. `Europe/Moscow`. */
  @Column('text', { name: 'time_zone' })
  timeZone: string;

  @Column('timestamptz', { name: 'window_opens_at' })
  windowOpensAt: Date;

  @Column('timestamptz', { name: 'window_closes_at' })
  windowClosesAt: Date;

  @Column('integer', { nullable: true })
  capacity: number | null;

  // Eligibility. An empty array means "any".
  @Column('text', { name: 'eligible_countries', array: true, default: () => "'{}'" })
  eligibleCountries: string[];

  @Column('text', { name: 'eligible_technology_fields', array: true, default: () => "'{}'" })
  eligibleTechnologyFields: string[];

  @Column('smallint', { name: 'min_trl', default: 1 })
  minTrl: number;

  @Column('smallint', { name: 'max_trl', default: 9 })
  maxTrl: number;

  @Column('text', { name: 'required_certification_kind', nullable: true })
  requiredCertificationKind: string | null;

  /** Acceptable grades of the required certification (empty: any grade). */
  @Column('text', { name: 'required_certification_grades', array: true, default: () => "'{}'" })
  requiredCertificationGrades: string[];

  /** Only a certificate issued by a certification body (and not revoked) meets the certification rule. */
  @Column('boolean', { name: 'requires_verified_certification', default: false })
  requiresVerifiedCertification: boolean;

  /** The certification bodies whose certificates count (empty: any body); implies a verified certificate. */
  @Column('uuid', { name: 'required_certification_issuers', array: true, default: () => "'{}'" })
  requiredCertificationIssuers: string[];

  /** The lowest acceptable grade as the programme wrote it; on each issuing body's own scale for a verified certificate. */
  @Column('text', { name: 'required_certification_min_grade', nullable: true })
  requiredCertificationMinGrade: string | null;

  @Column('integer', { name: 'max_company_age_years', nullable: true })
  maxCompanyAgeYears: number | null;

  // Review rubric.
  @Column('jsonb', { name: 'rubric_criteria', default: () => "'[]'" })
  rubricCriteria: RubricCriterion[];

  @Column('smallint', { name: 'score_scale_min', default: 1 })
  scoreScaleMin: number;

  @Column('smallint', { name: 'score_scale_max', default: 10 })
  scoreScaleMax: number;

  @Column('smallint', { name: 'reviews_required', default: 3 })
  reviewsRequired: number;

  @Column('boolean', { name: 'blind_review', default: false })
  blindReview: boolean;

  @Column('text', { default: 'none' })
  normalisation: Normalisation;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One startup's application to one programme. At most one that is not withdrawn per pair. */
@Entity({ schema: 'applications', name: 'applications' })
export class Application {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('text', { default: 'draft' })
  state: ApplicationState;

  /** Answers to the programme's questions (pitch, motivation, …). */
  @Column('jsonb', { default: () => "'{}'" })
  answers: Record<string, unknown>;

  /** Weighted (and, if the programme says so, normalised) mean of the reviews. */
  @Column('double precision', { nullable: true })
  score: number | null;

  @Column('jsonb', { name: 'score_details', nullable: true })
  scoreDetails: Record<string, unknown> | null;

  @Column('integer', { name: 'reviews_completed', default: 0 })
  reviewsCompleted: number;

  @Column('timestamptz', { name: 'submitted_at', nullable: true })
  submittedAt: Date | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('text', { name: 'decision_reason', nullable: true })
  decisionReason: string | null;

  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt: Date | null;

  /** Set when the alumni fast track waived the certification rule. */
  @Column('boolean', { name: 'fast_track', default: false })
  fastTrack: boolean;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity({ schema: 'applications', name: 'application_status_history' })
export class ApplicationStatusChange {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('text', { name: 'from_state', nullable: true })
  fromState: ApplicationState | null;

  @Column('text', { name: 'to_state' })
  toState: ApplicationState;

  /** A person's own words (a decision's or a withdrawal's reason); null when the system says why. */
  @Column('text', { nullable: true })
  reason: string | null;

  /** Why the system made the change, worded in the reader's language when read. */
  @Column('text', { name: 'reason_code', nullable: true })
  reasonCode: StatusReasonCode | null;

  @Column('uuid', { name: 'actor_principal_id', nullable: true })
  actorPrincipalId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}

@Entity({ schema: 'applications', name: 'review_assignments' })
export class ReviewAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  /** Denormalised from the application for per-programme progress and quotas. */
  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'reviewer_principal_id' })
  reviewerPrincipalId: string;

  @Column('uuid', { name: 'assigned_by', nullable: true })
  assignedBy: string | null;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  @Column('text', { default: 'assigned' })
  state: ReviewAssignmentState;

  @Column('timestamptz', { name: 'completed_at', nullable: true })
  completedAt: Date | null;

  @Column('text', { name: 'recusal_reason', nullable: true })
  recusalReason: string | null;

  /** When the `review.overdue` event was raised (null: not yet). */
  @Column('timestamptz', { name: 'overdue_notified_at', nullable: true })
  overdueNotifiedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

export interface CriterionScore {
  criterion: string;
  score: number;
  comment?: string;
}

/** A submitted review: per-criterion scores with comments, or an abstention. */
@Entity({ schema: 'applications', name: 'reviews' })
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'assignment_id' })
  assignmentId: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'reviewer_principal_id' })
  reviewerPrincipalId: string;

  @Column('boolean', { default: false })
  abstained: boolean;

  @Column('text', { name: 'abstain_reason', nullable: true })
  abstainReason: string | null;

  @Column('jsonb', { default: () => "'[]'" })
  scores: CriterionScore[];

  /** The reviewer's weighted mean on the programme's scale (null when abstained). */
  @Column('double precision', { name: 'weighted_score', nullable: true })
  weightedScore: number | null;

  @Column('text', { nullable: true })
  comment: string | null;

  @Column('timestamptz', { name: 'submitted_at', default: () => 'now()' })
  submittedAt: Date;
}

/** A reviewer's declared conflict with a startup (and optionally one application). */
@Entity({ schema: 'applications', name: 'conflicts_of_interest' })
export class ConflictOfInterest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'reviewer_principal_id' })
  reviewerPrincipalId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('uuid', { name: 'application_id', nullable: true })
  applicationId: string | null;

  @Column('text', { nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'declared_at', type: 'timestamptz' })
  declaredAt: Date;
}

/** A startup that graduated from an accelerator cohort (from `cohort.graduated`). */
@Entity({ schema: 'applications', name: 'alumni_records' })
export class AlumniRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  /** cohorts.cohorts.id (no foreign key: another service's schema). */
  @Column('uuid', { name: 'cohort_id' })
  cohortId: string;

  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  /** The organisation whose accelerator the startup graduated from. */
  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('timestamptz', { name: 'graduated_at' })
  graduatedAt: Date;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('uuid', { name: 'source_event_id', nullable: true })
  sourceEventId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** How a startup came to work with an organisation outside this service's own programmes. */
export const STARTUP_RELATION_KINDS = ['pilot', 'cohort'] as const;
export type StartupRelationKind = (typeof STARTUP_RELATION_KINDS)[number];

/**
 * A startup pilots at a site of the organisation (`pilot` — from the pilot events) or joined a cohort
 * of a programme the organisation organises (`cohort` — from `cohort.offer_accepted`). Its staff see
 * the startup's full profile (DESIGN.md §9). One row per (startup, organisation, kind).
 */
@Entity({ schema: 'applications', name: 'startup_relations' })
export class StartupRelation {
  @PrimaryColumn('uuid', { name: 'startup_id' })
  startupId: string;

  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('text')
  kind: StartupRelationKind;

  /** The time of the earliest event that showed the relation. */
  @Column('timestamptz')
  since: Date;

  /** The pilot (pilots.pilots.id) or cohort (cohorts.cohorts.id) behind `since`; no foreign key: another service's schema. */
  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('uuid', { name: 'source_event_id', nullable: true })
  sourceEventId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
