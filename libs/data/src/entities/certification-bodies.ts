import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { ApplicationFlagReason } from '../enums';

/**
 * A certification body's own ordered grades for one kind of certificate, lowest first
 * (e.g. `innovation_certificate`: A, AA, AAA). Certificates it issues carry a grade of this scale.
 */
@Entity({ schema: 'applications', name: 'certification_grade_scales' })
export class CertificationGradeScale {
  @PrimaryColumn('uuid', { name: 'organisation_id' })
  organisationId: string;

  @PrimaryColumn('text')
  kind: string;

  @Column('text', { array: true })
  grades: string[];

  @VersionColumn()
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * An open application whose eligibility relied on a certificate that was revoked or whose validity
 * ended, shown to its programme's managers (it is not rejected). One per (application, certificate).
 * The certificate is copied in as it was when the flag was raised.
 */
@Entity({ schema: 'applications', name: 'application_flags' })
export class ApplicationFlag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid', { name: 'application_id' })
  applicationId: string;

  @Column('uuid', { name: 'programme_id' })
  programmeId: string;

  @Column('uuid', { name: 'startup_id' })
  startupId: string;

  @Column('uuid', { name: 'certification_id' })
  certificationId: string;

  @Column('text')
  reason: ApplicationFlagReason;

  /** The eligibility rule the application no longer meets (an EligibilityRule code). */
  @Column('text', { name: 'failed_rule' })
  failedRule: string;

  /** The parameters that rule's message is rendered from, in the reader's language. */
  @Column('jsonb', { name: 'failed_rule_params', default: () => "'{}'" })
  failedRuleParams: Record<string, unknown>;

  @Column('text', { name: 'certification_kind' })
  certificationKind: string;

  @Column('text', { name: 'certification_grade', nullable: true })
  certificationGrade: string | null;

  @Column('text')
  issuer: string;

  @Column('uuid', { name: 'issuer_organisation_id', nullable: true })
  issuerOrganisationId: string | null;

  @Column('text', { name: 'revocation_reason', nullable: true })
  revocationReason: string | null;

  /** When the certificate stopped counting: its revocation, or the end of its validity. */
  @Column('timestamptz', { name: 'ended_at' })
  endedAt: Date;

  @CreateDateColumn({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt: Date;
}
