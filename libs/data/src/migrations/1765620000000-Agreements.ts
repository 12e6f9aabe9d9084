import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreements between two organisations and the reciprocity report under them (issue 17, part 3).
 *
 * `applications.agreements`: the MOU, its two distinct parties, its dates (calendar days) and an
 * optional target per side (distinct startups to send over the whole agreement).
 *
 * `applications.exchange_facts`: one row per consumed event the report counts (submissions,
 * acceptances, pilots started and completed, accepted cohort places, graduations), keyed by the
 * event id so a replay adds nothing. Startup and programme carry no foreign key: an event may name
 * one this service does not know (yet); the report joins them at read time and such rows drop out.
 * Facts start with this migration: the applications topic is read from its retained beginning by
 * the consumer; pilot and cohort events consumed before it are not counted.
 */
export class Agreements1765620000000 implements MigrationInterface {
  name = 'Agreements1765620000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE applications.agreements (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      party_a_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
      party_b_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
      title text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 300),
      signed_on date NOT NULL,
      valid_from date NOT NULL,
      valid_until date NOT NULL,
      party_a_target integer NULL CHECK (party_a_target BETWEEN 1 AND 100000),
      party_b_target integer NULL CHECK (party_b_target BETWEEN 1 AND 100000),
      state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'ended')),
      ended_at timestamptz NULL,
      created_by uuid NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT agreements_distinct_parties CHECK (party_a_organisation_id <> party_b_organisation_id),
      CONSTRAINT agreements_validity CHECK (valid_until >= valid_from),
      CONSTRAINT agreements_ended CHECK ((state = 'ended') = (ended_at IS NOT NULL))
    )`);
    await queryRunner.query(`CREATE INDEX agreements_party_a_idx ON applications.agreements (party_a_organisation_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX agreements_party_b_idx ON applications.agreements (party_b_organisation_id, created_at, id)`);

    await queryRunner.query(`CREATE TABLE applications.exchange_facts (
      event_id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('application_submitted', 'application_accepted', 'pilot_started', 'pilot_completed', 'cohort_place', 'graduated')),
      startup_id uuid NOT NULL,
      programme_id uuid NOT NULL,
      subject_id uuid NOT NULL,
      occurred_at timestamptz NOT NULL,
      adoption text NULL CHECK (adoption IN ('deploy', 'buy', 'extend', 'none')),
      contract_value numeric NULL CHECK (contract_value >= 0),
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT exchange_facts_pilot_outcome CHECK (kind = 'pilot_completed' OR (adoption IS NULL AND contract_value IS NULL))
    )`);
    // The report reads the facts of the parties' programmes within a period.
    await queryRunner.query(`CREATE INDEX exchange_facts_programme_time_idx ON applications.exchange_facts (programme_id, occurred_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE applications.exchange_facts`);
    await queryRunner.query(`DROP TABLE applications.agreements`);
  }
}
