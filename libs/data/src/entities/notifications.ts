import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { DeliveryState, Language, MailMessageState, MailReminderState, PrincipalState, Role, WebhookEndpointState } from '../enums';

/**
 * A partner's webhook endpoint. Its `whsec_…` signing secret is sealed at rest (AES-256-GCM) in
 * `secretSealed` under the key `secretKeyId`; during a rotation `previousSecretSealed` also signs
 * until `previousSecretExpiresAt`. Rows written before secrets were sealed hold them in plain
 * `secret`/`previousSecret` with a null `secretKeyId`, until `npm run webhooks:reencrypt` seals them.
 */
@Entity({ schema: 'notifications', name: 'webhook_endpoints' })
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId: string;

  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  description: string | null;

  /** Event type patterns such as `pilot.*`, `application.accepted`, `*`. */
  @Column('text', { name: 'event_types', array: true, default: () => "'{}'" })
  eventTypes: string[];

  /** Plain text, only in rows not sealed yet (null `secretKeyId`). */
  @Column('text', { nullable: true })
  secret: string | null;

  /** Plain text, only in rows not sealed yet. */
  @Column('text', { name: 'previous_secret', nullable: true })
  previousSecret: string | null;

  /** base64 of nonce ‖ tag ‖ ciphertext. */
  @Column('text', { name: 'secret_sealed', nullable: true })
  secretSealed: string | null;

  @Column('text', { name: 'previous_secret_sealed', nullable: true })
  previousSecretSealed: string | null;

  /** The configured key that sealed both secrets; null marks a row still in plain text. */
  @Column('text', { name: 'secret_key_id', nullable: true })
  secretKeyId: string | null;

  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column('text', { default: 'active' })
  state: WebhookEndpointState;

  @Column('text', { name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  @Column('timestamptz', { name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column('timestamptz', { name: 'last_success_at', nullable: true })
  lastSuccessAt: Date | null;

  /** Start of the current run of failures (null while healthy); drives auto-disable. */
  @Column('timestamptz', { name: 'failing_since', nullable: true })
  failingSince: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column('timestamptz', { name: 'deleted_at', nullable: true })
  deletedAt: Date | null;
}

/*
 * `notifications.programmes` (programme id → organiser and partner organisations, projected from
 * application events) is read and written with SQL by the notifications service's fan-out only.
 */

/** Every event the notifications service consumed, kept for fan-out, retries and replays. */
@Entity({ schema: 'notifications', name: 'events' })
export class NotificationEvent {
  /** The CloudEvents id (becomes `webhook-id`). */
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  type: string;

  @Column('text')
  source: string;

  @Column('text', { nullable: true })
  subject: string | null;

  @Column('text')
  topic: string;

  @Column('text', { nullable: true })
  key: string | null;

  @Column('timestamptz')
  time: Date;

  @Column('uuid', { name: 'programme_id', nullable: true })
  programmeId: string | null;

  /** Organisations entitled to the event (the programme's organiser and partners). */
  @Column('uuid', { name: 'organisation_ids', array: true, default: () => "'{}'" })
  organisationIds: string[];

  @Column('jsonb')
  data: unknown;

  @Column('timestamptz', { name: 'received_at', default: () => 'now()' })
  receivedAt: Date;
}

/** One event to one endpoint. Unique per (endpoint, event): fan-out is idempotent. */
@Entity({ schema: 'notifications', name: 'deliveries' })
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'endpoint_id' })
  endpointId: string;

  @Column('uuid', { name: 'event_id' })
  eventId: string;

  @Column('text', { name: 'event_type' })
  eventType: string;

  @Column('timestamptz', { name: 'event_time' })
  eventTime: Date;

  @Column('text', { default: 'pending' })
  state: DeliveryState;

  @Column('integer', { name: 'attempt_count', default: 0 })
  attemptCount: number;

  /** `attempt_count` when the retry schedule last started over (manual retry, replay). */
  @Column('integer', { name: 'retry_round_start', default: 0 })
  retryRoundStart: number;

  @Column('timestamptz', { name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column('timestamptz', { name: 'last_attempt_at', nullable: true })
  lastAttemptAt: Date | null;

  @Column('integer', { name: 'last_status_code', nullable: true })
  lastStatusCode: number | null;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('timestamptz', { name: 'succeeded_at', nullable: true })
  succeededAt: Date | null;

  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One HTTP attempt of a delivery. The response excerpt is capped (see RESPONSE_EXCERPT_MAX_CHARS). */
@Entity({ schema: 'notifications', name: 'delivery_attempts' })
export class DeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'delivery_id' })
  deliveryId: string;

  @Column('integer', { name: 'attempt_number' })
  attemptNumber: number;

  @Column('timestamptz', { name: 'started_at' })
  startedAt: Date;

  @Column('integer', { name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column('integer', { name: 'latency_ms' })
  latencyMs: number;

  @Column('text', { name: 'response_excerpt', nullable: true })
  responseExcerpt: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** A person the notifications service can mail, projected from `person.*` events. */
@Entity({ schema: 'notifications', name: 'people' })
export class MailRecipientRecord {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  role: Role;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'startup_id', nullable: true })
  startupId: string | null;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { nullable: true })
  language: Language | null;

  @Column('text', { name: 'time_zone', nullable: true })
  timeZone: string | null;

  @Column('text', { default: 'active' })
  state: PrincipalState;

  /** The time of the newest event applied: an older one never overwrites it. */
  @Column('timestamptz', { name: 'as_of' })
  asOf: Date;
}

