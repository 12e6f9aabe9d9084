import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { MeetingAnswer, MeetingOutcome, MissionSide, MissionState } from '../enums';
import { numericTransformer } from '../transformers';

/**
 * A business mission (issue 18): a visiting delegation of companies meets local companies one to one
 * in a host city. Its meeting days are cut into slots of `slotMinutes` between `dayStartsAt` and
 * `dayEndsAt` (wall-clock times in `timeZone`); slot i is the i-th of them, day after day.
 */
@Entity({ schema: 'applications', name: 'missions' })
export class Mission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The organisation whose admin or programme manager created it. */
  @Column('uuid', { name: 'organiser_organisation_id' })
  organiserOrganisationId: string;

  /** The agreement (MOU) the mission runs under, one its organiser is a party to; its reciprocity report counts the meetings. */
  @Column('uuid', { name: 'agreement_id', nullable: true })
  agreementId: string | null;

  /** Organisations that receive the mission's events and read it. */
  @Column('uuid', { name: 'partner_organisation_ids', array: true, default: () => "'{}'" })
  partnerOrganisationIds: string[];

  @Column('text')
  title: string;

  @Column('text', { name: 'host_city' })
  hostCity: string;

  /** ISO 3166-1 alpha-2 of the host city. */
  @Column('char', { length: 2 })
  country: string;

  /** IANA time zone of the host city: slot times are wall-clock times there. */
  @Column('text', { name: 'time_zone' })
  timeZone: string;

  /** Meeting days (`YYYY-MM-DD`), ascending. */
  @Column('text', { array: true })
  days: string[];

  /** `HH:MM`, local time. */
  @Column('text', { name: 'day_starts_at' })
  dayStartsAt: string;

  @Column('text', { name: 'day_ends_at' })
  dayEndsAt: string;

  @Column('smallint', { name: 'slot_minutes' })
  slotMinutes: number;

  /** Room (or table) names; one meeting per room and slot. */
  @Column('text', { array: true })
  rooms: string[];

  /** The most meetings not declined that matchmaking proposes to one company (1..60; default 10). */
  @Column('smallint', { name: 'meetings_per_company', default: 10 })
  meetingsPerCompany: number;

  @Column('text', { default: 'draft' })
  state: MissionState;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  @Column('timestamptz', { name: 'scheduled_at', nullable: true })
  scheduledAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A local time range of one meeting day in which a participant can meet. */
export interface MissionAvailabilityRange {
  day: string;
  from: string;
  to: string;
}

/** A company of a mission: an organisation or a startup (exactly one), on one side. */
@Entity({ schema: 'applications', name: 'mission_participants' })
export class MissionParticipant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'mission_id' })
  missionId: string;

  @Column('text')
  side: MissionSide;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'startup_id', nullable: true })
  startupId: string | null;

  /** The company's name when it was added (in its own script). */
  @Column('text')
  name: string;

  /** Technology or business fields it works in (short lower-case tags). */
  @Column('text', { array: true, default: () => "'{}'" })
  fields: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  offers: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  seeks: string[];

  /** ISO 639-1 codes of the languages it can meet in. */
  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  /** When it can meet; null: every slot of the mission. */
  @Column('jsonb', { nullable: true })
  availability: MissionAvailabilityRange[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One explained component of a meeting proposal, its reason a code with parameters (rendered per reader). */
export interface MeetingScoreComponent {
  key: string;
  weight: number;
  value: number;
  reason: { code: string; params: Record<string, unknown> };
}

/**
 * A one-to-one meeting matchmaking proposed between a delegation company and a local company. Both
 * sides answer; accepted by both, the scheduler may place it in a slot and a room; afterwards one
 * outcome is recorded.
 */
@Entity({ schema: 'applications', name: 'mission_meetings' })
export class MissionMeeting {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'mission_id' })
  missionId: string;

  @Column('uuid', { name: 'delegation_participant_id' })
  delegationParticipantId: string;

  @Column('uuid', { name: 'local_participant_id' })
  localParticipantId: string;

  @Column('numeric', { transformer: numericTransformer })
  score: number;

  @Column('jsonb')
  components: MeetingScoreComponent[];

  @Column('text', { name: 'delegation_answer', default: 'pending' })
  delegationAnswer: MeetingAnswer;

  @Column('text', { name: 'local_answer', default: 'pending' })
  localAnswer: MeetingAnswer;

  /** Index of its slot in the mission (see Mission), null while not placed. */
  @Column('integer', { name: 'slot_index', nullable: true })
  slotIndex: number | null;

  @Column('text', { nullable: true })
  room: string | null;

  @Column('timestamptz', { name: 'starts_at', nullable: true })
  startsAt: Date | null;

  @Column('timestamptz', { name: 'ends_at', nullable: true })
  endsAt: Date | null;

  @Column('text', { nullable: true })
  outcome: MeetingOutcome | null;

  @Column('text', { name: 'outcome_note', nullable: true })
  outcomeNote: string | null;

  @Column('timestamptz', { name: 'outcome_recorded_at', nullable: true })
  outcomeRecordedAt: Date | null;

  @Column('uuid', { name: 'outcome_recorded_by', nullable: true })
  outcomeRecordedBy: string | null;

  /** `pilot_proposed`: the draft application it opened for the startup. */
  @Column('uuid', { name: 'pilot_application_id', nullable: true })
  pilotApplicationId: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
