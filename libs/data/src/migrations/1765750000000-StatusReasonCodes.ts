import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Why the system changed an application's state, as a code the services word in the reader's
 * language (issue 17: every message a person reads in English, Korean and Russian).
 *
 * `applications.application_status_history.reason_code`: one of STATUS_REASON_CODES, or null when
 * `reason` holds a person's own words. The English sentences the system wrote before become codes.
 */
export class StatusReasonCodes1765750000000 implements MigrationInterface {
  name = 'StatusReasonCodes1765750000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE applications.application_status_history
      ADD COLUMN reason_code text CONSTRAINT application_status_history_reason_code
        CHECK (reason_code IN ('reviewers_assigned', 'alumni_fast_track', 'mission_pilot_proposed'))`);
    await queryRunner.query(`UPDATE applications.application_status_history SET reason = NULL,
      reason_code = CASE reason
        WHEN 'Reviewers assigned' THEN 'reviewers_assigned'
        WHEN 'Alumni fast track: certification rule waived' THEN 'alumni_fast_track'
        ELSE 'mission_pilot_proposed' END
      WHERE reason IN ('Reviewers assigned', 'Alumni fast track: certification rule waived', 'Pilot proposed at a business mission meeting')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE applications.application_status_history SET reason = CASE reason_code
        WHEN 'reviewers_assigned' THEN 'Reviewers assigned'
        WHEN 'alumni_fast_track' THEN 'Alumni fast track: certification rule waived'
        ELSE 'Pilot proposed at a business mission meeting' END
      WHERE reason_code IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE applications.application_status_history DROP COLUMN reason_code`);
  }
}
