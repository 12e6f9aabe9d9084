import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AdoptionDecision, AgreementState, ExchangeFactKind, MeetingOutcome } from '../enums';
import { numericTransformer } from '../transformers';

/**
 * An agreement (the MOU) between two organisations about exchanging startups (issue 17). Party A is
 * the organisation whose admin or programme manager created it, party B the one it named. Dates are
 * calendar days (`YYYY-MM-DD`, read as UTC days by the reciprocity report).
 */
@Entity({ schema: 'applications', name: 'agreements' })
export class Agreement {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'party_a_organisation_id' })
  partyAOrganisationId: string;

  @Column('uuid', { name: 'party_b_organisation_id' })
  partyBOrganisationId: string;

  @Column('text')
  title: string;

  @Column('date', { name: 'signed_on' })
  signedOn: string;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  /** Last day the agreement is valid (inclusive). */
  @Column('date', { name: 'valid_until' })
  validUntil: string;

  /** Distinct startups party A means to send to party B over the whole agreement (null: no target). */
  @Column('integer', { name: 'party_a_target', nullable: true })
  partyATarget: number | null;

  /** Distinct startups party B means to send to party A over the whole agreement (null: no target). */
  @Column('integer', { name: 'party_b_target', nullable: true })
  partyBTarget: number | null;

  @Column('text', { default: 'active' })
  state: AgreementState;

  @Column('timestamptz', { name: 'ended_at', nullable: true })
  endedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One thing the reciprocity report counts, from an event the applications service consumed: a
 * submission, an acceptance, a pilot started or completed, an accepted cohort place, a graduation
 * (one per event), a startup that pitched at a pitch day (one per pitched startup of the results
 * event), a business-mission meeting that took place (one per outcome event). The key is the event id
 * and the item's ordinal within it, so a replay adds nothing. Ids are as the event carries them,
 * without foreign keys: the report resolves countries, organisers and host countries from this
 * service's tables when it runs.
 */
@Entity({ schema: 'applications', name: 'exchange_facts' })
export class ExchangeFact {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  /** The item's position within its event (0 for an event that makes one fact). */
  @PrimaryColumn('integer', { default: 0 })
  ordinal: number;

  @Column('text')
  kind: ExchangeFactKind;

  /** The startup; for `mission_meeting` the delegation's company when it is a startup. */
  @Column('uuid', { name: 'startup_id', nullable: true })
  startupId: string | null;

  /** `mission_meeting` only: the delegation's company when it is an organisation (not a startup). */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  /** The programme (a pitch day's: its cohort's); null for `mission_meeting`. */
  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  /** `mission_meeting` only: the mission, and the agreement its event said it ran under (if any). */
  @Column('uuid', { name: 'mission_id', nullable: true })
  missionId: string | null;

  @Column('uuid', { name: 'agreement_id', nullable: true })
  agreementId: string | null;

  /** The application, pilot, cohort, pitch day or meeting the fact is about. */
  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  /** When the event happened (its `time`). */
  @Column('timestamptz', { name: 'occurred_at' })
  occurredAt: Date;

  /** `pilot_completed` only: the host's adoption decision. */
  @Column('text', { nullable: true })
  adoption: AdoptionDecision | null;

  /** `pilot_completed` only: the contract value the host reported (null: none reported). */
  @Column('numeric', { name: 'contract_value', nullable: true, transformer: numericTransformer })
  contractValue: number | null;

  /** `pitched` only: whether the jury's ranking gave the startup an offer. */
  @Column('boolean', { nullable: true })
  selected: boolean | null;

  /** `mission_meeting` only: what came of the meeting. */
  @Column('text', { name: 'meeting_outcome', nullable: true })
  meetingOutcome: MeetingOutcome | null;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
