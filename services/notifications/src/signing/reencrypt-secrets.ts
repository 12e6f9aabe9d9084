import type { DataSource } from 'typeorm';
import { EndpointsRepository } from '../endpoints/endpoints.repository';
import type { EndpointSecrets } from './endpoint-secrets';
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
  const endpoints = new EndpointsRepository();
  const count = async () => (await endpoints.countNotUnderKey(db.manager, keyId)).reduce((n, k) => n + k.endpoints, 0);

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
      const rows = await endpoints.lockNotUnderKey(tx, after, keyId, batchSize);
      const sealed: Array<{ id: string; secretSealed: string; previousSecretSealed: string | null }> = [];
      for (const row of rows) {
        try {
          const open = secrets.open(row.id, row);
          sealed.push({ id: row.id, ...secrets.seal(row.id, open.current, open.previous) });
        } catch (error) {
          if (!(error instanceof SecretBoxError)) throw error;
          report.failed.push({ endpointId: row.id, keyId: row.secretKeyId, reason: error.message });
        }
      }
      await endpoints.resealAll(tx, keyId, sealed);
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
