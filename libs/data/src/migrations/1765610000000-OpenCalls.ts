import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Open calls for host needs (issue 17, part 2), in the pilots schema:
 * - `open_calls`: a need of a pilot site, public while open; `search_text` is its title, problem,
 *   city and fields lower-cased by the service (Unicode-aware, NFC, ё as е), searched with pg_trgm
 *   trigrams (GIN index over the open calls only, the only ones the public search reads);
 * - `open_call_answers`: a startup's short proposal, one per startup and call;
 * - `match_proposals.reason_codes`: each reason of a proposal as a code with its parameters, so the
 *   API renders it in the reader's language (proposals made before keep their English reasons only).
 */
export class OpenCalls1765610000000 implements MigrationInterface {
  name = 'OpenCalls1765610000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE TABLE pilots.open_calls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id uuid NOT NULL REFERENCES pilots.pilot_sites (id),
      host_organisation_id uuid NOT NULL REFERENCES identity.organisations (id),
      programme_id uuid NULL,
      title text NOT NULL CHECK (btrim(title) <> '' AND char_length(title) <= 200),
      problem text NOT NULL CHECK (btrim(problem) <> '' AND char_length(problem) <= 5000),
      technology_fields text[] NOT NULL CHECK (cardinality(technology_fields) BETWEEN 1 AND 20),
      languages text[] NOT NULL DEFAULT '{}' CHECK (cardinality(languages) <= 10),
      city text NOT NULL CHECK (btrim(city) <> '' AND char_length(city) <= 200),
      country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
      window_starts_on date NOT NULL,
      window_ends_on date NOT NULL,
      pilots_sought integer NOT NULL CHECK (pilots_sought BETWEEN 1 AND 1000),
      answer_deadline timestamptz NOT NULL,
      state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
      closed_reason text NULL CHECK (closed_reason IN ('host', 'deadline')),
      published_at timestamptz NOT NULL,
      closed_at timestamptz NULL,
      published_by uuid NOT NULL,
      search_text text NOT NULL CHECK (char_length(search_text) <= 20000),
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT open_calls_window_ck CHECK (window_ends_on >= window_starts_on),
      CONSTRAINT open_calls_closed_ck CHECK ((state = 'closed') = (closed_at IS NOT NULL AND closed_reason IS NOT NULL))
    )`);
    await queryRunner.query(`CREATE INDEX open_calls_search_trgm_idx ON pilots.open_calls USING gin (search_text gin_trgm_ops) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX open_calls_open_created_idx ON pilots.open_calls (created_at DESC, id DESC) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX open_calls_deadline_idx ON pilots.open_calls (answer_deadline) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX open_calls_site_idx ON pilots.open_calls (site_id)`);
    await queryRunner.query(`CREATE INDEX open_calls_host_idx ON pilots.open_calls (host_organisation_id, created_at, id)`);

    await queryRunner.query(`CREATE TABLE pilots.open_call_answers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      open_call_id uuid NOT NULL REFERENCES pilots.open_calls (id),
      startup_id uuid NOT NULL,
      proposal text NOT NULL CHECK (btrim(proposal) <> '' AND char_length(proposal) <= 2000),
      state text NOT NULL DEFAULT 'submitted' CHECK (state IN ('submitted', 'shortlisted', 'declined')),
      answered_by uuid NOT NULL,
      decided_by uuid NULL,
      decided_at timestamptz NULL,
      version integer NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT open_call_answers_once_uq UNIQUE (open_call_id, startup_id)
    )`);
    await queryRunner.query(`CREATE INDEX open_call_answers_call_idx ON pilots.open_call_answers (open_call_id, created_at DESC, id DESC)`);
    await queryRunner.query(`CREATE INDEX open_call_answers_startup_idx ON pilots.open_call_answers (startup_id, created_at DESC, id DESC)`);

    await queryRunner.query(`ALTER TABLE pilots.match_proposals
      ADD COLUMN reason_codes jsonb NOT NULL DEFAULT '[]' CONSTRAINT match_proposals_reason_codes_ck CHECK (jsonb_typeof(reason_codes) = 'array')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE pilots.match_proposals DROP COLUMN reason_codes`);
    await queryRunner.query(`DROP TABLE pilots.open_call_answers`);
    await queryRunner.query(`DROP TABLE pilots.open_calls`);
  }
}
