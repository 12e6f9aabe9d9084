import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { OpenCallAnswerState, OpenCallCloseReason, OpenCallState } from '../enums';

/**
 * A need of a host's pilot site, published for any startup to answer (public, no key). `searchText`
 * is the lower-cased title, problem, city and fields the public search matches with trigrams.
 */
@Entity({ schema: 'pilots', name: 'open_calls' })
export class OpenCall {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'site_id' })
  siteId: string;

  @Column('uuid', { name: 'host_organisation_id' })
  hostOrganisationId: string;

  /** The programme of the site the call is published in (its partners are told), if any. */
  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  @Column('text')
  title: string;

  /** The problem in the host's own words, in any script. */
  @Column('text')
  problem: string;

  @Column('text', { name: 'technology_fields', array: true, default: () => "'{}'" })
  technologyFields: string[];

  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  @Column('text')
  city: string;

  @Column('char', { length: 2 })
  country: string;

  /** First and last day of the pilot window (`YYYY-MM-DD`). */
  @Column('date', { name: 'window_starts_on' })
  windowStartsOn: string;

  @Column('date', { name: 'window_ends_on' })
  windowEndsOn: string;

  @Column('integer', { name: 'pilots_sought' })
  pilotsSought: number;

  @Column('timestamptz', { name: 'answer_deadline' })
  answerDeadline: Date;

  @Column('text', { default: 'open' })
  state: OpenCallState;

  @Column('text', { name: 'closed_reason', nullable: true })
  closedReason: OpenCallCloseReason | null;

  @Column('timestamptz', { name: 'published_at' })
  publishedAt: Date;

  @Column('timestamptz', { name: 'closed_at', nullable: true })
  closedAt: Date | null;

  @Column('uuid', { name: 'published_by' })
  publishedBy: string;

  @Column('text', { name: 'search_text' })
  searchText: string;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A startup's short proposal in answer to an open call: one per startup and call. */
@Entity({ schema: 'pilots', name: 'open_call_answers' })
export class OpenCallAnswer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'open_call_id' })
  openCallId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('text')
  proposal: string;

  @Column('text', { default: 'submitted' })
  state: OpenCallAnswerState;

  @Column('uuid', { name: 'answered_by' })
  answeredBy: string;

  @Column('uuid', { name: 'decided_by', nullable: true })
  decidedBy: string | null;

  @Column('timestamptz', { name: 'decided_at', nullable: true })
  decidedAt: Date | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
