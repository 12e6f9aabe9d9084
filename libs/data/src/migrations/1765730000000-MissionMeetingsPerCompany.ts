import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many meetings matchmaking proposes to one company of a business mission (issue 18, part 2).
 *
 * `applications.missions.meetings_per_company`: the most proposals not declined that one company
 * has; set when the mission is created (1..60), 10 for the missions that exist (the fixed cap they
 * were proposed under).
 */
export class MissionMeetingsPerCompany1765730000000 implements MigrationInterface {
  name = 'MissionMeetingsPerCompany1765730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE applications.missions
      ADD COLUMN meetings_per_company smallint NOT NULL DEFAULT 10 CONSTRAINT missions_meetings_per_company CHECK (meetings_per_company BETWEEN 1 AND 60)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE applications.missions DROP COLUMN meetings_per_company`);
  }
}
