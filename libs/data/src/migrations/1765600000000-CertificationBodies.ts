import type { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS_BEFORE = `'organising_agency', 'partner_agency', 'host', 'accelerator', 'other'`;
/** The eligibility rules a certificate can stop meeting (the failed rule a flag records). */
const CERTIFICATION_RULES = `'CERTIFICATION_MISSING', 'CERTIFICATION_NOT_VERIFIED', 'CERTIFICATION_GRADE_TOO_LOW', 'CERTIFICATION_NOT_VALID_AT_CLOSING'`;

/**
 * Certification bodies (issue 17, part 1).
 *
 * - Organisations of kind `certification_body` issue, renew and revoke certificates for startups.
 * - `certification_grade_scales`: each body's own ordered grades per certificate kind (lowest first).
 * - `certifications` gains what an issued certificate has: a public verification code (unique;
 *   only issued certificates have one, so it is what tells issued from self-declared), who issued
 *   it, its revocation with the reason, its last renewal, and when the expiry sweep handled its end.
 *   Certificates that had already ended count as handled: they ended before anything relied on the
 *   sweep, so the first sweep does not flag applications for them.
 * - `programmes` can require a verified certificate, from named bodies, of a minimum grade.
 * - `application_flags`: an open application whose eligibility relied on a certificate that was
 *   revoked or ended, shown to its programme's managers. One per (application, certificate), which is
 *   what makes flagging exactly once whichever instance (a revocation, a sweep) gets there. The
 *   certificate is copied into the flag, not referenced: a self-declared certificate may be deleted
 *   by its startup later, and the flag stays as it was raised.
 */
export class CertificationBodies1765600000000 implements MigrationInterface {
  name = 'CertificationBodies1765600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE identity.organisations DROP CONSTRAINT organisations_kind_check`);
    await queryRunner.query(
      `ALTER TABLE identity.organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN (${KINDS_BEFORE}, 'certification_body'))`,
    );

    await queryRunner.query(`CREATE TABLE applications.certification_grade_scales (
      organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
      kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]{1,63}$'),
      grades text[] NOT NULL CHECK (cardinality(grades) BETWEEN 1 AND 20),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT certification_grade_scales_pkey PRIMARY KEY (organisation_id, kind)
    )`);

    await queryRunner.query(`ALTER TABLE applications.certifications
      ADD COLUMN verification_code text NULL CHECK (verification_code ~ '^[A-Z2-7]{20}$'),
      ADD COLUMN issued_by uuid NULL REFERENCES identity.principals (id),
      ADD COLUMN renewed_at timestamptz NULL,
      ADD COLUMN revoked_at timestamptz NULL,
      ADD COLUMN revocation_reason text NULL CHECK (char_length(revocation_reason) BETWEEN 1 AND 2000),
      ADD COLUMN revoked_by uuid NULL REFERENCES identity.principals (id),
      ADD COLUMN expiry_checked_at timestamptz NULL,
      ADD CONSTRAINT certifications_issued_ck CHECK (verification_code IS NULL OR issuer_organisation_id IS NOT NULL),
      ADD CONSTRAINT certifications_revocation_ck CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL)),
      ADD CONSTRAINT certifications_revoked_issued_ck CHECK (revoked_at IS NULL OR verification_code IS NOT NULL)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX certifications_verification_code_uq ON applications.certifications (verification_code) WHERE verification_code IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX certifications_issuer_idx ON applications.certifications (issuer_organisation_id, created_at, id) WHERE verification_code IS NOT NULL`,
    );
    // What the expiry sweep scans: certificates with an end not handled yet.
    await queryRunner.query(
      `CREATE INDEX certifications_expiry_idx ON applications.certifications (valid_until) WHERE valid_until IS NOT NULL AND expiry_checked_at IS NULL AND revoked_at IS NULL`,
    );
    await queryRunner.query(`UPDATE applications.certifications SET expiry_checked_at = now() WHERE valid_until IS NOT NULL AND valid_until <= now()`);

    await queryRunner.query(`ALTER TABLE applications.programmes
      ADD COLUMN requires_verified_certification boolean NOT NULL DEFAULT false,
      ADD COLUMN required_certification_issuers uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(required_certification_issuers) <= 20),
      ADD COLUMN required_certification_min_grade text NULL CHECK (char_length(required_certification_min_grade) BETWEEN 1 AND 16),
      ADD CONSTRAINT programmes_verified_certification_ck CHECK (
        (NOT requires_verified_certification OR required_certification_kind IS NOT NULL)
        AND (cardinality(required_certification_issuers) = 0 OR requires_verified_certification)
      )`);

    await queryRunner.query(`CREATE TABLE applications.application_flags (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      application_id uuid NOT NULL REFERENCES applications.applications (id) ON DELETE CASCADE,
      programme_id uuid NOT NULL REFERENCES applications.programmes (id),
      startup_id uuid NOT NULL REFERENCES applications.startups (id),
      certification_id uuid NOT NULL,
      reason text NOT NULL CHECK (reason IN ('certification_revoked', 'certification_expired')),
      failed_rule text NOT NULL CHECK (failed_rule IN (${CERTIFICATION_RULES})),
      failed_rule_params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(failed_rule_params) = 'object'),
      certification_kind text NOT NULL,
      certification_grade text NULL,
      issuer text NOT NULL,
      issuer_organisation_id uuid NULL,
      revocation_reason text NULL,
      ended_at timestamptz NOT NULL,
      flagged_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT application_flags_once UNIQUE (application_id, certification_id)
    )`);
    await queryRunner.query(`CREATE INDEX application_flags_programme_idx ON applications.application_flags (programme_id, flagged_at, id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE applications.application_flags`);
    await queryRunner.query(`ALTER TABLE applications.programmes
      DROP CONSTRAINT programmes_verified_certification_ck,
      DROP COLUMN required_certification_min_grade,
      DROP COLUMN required_certification_issuers,
      DROP COLUMN requires_verified_certification`);
    await queryRunner.query(`DROP INDEX applications.certifications_expiry_idx`);
    await queryRunner.query(`DROP INDEX applications.certifications_issuer_idx`);
    await queryRunner.query(`DROP INDEX applications.certifications_verification_code_uq`);
    await queryRunner.query(`ALTER TABLE applications.certifications
      DROP CONSTRAINT certifications_revoked_issued_ck,
      DROP CONSTRAINT certifications_revocation_ck,
      DROP CONSTRAINT certifications_issued_ck,
      DROP COLUMN expiry_checked_at,
      DROP COLUMN revoked_by,
      DROP COLUMN revocation_reason,
      DROP COLUMN revoked_at,
      DROP COLUMN renewed_at,
      DROP COLUMN issued_by,
      DROP COLUMN verification_code`);
    await queryRunner.query(`DROP TABLE applications.certification_grade_scales`);
    // Bodies become `other`: the earlier model has no kind for them.
    await queryRunner.query(`UPDATE identity.organisations SET kind = 'other' WHERE kind = 'certification_body'`);
    await queryRunner.query(`ALTER TABLE identity.organisations DROP CONSTRAINT organisations_kind_check`);
    await queryRunner.query(`ALTER TABLE identity.organisations ADD CONSTRAINT organisations_kind_check CHECK (kind IN (${KINDS_BEFORE}))`);
  }
}
