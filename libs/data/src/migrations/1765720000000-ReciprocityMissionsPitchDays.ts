import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pitch days and business missions in the reciprocity report (issue 18, part 3).
 *
 * `applications.missions.agreement_id`: the agreement a mission runs under (optional).
 *
 * `applications.exchange_facts`: a pitch day's results event makes one fact per pitched startup, so
 * the key becomes (event id, ordinal), the ordinal being the item's place in its event (0 for the
 * events that make one fact: the existing rows). Two new kinds: `pitched` (with `selected`) and
 * `mission_meeting` (with `meeting_outcome`, the mission, the agreement its event named, and the
 * delegation's company: a startup or an organisation). A mission meeting names no programme.
 */
export class ReciprocityMissionsPitchDays1765720000000 implements MigrationInterface {
  name = 'ReciprocityMissionsPitchDays1765720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE applications.missions ADD COLUMN agreement_id uuid NULL REFERENCES applications.agreements (id)`);
    await queryRunner.query(`CREATE INDEX missions_agreement_idx ON applications.missions (agreement_id) WHERE agreement_id IS NOT NULL`);

    await queryRunner.query(`ALTER TABLE applications.exchange_facts
      ADD COLUMN ordinal integer NOT NULL DEFAULT 0 CHECK (ordinal BETWEEN 0 AND 100000),
      ADD COLUMN organisation_id uuid NULL,
      ADD COLUMN mission_id uuid NULL,
      ADD COLUMN agreement_id uuid NULL,
      ADD COLUMN selected boolean NULL,
      ADD COLUMN meeting_outcome text NULL CHECK (meeting_outcome IN ('follow_up', 'agreement_signed', 'pilot_proposed', 'none')),
      ALTER COLUMN startup_id DROP NOT NULL,
      ALTER COLUMN programme_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts DROP CONSTRAINT exchange_facts_pkey, ADD PRIMARY KEY (event_id, ordinal)`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts DROP CONSTRAINT exchange_facts_kind_check`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts ADD CONSTRAINT exchange_facts_kind_check
      CHECK (kind IN ('application_submitted', 'application_accepted', 'pilot_started', 'pilot_completed', 'cohort_place', 'graduated', 'pitched', 'mission_meeting'))`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts
      ADD CONSTRAINT exchange_facts_one_company CHECK ((startup_id IS NULL) <> (organisation_id IS NULL) AND (organisation_id IS NULL OR kind = 'mission_meeting')),
      ADD CONSTRAINT exchange_facts_programme_or_mission CHECK (
        CASE WHEN kind = 'mission_meeting' THEN programme_id IS NULL AND mission_id IS NOT NULL AND meeting_outcome IS NOT NULL
             ELSE programme_id IS NOT NULL AND mission_id IS NULL AND agreement_id IS NULL AND meeting_outcome IS NULL END),
      ADD CONSTRAINT exchange_facts_pitched CHECK ((kind = 'pitched') = (selected IS NOT NULL))`);
    // The report reads a mission's meetings by the agreement they ran under within a period.
    await queryRunner.query(`CREATE INDEX exchange_facts_agreement_time_idx ON applications.exchange_facts (agreement_id, occurred_at) WHERE agreement_id IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM applications.exchange_facts WHERE kind IN ('pitched', 'mission_meeting') OR ordinal <> 0`);
    await queryRunner.query(`DROP INDEX applications.exchange_facts_agreement_time_idx`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts
      DROP CONSTRAINT exchange_facts_pitched,
      DROP CONSTRAINT exchange_facts_programme_or_mission,
      DROP CONSTRAINT exchange_facts_one_company,
      DROP CONSTRAINT exchange_facts_kind_check`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts ADD CONSTRAINT exchange_facts_kind_check
      CHECK (kind IN ('application_submitted', 'application_accepted', 'pilot_started', 'pilot_completed', 'cohort_place', 'graduated'))`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts DROP CONSTRAINT exchange_facts_pkey, ADD PRIMARY KEY (event_id)`);
    await queryRunner.query(`ALTER TABLE applications.exchange_facts
      DROP COLUMN ordinal, DROP COLUMN organisation_id, DROP COLUMN mission_id, DROP COLUMN agreement_id, DROP COLUMN selected, DROP COLUMN meeting_outcome,
      ALTER COLUMN startup_id SET NOT NULL,
      ALTER COLUMN programme_id SET NOT NULL`);
    await queryRunner.query(`DROP INDEX applications.missions_agreement_idx`);
    await queryRunner.query(`ALTER TABLE applications.missions DROP COLUMN agreement_id`);
  }
}
