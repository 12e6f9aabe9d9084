import type { MigrationInterface, QueryRunner } from 'typeorm';

const SERVICE_SCHEMAS = ['applications', 'pilots', 'cohorts', 'notifications'];

/**
 * Parked outbox rows (issue 12): a row the broker refuses for a reason retrying cannot fix (too large,
 * invalid record) is marked `parked_at` with the broker's `parked_error`, and the relay skips it so
 * the rows after it flow on. An operator re-publishes it (`npm run outbox -- republish <id>`), which
 * clears both columns. The relay's index now covers only rows it may publish; a second one finds the
 * parked rows for the listing and the gauge.
 */
export class OutboxParking1765100000000 implements MigrationInterface {
  name = 'OutboxParking1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SERVICE_SCHEMAS) {
      await queryRunner.query(`ALTER TABLE ${schema}.outbox ADD COLUMN parked_at timestamptz NULL, ADD COLUMN parked_error text NULL`);
      await queryRunner.query(
        `ALTER TABLE ${schema}.outbox ADD CONSTRAINT outbox_parked_has_error CHECK ((parked_at IS NULL) = (parked_error IS NULL))`,
      );
      await queryRunner.query(`DROP INDEX ${schema}.outbox_unpublished_seq_idx`);
      await queryRunner.query(
        `CREATE INDEX outbox_unpublished_seq_idx ON ${schema}.outbox (seq) WHERE published_at IS NULL AND parked_at IS NULL`,
      );
      await queryRunner.query(`CREATE INDEX outbox_parked_seq_idx ON ${schema}.outbox (seq) WHERE parked_at IS NOT NULL`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SERVICE_SCHEMAS) {
      await queryRunner.query(`DROP INDEX ${schema}.outbox_parked_seq_idx`);
      await queryRunner.query(`DROP INDEX ${schema}.outbox_unpublished_seq_idx`);
      await queryRunner.query(`CREATE INDEX outbox_unpublished_seq_idx ON ${schema}.outbox (seq) WHERE published_at IS NULL`);
      await queryRunner.query(`ALTER TABLE ${schema}.outbox DROP CONSTRAINT outbox_parked_has_error`);
      await queryRunner.query(`ALTER TABLE ${schema}.outbox DROP COLUMN parked_error, DROP COLUMN parked_at`);
    }
  }
}
