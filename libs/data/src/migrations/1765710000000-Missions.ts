import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business missions with matchmaking and a meeting scheduler (issue 18, part 2).
 *
 * `applications.missions`: organiser, partners, host city, time zone, meeting days and hours, slot
 * length and rooms. `applications.mission_participants`: its companies, each an organisation or a
 * startup (exactly one, at most once per mission), with bounded tag lists and an availability.
 * `applications.mission_meetings`: proposed one-to-one meetings (one per pair), both sides' answers,
 * the slot and room the scheduler gave them, and the outcome. A company in two meetings of one slot,
 * or a room with two, is refused by unique indexes as well as by the scheduler.
 */
export class Missions1765710000000 implements MigrationInterface {
  name = 'Missions1765710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE applications.missions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      organiser_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
      partner_organisation_ids uuid[] NOT NULL DEFAULT '{}' CHECK (cardinality(partner_organisation_ids) <= 20),
      title text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 300),
      host_city text NOT NULL CHECK (btrim(host_city) <> '' AND char_length(host_city) <= 120),
      country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
      time_zone text NOT NULL CHECK (char_length(time_zone) BETWEEN 1 AND 64),
      -- Calendar days as text (YYYY-MM-DD): the API's form, and pg would parse a date[] into JS Dates.
      days text[] NOT NULL CHECK (cardinality(days) BETWEEN 1 AND 14 AND array_to_string(days, ',') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}(,[0-9]{4}-[0-9]{2}-[0-9]{2})*$'),
      day_starts_at text NOT NULL CHECK (day_starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
      day_ends_at text NOT NULL CHECK (day_ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$'),
      slot_minutes smallint NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
      rooms text[] NOT NULL CHECK (cardinality(rooms) BETWEEN 1 AND 200),
      state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'scheduled')),
      published_at timestamptz NULL,
      scheduled_at timestamptz NULL,
      created_by uuid NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT missions_hours CHECK (day_ends_at > day_starts_at),
      CONSTRAINT missions_published CHECK ((state = 'draft') = (published_at IS NULL)),
      CONSTRAINT missions_scheduled CHECK ((state = 'scheduled') = (scheduled_at IS NOT NULL))
    )`);
    await queryRunner.query(`CREATE INDEX missions_organiser_idx ON applications.missions (organiser_organisation_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX missions_partners_idx ON applications.missions USING gin (partner_organisation_ids)`);

    await queryRunner.query(`CREATE TABLE applications.mission_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      mission_id uuid NOT NULL REFERENCES applications.missions (id) ON DELETE CASCADE,
      side text NOT NULL CHECK (side IN ('delegation', 'local')),
      organisation_id uuid NULL REFERENCES identity.organisations (id),
      startup_id uuid NULL REFERENCES applications.startups (id),
      name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 300),
      fields text[] NOT NULL DEFAULT '{}' CHECK (cardinality(fields) <= 20),
      offers text[] NOT NULL DEFAULT '{}' CHECK (cardinality(offers) <= 20),
      seeks text[] NOT NULL DEFAULT '{}' CHECK (cardinality(seeks) <= 20),
      languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 10),
      availability jsonb NULL CHECK (availability IS NULL OR (jsonb_typeof(availability) = 'array' AND jsonb_array_length(availability) <= 50)),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mission_participants_one_company CHECK ((organisation_id IS NULL) <> (startup_id IS NULL))
    )`);
    await queryRunner.query(`CREATE UNIQUE INDEX mission_participants_organisation_uq ON applications.mission_participants (mission_id, organisation_id) WHERE organisation_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX mission_participants_startup_uq ON applications.mission_participants (mission_id, startup_id) WHERE startup_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX mission_participants_mission_idx ON applications.mission_participants (mission_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX mission_participants_organisation_idx ON applications.mission_participants (organisation_id) WHERE organisation_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX mission_participants_startup_idx ON applications.mission_participants (startup_id) WHERE startup_id IS NOT NULL`);

    await queryRunner.query(`CREATE TABLE applications.mission_meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      mission_id uuid NOT NULL REFERENCES applications.missions (id) ON DELETE CASCADE,
      delegation_participant_id uuid NOT NULL REFERENCES applications.mission_participants (id) ON DELETE CASCADE,
      local_participant_id uuid NOT NULL REFERENCES applications.mission_participants (id) ON DELETE CASCADE,
      score numeric NOT NULL CHECK (score >= 0 AND score <= 1),
      components jsonb NOT NULL CHECK (jsonb_typeof(components) = 'array'),
      delegation_answer text NOT NULL DEFAULT 'pending' CHECK (delegation_answer IN ('pending', 'accepted', 'declined')),
      local_answer text NOT NULL DEFAULT 'pending' CHECK (local_answer IN ('pending', 'accepted', 'declined')),
      slot_index integer NULL CHECK (slot_index >= 0),
      room text NULL CHECK (char_length(room) BETWEEN 1 AND 100),
      starts_at timestamptz NULL,
      ends_at timestamptz NULL,
      outcome text NULL CHECK (outcome IN ('follow_up', 'agreement_signed', 'pilot_proposed', 'none')),
      outcome_note text NULL CHECK (char_length(outcome_note) <= 2000),
      outcome_recorded_at timestamptz NULL,
      outcome_recorded_by uuid NULL,
      pilot_application_id uuid NULL REFERENCES applications.applications (id),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT mission_meetings_pair_uq UNIQUE (mission_id, delegation_participant_id, local_participant_id),
      CONSTRAINT mission_meetings_two_companies CHECK (delegation_participant_id <> local_participant_id),
      CONSTRAINT mission_meetings_placed CHECK ((slot_index IS NULL) = (room IS NULL) AND (slot_index IS NULL) = (starts_at IS NULL) AND (starts_at IS NULL) = (ends_at IS NULL)),
      CONSTRAINT mission_meetings_placed_accepted CHECK (slot_index IS NULL OR (delegation_answer = 'accepted' AND local_answer = 'accepted')),
      CONSTRAINT mission_meetings_outcome CHECK ((outcome IS NULL) = (outcome_recorded_at IS NULL) AND (outcome IS NULL OR slot_index IS NOT NULL)),
      CONSTRAINT mission_meetings_pilot CHECK (pilot_application_id IS NULL OR outcome = 'pilot_proposed')
    )`);
    await queryRunner.query(`CREATE INDEX mission_meetings_mission_idx ON applications.mission_meetings (mission_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX mission_meetings_agenda_idx ON applications.mission_meetings (mission_id, starts_at, id) WHERE starts_at IS NOT NULL`);
    // The last line of defence against a double booking: one meeting per room, and per company, in a slot.
    await queryRunner.query(`CREATE UNIQUE INDEX mission_meetings_room_slot_uq ON applications.mission_meetings (mission_id, slot_index, room) WHERE slot_index IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX mission_meetings_delegation_slot_uq ON applications.mission_meetings (delegation_participant_id, slot_index) WHERE slot_index IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX mission_meetings_local_slot_uq ON applications.mission_meetings (local_participant_id, slot_index) WHERE slot_index IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX mission_meetings_local_idx ON applications.mission_meetings (local_participant_id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE applications.mission_meetings`);
    await queryRunner.query(`DROP TABLE applications.mission_participants`);
    await queryRunner.query(`DROP TABLE applications.missions`);
  }
}
