import type { MigrationInterface, QueryRunner } from 'typeorm';

const SEALED = (column: string) => `${column} ~ '^[A-Za-z0-9+/]+={0,2}$' AND length(${column}) BETWEEN 40 AND 1000`;

/**
 * Webhook signing secrets sealed at rest (issue 12): AES-256-GCM, base64 of nonce ‖ tag ‖ ciphertext
 * in `secret_sealed` (and `previous_secret_sealed` during a rotation overlap), the id of the key
 * that sealed both in `secret_key_id`.
 *
 * A migration has no access to the keys (they are the service's configuration), so it encrypts
 * nothing: rows written before keep their plain `secret` and a null `secret_key_id`, which marks them
 * for `npm run webhooks:reencrypt`. The service reads both forms and writes only the sealed one; the
 * command seals every plain row and clears its plain columns. The check keeps a row in one form.
 */
export class WebhookSecretsSealed1765230000000 implements MigrationInterface {
  name = 'WebhookSecretsSealed1765230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications.webhook_endpoints
      ALTER COLUMN secret DROP NOT NULL,
      ADD COLUMN secret_sealed text NULL CHECK (${SEALED('secret_sealed')}),
      ADD COLUMN previous_secret_sealed text NULL CHECK (${SEALED('previous_secret_sealed')}),
      ADD COLUMN secret_key_id text NULL CHECK (secret_key_id ~ '^[A-Za-z0-9_-]{1,32}$'),
      DROP CONSTRAINT webhook_endpoints_previous_secret_ck,
      ADD CONSTRAINT webhook_endpoints_previous_secret_ck
        CHECK ((previous_secret IS NULL AND previous_secret_sealed IS NULL) = (previous_secret_expires_at IS NULL)),
      ADD CONSTRAINT webhook_endpoints_secret_form_ck CHECK (CASE
        WHEN secret_key_id IS NULL THEN secret IS NOT NULL AND secret_sealed IS NULL AND previous_secret_sealed IS NULL
        ELSE secret IS NULL AND previous_secret IS NULL AND secret_sealed IS NOT NULL END)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const [{ sealed }]: Array<{ sealed: number }> = await queryRunner.query(
      `SELECT count(*)::int AS sealed FROM notifications.webhook_endpoints WHERE secret_key_id IS NOT NULL`,
    );
    if (sealed > 0) {
      throw new Error(`cannot revert: ${sealed} webhook endpoints hold sealed secrets, which a migration cannot open (it has no keys)`);
    }
    await queryRunner.query(`ALTER TABLE notifications.webhook_endpoints
      DROP CONSTRAINT webhook_endpoints_secret_form_ck,
      DROP CONSTRAINT webhook_endpoints_previous_secret_ck,
      DROP COLUMN secret_key_id,
      DROP COLUMN previous_secret_sealed,
      DROP COLUMN secret_sealed,
      ALTER COLUMN secret SET NOT NULL,
      ADD CONSTRAINT webhook_endpoints_previous_secret_ck CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL))`);
  }
}
