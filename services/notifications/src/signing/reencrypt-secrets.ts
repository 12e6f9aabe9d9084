import type { DataSource } from 'typeorm';
import { type EndpointSecrets, type StoredSecretColumns } from './endpoint-secrets';
import { SecretBoxError } from './secret-box';

export interface ReencryptReport {
  /** The active key every secret is sealed under afterwards. */
  keyId: string;
  /** Endpoints sealed again (or sealed for the first time, if they were plain). */
  resealed: number;
  /** Endpoints whose secrets could not be opened with the configured keys (left as they were). */
  failed: Array<{ endpointId: string; keyId: string | null; reason: string }>;
  /** Endpoints not under the active key when the run ended (the failed ones, and any written meanwhile under another key). */
  remaining: number;
}

type Row = StoredSecretColumns & { id: string };

const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Seals every webhook endpoint's secrets under the active key: plain rows (written before secrets
 * were sealed) and rows under an older key. Safe while the services run: each batch locks its rows
 * (`FOR UPDATE`), so a concurrent rotation waits or is waited for, and a row another writer already
 * moved to the active key no longer matches. Walking by id, every row is visited once per run;
 * a second run finds nothing to do. Re-encryption changes no version: it is not an edit.
 */
export async function reencryptWebhookSecrets(
  db: DataSource,
  secrets: EndpointSecrets,
  options: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<ReencryptReport> {
  const { batchSize = 200, log = () => undefined } = options;
  const keyId = secrets.activeKeyId;
  const count = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM notifications.webhook_endpoints WHERE secret_key_id IS DISTINCT FROM $1`, [keyId]))[0]
      .n as number;

  const total = await count();
  if (total === 0) {
    log(`every webhook signing secret is already sealed under key "${keyId}": nothing to do`);
    return { keyId, resealed: 0, failed: [], remaining: 0 };
  }
  log(`${total} webhook endpoint${total === 1 ? '' : 's'} to seal under key "${keyId}"`);

  const report: ReencryptReport = { keyId, resealed: 0, failed: [], remaining: 0 };
  let after = NIL_UUID;
  for (;;) {
    const visited = await db.transaction(async (tx) => {
      const rows: Row[] = await tx.query(
        `SELECT id, secret, previous_secret, secret_sealed, previous_secret_sealed, secret_key_id
         FROM notifications.webhook_endpoints
         WHERE id > $1 AND secret_key_id IS DISTINCT FROM $2 ORDER BY id LIMIT $3 FOR UPDATE`,
        [after, keyId, batchSize],
      );
      const sealed: Array<{ id: string; secretSealed: string; previousSecretSealed: string | null }> = [];
      for (const row of rows) {
        try {
          const open = secrets.open(row.id, row);
          sealed.push({ id: row.id, ...secrets.seal(row.id, open.current, open.previous) });
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          report.failed.push({ endpointId: row.id, keyId: row.secret_key_id, reason: error.message });
        }
      }
      if (sealed.length > 0) {
        await tx.query(
          `UPDATE notifications.webhook_endpoints e SET secret = NULL, previous_secret = NULL,
             secret_sealed = u.secret_sealed, previous_secret_sealed = u.previous_secret_sealed, secret_key_id = $4
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, secret_sealed, previous_secret_sealed)
           WHERE e.id = u.id`,
          [sealed.map((s) => s.id), sealed.map((s) => s.secretSealed), sealed.map((s) => s.previousSecretSealed), keyId],
        );
      }
      report.resealed += sealed.length;
      return rows;
    });
    if (visited.length === 0) break;
    after = visited[visited.length - 1].id;
    log(`sealed ${report.resealed} of ${total}${report.failed.length ? `, ${report.failed.length} could not be opened` : ''}`);
  }
  report.remaining = await count();
  return report;
}
