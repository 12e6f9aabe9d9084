import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { Language, OrganisationKind, PrincipalState, Role } from '../enums';

/** An agency, host organisation, accelerator or other organisation taking part in the exchange. */
@Entity({ schema: 'identity', name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Name in the organisation's own script (Cyrillic, Hangul, Latin…). */
  @Column('text')
  name: string;

  @Column('text', { name: 'name_latin', nullable: true })
  nameLatin: string | null;

  @Column('text')
  kind: OrganisationKind;

  /** ISO 3166-1 alpha-2, upper case. */
  @Column('char', { length: 2 })
  country: string;

  @Column('text', { nullable: true })
  city: string | null;

  @Column('text', { name: 'preferred_language', default: 'en' })
  preferredLanguage: Language;

  @Column('text', { nullable: true })
  website: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * Who acts: a person of an organisation with one role, or a startup (role `startup`,
 * `startupId` set, no organisation).
 */
@Entity({ schema: 'identity', name: 'principals' })
export class Principal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  role: Role;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  /** applications.startups.id when role = 'startup'. */
  @Column('uuid', { name: 'startup_id', nullable: true })
  startupId: string | null;

  @Column('text', { name: 'display_name' })
  displayName: string;

  @Column('text', { nullable: true })
  email: string | null;

  @Column('text', { name: 'preferred_language', nullable: true })
  preferredLanguage: Language | null;

  /** IANA time zone (`Asia/Seoul`) for times in mail to the person; null when not known. */
  @Column('text', { name: 'time_zone', nullable: true })
  timeZone: string | null;

  @Column('text', { default: 'active' })
  state: PrincipalState;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * An API key: `prefix` is the visible start of the key (unique, used for lookup), `hash` the
 * lowercase hex SHA-256 of the whole key. Exactly one of organisationId / startupId is set.
 */
@Entity({ schema: 'identity', name: 'api_keys' })
export class ApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  prefix: string;

  @Column('text')
  hash: string;

  @Column('uuid', { name: 'principal_id' })
  principalId: string;

  @Column('text')
  role: Role;

  @Column('uuid', { name: 'organisation_id', nullable: true })
  organisationId: string | null;

  @Column('uuid', { name: 'startup_id', nullable: true })
  startupId: string | null;

  @Column('text', { nullable: true })
  label: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column('timestamptz', { name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column('uuid', { name: 'created_by', nullable: true })
  createdBy: string | null;
}

/** Who changed what, when, with the state before and after. Written by every service. */
@Entity({ schema: 'identity', name: 'audit_log' })
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** The service that wrote the entry (applications, pilots, cohorts, notifications, cli). */
  @Column('text')
  service: string;

  @Column('uuid', { name: 'actor_principal_id', nullable: true })
  actorPrincipalId: string | null;

  @Column('text', { name: 'actor_role', nullable: true })
  actorRole: string | null;

  @Column('uuid', { name: 'actor_organisation_id', nullable: true })
  actorOrganisationId: string | null;

  /** e.g. `application.accept`, `pilot_site.update`. */
  @Column('text')
  action: string;

  @Column('text', { name: 'entity_type' })
  entityType: string;

  @Column('uuid', { name: 'entity_id', nullable: true })
  entityId: string | null;

  @Column('jsonb', { nullable: true })
  before: Record<string, unknown> | null;

  @Column('jsonb', { nullable: true })
  after: Record<string, unknown> | null;

  @Column('text', { name: 'request_id', nullable: true })
  requestId: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  at: Date;
}

/**
 * A stored response for an `Idempotency-Key`. `scope` should name the service, the principal and
 * the route (e.g. `applications:<principal id>:POST /v1/applications`). A row with a null
 * `responseStatus` is in progress.
 */
@Entity({ schema: 'identity', name: 'idempotency_keys' })
export class IdempotencyKey {
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  /** Hex SHA-256 of the canonical request (method, path, body). */
  @Column('text', { name: 'request_hash' })
  requestHash: string;

  @Column('integer', { name: 'response_status', nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { name: 'response_body', nullable: true })
  responseBody: unknown;

  @Column('jsonb', { name: 'response_headers', nullable: true })
  responseHeaders: Record<string, string> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { name: 'expires_at', default: () => "now() + interval '24 hours'" })
  expiresAt: Date;
}
