import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Outbox and inbox tables exist in every service schema with exactly the same shape; libs/messaging
 * reads and writes them with raw SQL. These entities let TypeORM code see them too.
 *
 * outbox: one row per event to publish; `seq` gives publish order; an AFTER INSERT statement
 * trigger sends `pg_notify('<schema>_outbox', '')`.
 * inbox: one row per (consumer, event id) already applied.
 */
export abstract class OutboxRecord {
  /** The event id (CloudEvents `id`). */
  @PrimaryColumn('uuid')
  id: string;

  /** bigserial; pg returns it as a string. Never inserted by the application. */
  @Column({ type: 'bigint', insert: false, update: false })
  seq: string;

  @Column('text')
  topic: string;

  @Column('text')
  key: string;

  @Column('text')
  type: string;

  @Column('text')
  source: string;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('timestamptz')
  time: Date;

  @Column('jsonb', { default: () => "'{}'" })
  headers: Record<string, string>;

  @Column('jsonb')
  payload: unknown;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt: Date;

  @Column('timestamptz', { name: 'published_at', nullable: true })
  publishedAt: Date | null;

  /** Set when the broker refused the row for good (e.g. too large): the relay skips it until re-published. */
  @Column('timestamptz', { name: 'parked_at', nullable: true })
  parkedAt: Date | null;

  /** The broker's refusal, kept for the operator. */
  @Column('text', { name: 'parked_error', nullable: true })
  parkedError: string | null;
}

export abstract class InboxRecord {
  @PrimaryColumn('text')
  consumer: string;

  @PrimaryColumn('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text')
  topic: string;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}

@Entity({ schema: 'applications', name: 'outbox' })
export class ApplicationsOutbox extends OutboxRecord {}

@Entity({ schema: 'applications', name: 'inbox' })
export class ApplicationsInbox extends InboxRecord {}

@Entity({ schema: 'pilots', name: 'outbox' })
export class PilotsOutbox extends OutboxRecord {}

@Entity({ schema: 'pilots', name: 'inbox' })
export class PilotsInbox extends InboxRecord {}

@Entity({ schema: 'cohorts', name: 'outbox' })
export class CohortsOutbox extends OutboxRecord {}

@Entity({ schema: 'cohorts', name: 'inbox' })
export class CohortsInbox extends InboxRecord {}

@Entity({ schema: 'notifications', name: 'outbox' })
export class NotificationsOutbox extends OutboxRecord {}

@Entity({ schema: 'notifications', name: 'inbox' })
export class NotificationsInbox extends InboxRecord {}

export const OUTBOX_ENTITIES = {
  applications: ApplicationsOutbox,
  pilots: PilotsOutbox,
  cohorts: CohortsOutbox,
  notifications: NotificationsOutbox,
} as const;

export const INBOX_ENTITIES = {
  applications: ApplicationsInbox,
  pilots: PilotsInbox,
  cohorts: CohortsInbox,
  notifications: NotificationsInbox,
} as const;

/** The channel the outbox trigger of a schema notifies (`<schema>_outbox`). */
export function outboxChannel(schema: string): string {
  return `${schema}_outbox`;
}
