import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail to people (issue 16), in the notifications schema:
 * - `people`: who can be mailed, projected from `person.*` events (address, language, time zone,
 *   organisation or startup, role); copied once from identity.principals for people who existed before;
 * - `startups` and the names of `programmes`: what a mail names, from `startup.*` and
 *   `programme.published` (copied once from the applications schema);
 * - `mail_messages`: the outbox of mail, one row per (cause, recipient, kind) however often the event
 *   is consumed; its state is the truth, the BullMQ job only says "look at this message";
 * - `mail_opt_outs`: categories a person stopped (never `security`);
 * - `mail_reminders`: mail due at a time rather than on an event (an offer's deadline in 24 h, a
 *   review due in 48 h, the end of a webhook secret's rotation overlap), claimed once by any instance.
 */
export class MailToPeople1765500000000 implements MigrationInterface {
  name = 'MailToPeople1765500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE notifications.people (
      id uuid PRIMARY KEY,
      role text NOT NULL CHECK (role IN ('admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup')),
      organisation_id uuid NULL,
      startup_id uuid NULL,
      display_name text NOT NULL CHECK (length(display_name) <= 300),
      email text NULL CHECK (length(email) <= 320),
      language text NULL CHECK (language IN ('en', 'ko', 'ru')),
      time_zone text NULL CHECK (length(time_zone) <= 64),
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
      as_of timestamptz NOT NULL
    )`);
    await queryRunner.query(`CREATE INDEX people_organisation_idx ON notifications.people (organisation_id, role) WHERE organisation_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX people_startup_idx ON notifications.people (startup_id) WHERE startup_id IS NOT NULL`);
    await queryRunner.query(
      `INSERT INTO notifications.people (id, role, organisation_id, startup_id, display_name, email, language, time_zone, state, as_of)
       SELECT p.id, p.role, p.organisation_id, p.startup_id, left(p.display_name, 300), p.email,
              coalesce(p.preferred_language, o.preferred_language), p.time_zone, p.state, p.updated_at
       FROM identity.principals p LEFT JOIN identity.organisations o ON o.id = p.organisation_id`,
    );

    await queryRunner.query(`CREATE TABLE notifications.startups (
      id uuid PRIMARY KEY,
      name text NOT NULL,
      name_latin text NULL,
      as_of timestamptz NOT NULL
    )`);
    await queryRunner.query(
      `INSERT INTO notifications.startups (id, name, name_latin, as_of) SELECT id, name, name_latin, updated_at FROM applications.startups`,
    );
    await queryRunner.query(`ALTER TABLE notifications.programmes ADD COLUMN name text NULL, ADD COLUMN name_latin text NULL`);
    await queryRunner.query(
      `UPDATE notifications.programmes n SET name = a.name, name_latin = a.name_latin FROM applications.programmes a WHERE a.id = n.id`,
    );

    await queryRunner.query(`CREATE TABLE notifications.mail_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cause_id uuid NOT NULL,
      kind text NOT NULL,
      category text NOT NULL CHECK (category IN ('applications', 'reviews', 'pilots', 'cohorts', 'security')),
      recipient_id uuid NOT NULL,
      organisation_id uuid NULL,
      startup_id uuid NULL,
      to_address text NOT NULL CHECK (length(to_address) <= 320),
      language text NOT NULL CHECK (language IN ('en', 'ko', 'ru')),
      subject text NOT NULL,
      text_body text NOT NULL,
      html_body text NOT NULL,
      unsubscribe_url text NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
      attempt_count integer NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
      last_error text NULL,
      smtp_response text NULL,
      sent_at timestamptz NULL,
      failed_at timestamptz NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mail_messages_once UNIQUE (cause_id, recipient_id, kind)
    )`);
    await queryRunner.query(`CREATE INDEX mail_messages_pending_idx ON notifications.mail_messages (created_at) WHERE state = 'pending'`);
    await queryRunner.query(`CREATE INDEX mail_messages_organisation_idx ON notifications.mail_messages (organisation_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX mail_messages_recipient_idx ON notifications.mail_messages (recipient_id, created_at DESC, id DESC)`);

    // A cohort offer is a waitlist promotion when the startup was waitlisted in that cohort before.
    await queryRunner.query(`CREATE INDEX events_waitlisted_idx ON notifications.events (key) WHERE type = 'cohort.waitlisted'`);

    await queryRunner.query(`CREATE TABLE notifications.mail_opt_outs (
      person_id uuid NOT NULL,
      category text NOT NULL CHECK (category IN ('applications', 'reviews', 'pilots', 'cohorts')),
      at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mail_opt_outs_pkey PRIMARY KEY (person_id, category)
    )`);

    await queryRunner.query(`CREATE TABLE notifications.mail_reminders (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('cohort.offer_reminder', 'review.due_soon', 'pilot.report_due', 'webhook.rotation_ending')),
      subject_id uuid NOT NULL,
      due_at timestamptz NOT NULL,
      data jsonb NOT NULL,
      state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'cancelled')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mail_reminders_once UNIQUE (kind, subject_id)
    )`);
    await queryRunner.query(`CREATE INDEX mail_reminders_due_idx ON notifications.mail_reminders (due_at) WHERE state = 'pending'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notifications.mail_reminders`);
    await queryRunner.query(`DROP TABLE notifications.mail_opt_outs`);
    await queryRunner.query(`DROP INDEX notifications.events_waitlisted_idx`);
    await queryRunner.query(`DROP TABLE notifications.mail_messages`);
    await queryRunner.query(`ALTER TABLE notifications.programmes DROP COLUMN name, DROP COLUMN name_latin`);
    await queryRunner.query(`DROP TABLE notifications.startups`);
    await queryRunner.query(`DROP TABLE notifications.people`);
  }
}
