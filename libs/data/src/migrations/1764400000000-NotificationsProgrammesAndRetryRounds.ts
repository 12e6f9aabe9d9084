import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 7):
 * - `notifications.programmes`: who may see a programme's events (organiser and partners), projected
 *   from application events, because pilot and cohort events carry only the programme id;
 * - `deliveries.retry_round_start`: the attempt count when the retry schedule last restarted (a manual
 *   retry or a replay), so attempt numbers stay unique while the schedule starts over;
 * - indexes for the sweeper and for back-filling events whose programme was not known yet.
 */
export class NotificationsProgrammesAndRetryRounds1764400000000 implements MigrationInterface {
  name = 'NotificationsProgrammesAndRetryRounds1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE notifications.programmes (
      id uuid PRIMARY KEY,
      kind text NULL CHECK (kind IN ('pilot', 'accelerator')),
      organiser_org_id uuid NOT NULL,
      partner_org_ids uuid[] NOT NULL DEFAULT '{}',
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await queryRunner.query(
      `ALTER TABLE notifications.deliveries ADD COLUMN retry_round_start integer NOT NULL DEFAULT 0 CHECK (retry_round_start >= 0)`,
    );
    await queryRunner.query(`CREATE INDEX events_programme_unresolved_idx ON notifications.events (programme_id) WHERE organisation_ids = '{}'`);
    await queryRunner.query(`CREATE INDEX deliveries_state_created_idx ON notifications.deliveries (state, created_at, id)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX notifications.deliveries_state_created_idx`);
    await queryRunner.query(`DROP INDEX notifications.events_programme_unresolved_idx`);
    await queryRunner.query(`ALTER TABLE notifications.deliveries DROP COLUMN retry_round_start`);
    await queryRunner.query(`DROP TABLE notifications.programmes`);
  }
}