/** A startup's names, as mails show them (projected from `startup.*` events). */
@Entity({ schema: 'notifications', name: 'startups' })
export class MailStartupName {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_latin', nullable: true })
  nameLatin: string | null;

  @Column('timestamptz', { name: 'as_of' })
  asOf: Date;
}

/**
 * One mail to one person: the outbox row the worker sends. Unique per (cause, recipient, kind), so
 * an event consumed twice mails nobody twice. `causeId` is the event id, or the reminder id for mail
 * due at a time.
 */
@Entity({ schema: 'notifications', name: 'mail_messages' })
export class MailMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'cause_id' })
  causeId: string;

  @Column('text')
  kind: string;

  @Column('text')
  category: string;

  @Column('uuid', { name: 'recipient_id' })
  recipientId: string;

  /** The recipient's organisation: its admins read the log of these messages. */
  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'startup_id', nullable: true })
  startupId: string | null;

  @Column('text', { name: 'to_address' })
  toAddress: string;

  @Column('text')
  language: Language;

  @Column('text')
  subject: string;

  @Column('text', { name: 'text_body' })
  textBody: string;

  @Column('text', { name: 'html_body' })
  htmlBody: string;

  @Column('text', { name: 'unsubscribe_url', nullable: true })
  unsubscribeUrl: string | null;

  @Column('text', { default: 'pending' })
  state: MailMessageState;

  @Column('integer', { name: 'attempt_count', default: 0 })
  attemptCount: number;

  @Column('text', { name: 'last_error', nullable: true })
  lastError: string | null;

  @Column('text', { name: 'smtp_response', nullable: true })
  smtpResponse: string | null;

  @Column('timestamptz', { name: 'sent_at', nullable: true })
  sentAt: Date | null;

  @Column('timestamptz', { name: 'failed_at', nullable: true })
  failedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** A category of mail a person stopped. */
@Entity({ schema: 'notifications', name: 'mail_opt_outs' })
export class MailOptOut {
  @PrimaryColumn('uuid', { name: 'person_id' })
  personId: string;

  @PrimaryColumn('text')
  category: string;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}

/** Mail due at a time rather than on an event; claimed once, by whichever instance sweeps first. */
@Entity({ schema: 'notifications', name: 'mail_reminders' })
export class MailReminder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  kind: string;

  /** The offer or the review assignment the reminder is about. */
  @Column('uuid', { name: 'subject_id' })
  subjectId: string;

  @Column('timestamptz', { name: 'due_at' })
  dueAt: Date;

  /** The event that scheduled it, whose data the mail is composed from. */
  @Column('jsonb')
  data: unknown;

  @Column('text', { default: 'pending' })
  state: MailReminderState;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
