import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pitch days, the rest of issue 18 (cohorts schema, and the reciprocity facts of the applications schema):
 * - `cohorts.pitch_days.agreement_id`: the agreement (MOU) a pitch day runs under, as its organiser
 *   named it. The cohorts service knows no agreements: the id is carried in the results event, and
 *   the applications service's reciprocity report decides whether it counts (only under an agreement
 *   the programme's organiser is a party to).
 * - `cohorts.startup_certifications`: which organisation issued which startup's certifications, from
 *   `certification.issued` / `.renewed` / `.revoked` (the applications topic). A juror whose
 *   organisation issued one of a startup's certifications has a conflict of interest with it, as a
 *   reviewer has in reviews. A revocation is kept (final); the validity follows the newest event.
 * - `cohorts.pitch_results`: each candidate's result of a published pitch day (selected, waitlisted,
 *   or not selected with the reason), written with the offers, so a startup reads its own result.
 * - `applications.exchange_facts`: a `pitched` fact may name the agreement its pitch day named.
 */
export class PitchDayAgreementsAndConflicts1765740000000 implements MigrationInterface {
  name = 'PitchDayAgreementsAndConflicts1765740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cohorts.pitch_days ADD COLUMN agreement_id uuid NULL`);

    await queryRunner.query(`CREATE TABLE cohorts.startup_certifications (
      certification_id uuid PRIMARY KEY,
      startup_id uuid NOT NULL,
      issuer_organisation_id uuid NOT NULL,
      valid_from timestamptz NOT NULL,
      valid_until timestamptz NULL,
      revoked_at timestamptz NULL,
      as_of timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(`CREATE INDEX startup_certifications_startup_idx ON cohorts.startup_certifications (startup_id, issuer_organisation_id)`);

    await queryRunner.query(`CREATE TABLE cohorts.pitch_results (
      pitch_day_id uuid NOT NULL REFERENCES cohorts.pitch_days (id),
      startup_id uuid NOT NULL,
      candidate_id uuid NOT NULL REFERENCES cohorts.candidates (id),
      session_id uuid NULL REFERENCES cohorts.pitch_sessions (id),
      group_key text NOT NULL CHECK (char_length(group_key) BETWEEN 1 AND 100),
      outcome text NOT NULL CHECK (outcome IN ('selected', 'waitlisted', 'not_selected')),
      reason text NULL CHECK (reason IN ('did_not_pitch', 'absent', 'below_quorum')),
      rank integer NULL CHECK (rank > 0),
      waitlist_position integer NULL CHECK (waitlist_position > 0),
      pitch_score double precision NULL CHECK (pitch_score BETWEEN 0 AND 100),
      jurors integer NOT NULL DEFAULT 0 CHECK (jurors >= 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (pitch_day_id, startup_id),
      CONSTRAINT pitch_results_reason_ck CHECK ((outcome = 'not_selected') = (reason IS NOT NULL)),
      CONSTRAINT pitch_results_ranked_ck CHECK ((outcome = 'not_selected') = (rank IS NULL) AND (outcome = 'not_selected') = (pitch_score IS NULL)),
      CONSTRAINT pitch_results_waitlist_ck CHECK ((outcome = 'waitlisted') = (waitlist_position IS NOT NULL)),
      CONSTRAINT pitch_results_session_ck CHECK ((coalesce(reason, '') = 'did_not_pitch') = (session_id IS NULL))
    )`);

    await queryRunner.query(`ALTER TABLE applications.exchange_facts DROP CONSTRAINT exchange_facts_programme_or_mission`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts ADD CONSTRAINT exchange_facts_programme_or_mission CHECK (
      CASE WHEN kind = 'mission_meeting' THEN programme_id IS NULL AND mission_id IS NOT NULL AND meeting_outcome IS NOT NULL
           ELSE programme_id IS NOT NULL AND mission_id IS NULL AND meeting_outcome IS NULL AND (agreement_id IS NULL OR kind = 'pitched') END)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE applications.exchange_facts SET agreement_id = NULL WHERE kind = 'pitched' AND agreement_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts DROP CONSTRAINT exchange_facts_programme_or_mission`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts ADD CONSTRAINT exchange_facts_programme_or_mission CHECK (
      CASE WHEN kind = 'mission_meeting' THEN programme_id IS NULL AND mission_id IS NOT NULL AND meeting_outcome IS NOT NULL
           ELSE programme_id IS NOT NULL AND mission_id IS NULL AND agreement_id IS NULL AND meeting_outcome IS NULL END)`);
    await queryRunner.query(`DROP TABLE cohorts.pitch_results`);
    await queryRunner.query(`DROP TABLE cohorts.startup_certifications`);
    await queryRunner.query(`ALTER TABLE cohorts.pitch_days DROP COLUMN agreement_id`);
  }
}
