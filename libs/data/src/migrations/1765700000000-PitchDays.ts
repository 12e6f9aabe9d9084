import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pitch days judged by a jury (issue 18, part 1), in the cohorts schema:
 * - `pitch_days`: a cohort's selection run as a pitch day (one per cohort), with the places per group;
 * - `pitch_sessions`: one per pitch group of the pitch day: its day and IANA time zone, its rubric
 *   (criteria with integer weights, a maximum score) and its quorum (`min_jurors`);
 * - `pitch_slots`: a startup's pitch (start, end) in a session, one per startup and pitch day,
 *   marked absent when the startup did not show up;
 * - `pitch_jurors`: the session's jury (reviewers of the organising organisation); a recused juror
 *   keeps its row with the reason, so it cannot be added again and its scores stop counting;
 * - `pitch_conflicts`: a juror's declared conflict of interest with one startup of its session;
 * - `pitch_scores`: a juror's scores of one pitch against the rubric, updated until the session closes.
 */
export class PitchDays1765700000000 implements MigrationInterface {
  name = 'PitchDays1765700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE cohorts.pitch_days (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      cohort_id uuid NOT NULL REFERENCES cohorts.cohorts (id),
      per_group integer NOT NULL DEFAULT 3 CHECK (per_group BETWEEN 1 AND 1000),
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'published')),
      published_at timestamptz NULL,
      created_by uuid NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pitch_days_cohort_uq UNIQUE (cohort_id),
      CONSTRAINT pitch_days_published_ck CHECK ((state = 'published') = (published_at IS NOT NULL))
    )`);

    await queryRunner.query(`CREATE TABLE cohorts.pitch_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      pitch_day_id uuid NOT NULL REFERENCES cohorts.pitch_days (id),
      pitch_group text NOT NULL CHECK (btrim(pitch_group) <> '' AND char_length(pitch_group) <= 100),
      name text NOT NULL CHECK (btrim(name) <> '' AND char_length(name) <= 200),
      day date NOT NULL,
      time_zone text NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
      criteria jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array' AND jsonb_array_length(criteria) BETWEEN 1 AND 20),
      max_score integer NOT NULL CHECK (max_score BETWEEN 1 AND 100),
      min_jurors integer NOT NULL CHECK (min_jurors BETWEEN 1 AND 50),
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
      closed_at timestamptz NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pitch_sessions_group_uq UNIQUE (pitch_day_id, pitch_group),
      CONSTRAINT pitch_sessions_closed_ck CHECK ((state = 'closed') = (closed_at IS NOT NULL))
    )`);

    await queryRunner.query(`CREATE TABLE cohorts.pitch_slots (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES cohorts.pitch_sessions (id),
      pitch_day_id uuid NOT NULL REFERENCES cohorts.pitch_days (id),
      startup_id uuid NOT NULL,
      candidate_id uuid NOT NULL REFERENCES cohorts.candidates (id),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      attendance text NOT NULL DEFAULT 'expected' CHECK (attendance IN ('expected', 'absent')),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pitch_slots_once_uq UNIQUE (pitch_day_id, startup_id),
      CONSTRAINT pitch_slots_length_ck CHECK (ends_at > starts_at AND ends_at <= starts_at + interval '24 hours')
    )`);
    await queryRunner.query(`CREATE INDEX pitch_slots_session_idx ON cohorts.pitch_slots (session_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX pitch_slots_startup_idx ON cohorts.pitch_slots (startup_id, starts_at)`);

    await queryRunner.query(`CREATE TABLE cohorts.pitch_jurors (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      session_id uuid NOT NULL REFERENCES cohorts.pitch_sessions (id),
      principal_id uuid NOT NULL REFERENCES identity.principals (id),
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'recused')),
      recusal_reason text NULL CHECK (btrim(recusal_reason) <> '' AND char_length(recusal_reason) <= 1000),
      recused_at timestamptz NULL,
      added_by uuid NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pitch_jurors_once_uq UNIQUE (session_id, principal_id),
      CONSTRAINT pitch_jurors_recused_ck CHECK ((state = 'recused') = (recused_at IS NOT NULL AND recusal_reason IS NOT NULL))
    )`);
    await queryRunner.query(`CREATE INDEX pitch_jurors_principal_idx ON cohorts.pitch_jurors (principal_id)`);

    await queryRunner.query(`CREATE TABLE cohorts.pitch_conflicts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      juror_id uuid NOT NULL REFERENCES cohorts.pitch_jurors (id),
      startup_id uuid NOT NULL,
      reason text NOT NULL CHECK (btrim(reason) <> '' AND char_length(reason) <= 1000),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pitch_conflicts_once_uq UNIQUE (juror_id, startup_id)
    )`);

    await queryRunner.query(`CREATE TABLE cohorts.pitch_scores (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slot_id uuid NOT NULL REFERENCES cohorts.pitch_slots (id),
      juror_id uuid NOT NULL REFERENCES cohorts.pitch_jurors (id),
      scores jsonb NOT NULL CHECK (jsonb_typeof(scores) = 'array' AND jsonb_array_length(scores) BETWEEN 1 AND 20),
      weighted_score double precision NOT NULL CHECK (weighted_score BETWEEN 0 AND 100),
      comment text NULL CHECK (char_length(comment) <= 2000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pitch_scores_once_uq UNIQUE (slot_id, juror_id)
    )`);
    await queryRunner.query(`CREATE INDEX pitch_scores_juror_idx ON cohorts.pitch_scores (juror_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE cohorts.pitch_scores`);
    await queryRunner.query(`DROP TABLE cohorts.pitch_conflicts`);
    await queryRunner.query(`DROP TABLE cohorts.pitch_jurors`);
    await queryRunner.query(`DROP TABLE cohorts.pitch_slots`);
    await queryRunner.query(`DROP TABLE cohorts.pitch_sessions`);
    await queryRunner.query(`DROP TABLE cohorts.pitch_days`);
  }
}
