/**
 * Seals every webhook signing secret under the active key (WEBHOOK_SECRET_ACTIVE_KEY_ID of
 * WEBHOOK_SECRET_KEYS): secrets still in plain text and secrets under an older key.
 *   npm run webhooks:reencrypt
 * Rotating the key: add the new id:key to WEBHOOK_SECRET_KEYS (keep the old one), make it active on
 * every notifications instance, run this, and drop the old key once it reports nothing remaining.
 * Idempotent and safe while the services run. Exit 0 when every secret is under the active key, 1 when
 * some could not be opened (their keys are missing) or were written meanwhile under another key.
 */
import 'reflect-metadata';
import { createDataSource, redactUrl } from '@exchange/data';
import { loadConfigOrExit } from '@exchange/platform';
import { notificationsConfigSchema, SERVICE_NAME } from '../config';
import { EndpointSecrets } from '../signing/endpoint-secrets';
import { reencryptWebhookSecrets } from '../signing/reencrypt-secrets';

const log = (line: string) => console.log(`[webhooks:reencrypt] ${line}`);

async function main(): Promise<number> {
  const config = loadConfigOrExit(notificationsConfigSchema, SERVICE_NAME);
  const secrets = EndpointSecrets.fromConfig(config);
  const dataSource = await createDataSource(config.DATABASE_URL, { applicationName: 'webhooks-reencrypt-cli', poolSize: 1 }).initialize();
  try {
    log(`database: ${redactUrl(config.DATABASE_URL)}`);
    const report = await reencryptWebhookSecrets(dataSource, secrets, { log });
    for (const f of report.failed) log(`could not open the secrets of endpoint ${f.endpointId} (key ${f.keyId ?? 'none'}): ${f.reason}`);
    if (report.failed.length > 0) {
      log(`${report.failed.length} endpoint(s) left as they were: add their keys to WEBHOOK_SECRET_KEYS and run again`);
      return 1;
    }
    if (report.remaining > 0) {
      log(`${report.remaining} endpoint(s) were written under another key meanwhile: make WEBHOOK_SECRET_ACTIVE_KEY_ID "${report.keyId}" on every instance, then run again`);
      return 1;
    }
    log(`done: every webhook signing secret is sealed under key "${report.keyId}" (${report.resealed} sealed now)`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

// exitCode, not process.exit(): exit() drops what stdout has not yet flushed to a pipe, and the
// report's last lines (what to do) are the ones that matter.
main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('[webhooks:reencrypt] failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
