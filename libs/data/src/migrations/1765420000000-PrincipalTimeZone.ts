import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's IANA time zone (`Asia/Seoul`), so e-mail about them can say times as they read them.
 * Null until someone sets it (every principal before this migration, and startups at registration).
 * The API checks the name against the runtime's zone list; the column only bounds its length.
 */
export class PrincipalTimeZone1765420000000 implements MigrationInterface {
  name = 'PrincipalTimeZone1765420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE identity.principals
      ADD COLUMN time_zone text NULL CONSTRAINT principals_time_zone_ck CHECK (length(time_zone) BETWEEN 1 AND 64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE identity.principals DROP COLUMN time_zone`);
  }
}
