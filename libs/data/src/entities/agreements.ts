import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { AdoptionDecision, AgreementState, ExchangeFactKind } from '../enums';
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
 * One event the applications service consumed that the reciprocity report counts: a submission, an
 * acceptance, a pilot started or completed, an accepted cohort place, a graduation. One row per event
 * (its id is the key, so a replay adds nothing). Startup and programme are ids as the event carries
 * them, without foreign keys: the report resolves the startup's country and the programme's organiser
 * from this service's tables when it runs.
 */
@Entity({ schema: 'applications', name: 'exchange_facts' })
export class ExchangeFact {
  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  kind: ExchangeFactKind;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  /** The application, pilot or cohort the event is about. */
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

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
