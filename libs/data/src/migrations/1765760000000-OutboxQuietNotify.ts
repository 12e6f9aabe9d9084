import type { MigrationInterface, QueryRunner } from 'typeorm';

const SERVICE_SCHEMAS = ['applications', 'pilots', 'cohorts', 'notifications'];

/**
 * The outbox trigger stays quiet in a transaction that set `exchange.outbox_notify` to `off`: its
 * writer runs the outbox's active relay in its own process and wakes it after the commit
 * (libs/data/src/outbox-wakeup.ts). A notifying commit holds a database-wide lock through its log
 * flush; a quiet one shares the flush with its neighbours. Every other writer still notifies.
 */
export class OutboxQuietNotify1765760000000 implements MigrationInterface {
  name = 'OutboxQuietNotify1765760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SERVICE_SCHEMAS) {
      await queryRunner.query(`CREATE OR REPLACE FUNCTION ${schema}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('exchange.outbox_notify', true) IS DISTINCT FROM 'off' THEN
          PERFORM pg_notify('${schema}_outbox', '');
        END IF;
        RETURN NULL;
      END
      $$`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const schema of SERVICE_SCHEMAS) {
      await queryRunner.query(`CREATE OR REPLACE FUNCTION ${schema}.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${schema}_outbox', '');
        RETURN NULL;
      END
      $$`);
    }
  }
}
