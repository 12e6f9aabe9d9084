import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { waitFor } from '@exchange/messaging/testing';
import { spawnService } from '@exchange/platform/testing';
import { DEVELOPMENT_SECRET_KEY, SERVICE_NAME } from '../src/config';
import { generateWebhookSecret } from '../src/signing/webhook-signature';
import { applicationSubmitted, NotificationsHarness, programme, TEST_DB_URL, TEST_ROTATION_KEY, TEST_SECRET_KEYS, harnessWithReceiver } from './support/harness';

const ROOT = resolve(__dirname, '../../..');

/** Runs `npm run webhooks:reencrypt` as an operator would, against the test database. */
function reencrypt(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'services/notifications/src/cli/reencrypt-webhook-secrets.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: TEST_DB_URL(), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((done) => child.once('exit', (code) => done({ code, stdout, stderr })));
}

/**
 * The command run until it settles, as its report tells an operator to ("run again"): the other test
 * files' instances share this database and keep sealing new endpoints under the development key,
 * which a run may find written meanwhile (exit 1, nothing wrong with the rows it sealed).
 */
async function reencryptSettled(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  for (let run = 1; ; run += 1) {
    const result = await reencrypt(env);
    if (result.code === 0 || run === 5 || !result.stdout.includes('were written under another key meanwhile')) return result;
  }
}

interface StoredRow {
  id: string;
  secret: string | null;
  previous_secret: string | null;
  secret_sealed: string | null;
  previous_secret_sealed: string | null;
  secret_key_id: string | null;
  version: number;
  /** Every column of the row as one text, to scan for a secret. */
  text: string;
}

/**
 * Webhook signing secrets are sealed at rest (AES-256-GCM, a key id per row): no row holds one in
 * plain text, deliveries are signed with the opened secret and verify with the Standard Webhooks
 * library, and rotating the sealing key (new key, made active, the re-encrypt command) keeps them
 * verifiable. Real PostgreSQL, Kafka, Redis and an HTTP receiver.
 */
describe('webhook signing secrets at rest', () => {
  const { harness, receiver } = harnessWithReceiver();

  async function stored(id: string): Promise<StoredRow> {
    const [row] = await harness.db.query(
      `SELECT id, secret, previous_secret, secret_sealed, previous_secret_sealed, secret_key_id, version, row_to_json(e)::text AS text
       FROM notifications.webhook_endpoints e WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Neither the secret nor its key bytes (base64 or hex) appear anywhere in the row. */
  function expectNotInRow(row: StoredRow, ...secrets: string[]): void {
    for (const secret of secrets) {
      const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
      expect(row.text).not.toContain(secret);
      expect(row.text).not.toContain(secret.slice('whsec_'.length, 'whsec_'.length + 16));
      expect(row.text).not.toContain(key.toString('hex').slice(0, 32));
    }
    expect(row.text).not.toContain('whsec_');
  }

  /** A receiver path that verifies every request with each given secret (the Standard Webhooks library). */
  function verifying(path: string, secrets: () => string[]): { verified: number; failures: string[] } {
    const result = { verified: 0, failures: [] as string[] };
    receiver.on(path, (req, res, body) => {
      for (const secret of secrets()) {
        try {
          new Webhook(secret).verify(body, req.headers as Record<string, string>);
          result.verified += 1;
        } catch (error) {
          result.failures.push((error as Error).message);
        }
      }
      res.end('ok');
    });
    return result;
  }

  it('stores no endpoint secret in plain text, and its deliveries verify with the public library', async () => {
    const agency = await harness.agency();
    const check = verifying('/sealed', () => [endpoint.secret]);
    const endpoint = await harness.endpoint(agency.key, receiver.url('/sealed'), ['application.*']);

    const row = await stored(endpoint.id);
    expect(row).toMatchObject({ secret: null, previous_secret: null, previous_secret_sealed: null, secret_key_id: DEVELOPMENT_SECRET_KEY.id });
    expect(row.secret_sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expectNotInRow(row, endpoint.secret);

    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    await harness.waitForDelivery(endpoint.id, 'succeeded');
    expect(check).toEqual({ verified: 1, failures: [] });
  });

  it('seals both secrets of a rotation overlap; deliveries verify with the old and the new', async () => {
    const agency = await harness.agency();
    let secrets: string[] = [];
    const check = verifying('/rotating', () => secrets);
    const endpoint = await harness.endpoint(agency.key, receiver.url('/rotating'), ['application.*']);
    const rotated = await harness.call<{ secret: string; previousSecretExpiresAt: string }>(
      'POST',
      `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
      agency.key,
      { overlapSeconds: 3_600 },
    );
    expect(rotated.status).toBe(200);
    secrets = [endpoint.secret, rotated.body.secret];

    const row = await stored(endpoint.id);
    expect(row).toMatchObject({ secret: null, previous_secret: null, secret_key_id: DEVELOPMENT_SECRET_KEY.id });
    expect(row.previous_secret_sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expectNotInRow(row, endpoint.secret, rotated.body.secret);

    await harness.publish(applicationSubmitted(programme(agency.organisationId)));
    await harness.waitForDelivery(endpoint.id, 'succeeded');
    expect(check).toEqual({ verified: 2, failures: [] });
  });

  it('does not sign with a sealed secret moved to another endpoint: the attempt fails unsent', async () => {
    const agency = await harness.agency();
    const check = verifying('/moved', () => [victim.secret]);
    const victim = await harness.endpoint(agency.key, receiver.url('/victim'), ['pilot.*']);
    const thief = await harness.endpoint(agency.key, receiver.url('/moved'), ['application.*']);
    // Whoever can write the table copies one partner's sealed secret onto another endpoint's row.
    await harness.db.query(
      `UPDATE notifications.webhook_endpoints t SET secret_sealed = v.secret_sealed FROM notifications.webhook_endpoints v WHERE t.id = $1 AND v.id = $2`,
      [thief.id, victim.id],
    );
    try {
      await harness.publish(applicationSubmitted(programme(agency.organisationId)));
      const delivery = await harness.waitForDelivery(thief.id, 'failed');
      const attempts = await harness.attempts(delivery.id);
      expect(attempts.map((a) => a.error)).toEqual(Array(3).fill('not sent: the signing secret could not be read on our side; it is retried'));
      expect(receiver.forPath('/moved')).toHaveLength(0);
      expect(check.verified).toBe(0);
    } finally {
      // A row no key opens would make the re-encrypt command (rightly) fail for every later test.
      await harness.db.query(`DELETE FROM notifications.webhook_endpoints WHERE id = $1`, [thief.id]);
    }
  });

  it('re-encrypts plain rows and rotates the sealing key with a command; deliveries stay verifiable', async () => {
    const agency = await harness.agency();
    // A row as the migration leaves rows written before sealing: plain text, no key id, in an overlap.
    const [legacySecret, legacyPrevious] = [generateWebhookSecret(), generateWebhookSecret()];
    const [{ id: legacyId }] = await harness.db.query(
      `INSERT INTO notifications.webhook_endpoints (organisation_id, url, event_types, secret, previous_secret, previous_secret_expires_at)
       VALUES ($1, $2, '{application.*}', $3, $4, now() + interval '1 hour') RETURNING id`,
      [agency.organisationId, receiver.url('/legacy'), legacySecret, legacyPrevious],
    );
    const sealed = await harness.endpoint(agency.key, receiver.url('/kept'), ['application.*']);
    const legacyCheck = verifying('/legacy', () => [legacySecret, legacyPrevious]);
    const sealedCheck = verifying('/kept', () => [sealed.secret]);
    const startedAt = new Date(Date.now() - 1_000);

    // The operator adds a key (every instance here knows it already), makes it active, and runs the command.
    const rotation = { WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS, WEBHOOK_SECRET_ACTIVE_KEY_ID: TEST_ROTATION_KEY.id };
    const run = await reencryptSettled(rotation);
    expect({ code: run.code, stderr: run.stderr, stdout: run.stdout }).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/webhook endpoints? to seal under key "test-rotation"/);
    expect(run.stdout).toMatch(/sealed \d+ of \d+/);
    expect(run.stdout).toContain('done: every webhook signing secret is sealed under key "test-rotation"');

    const legacy = await stored(legacyId);
    expect(legacy).toMatchObject({ secret: null, previous_secret: null, secret_key_id: TEST_ROTATION_KEY.id });
    expect(legacy.previous_secret_sealed).not.toBeNull();
    expectNotInRow(legacy, legacySecret, legacyPrevious);
    const resealed = await stored(sealed.id);
    expect(resealed.secret_key_id).toBe(TEST_ROTATION_KEY.id);
    expect(resealed.version).toBe(1); // re-encryption is not an edit: no client's version goes stale
    expectNotInRow(resealed, sealed.secret);
    // Every row that existed when the command started carries the new key id now (rows other tests
    // write or rotate meanwhile, under the key their instances still use, are excluded by time).
    const [{ others }] = await harness.db.query(
      `SELECT count(*)::int AS others FROM notifications.webhook_endpoints
       WHERE created_at < $1 AND updated_at < $1 AND secret_key_id IS DISTINCT FROM $2`,
      [startedAt, TEST_ROTATION_KEY.id],
    );
    expect(others).toBe(0);

    // An instance whose active key is the new one, and this one (which still writes under the old),
    // both open the re-encrypted secrets and sign verifiably.
    const rotated = new NotificationsHarness({ WEBHOOK_SECRET_ACTIVE_KEY_ID: TEST_ROTATION_KEY.id });
    await rotated.start();
    try {
      await rotated.publish(applicationSubmitted(programme(agency.organisationId)));
      await harness.publish(applicationSubmitted(programme(agency.organisationId)));
      await waitFor(() => legacyCheck.verified === 4 && sealedCheck.verified === 2, { what: 'four verified deliveries', timeoutMs: 45_000 });
      expect(legacyCheck.failures).toHaveLength(0);
      expect(sealedCheck.failures).toHaveLength(0);
      // A new endpoint on the rotated instance is sealed under the new key from the start.
      const fresh = await rotated.endpoint(agency.key, receiver.url('/fresh'), ['pilot.*']);
      expect((await stored(fresh.id)).secret_key_id).toBe(TEST_ROTATION_KEY.id);
    } finally {
      await rotated.stop();
    }

    // Idempotent: a second run leaves what is already under the active key untouched.
    const again = await reencryptSettled(rotation);
    expect(again.code).toBe(0);
    expect((await stored(sealed.id)).secret_sealed).toBe(resealed.secret_sealed);

    // Back under the development key, so the shared test database is as the other tests expect it.
    const back = await reencryptSettled({ WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS, WEBHOOK_SECRET_ACTIVE_KEY_ID: DEVELOPMENT_SECRET_KEY.id });
    expect(back.code).toBe(0);
    expect((await stored(sealed.id)).secret_key_id).toBe(DEVELOPMENT_SECRET_KEY.id);
  });

  it('leaves a row it cannot open as it was, says which, and exits 1', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/unopenable'), ['pilot.*']);
    const before = await stored(endpoint.id);
    // Only the rotation key is configured: the development key that sealed this row is missing.
    const run = await reencrypt({ WEBHOOK_SECRET_KEYS: `${TEST_ROTATION_KEY.id}:${TEST_ROTATION_KEY.key.toString('base64')}` });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`could not open the secrets of endpoint ${endpoint.id} (key dev)`);
    expect(run.stdout).toContain('add their keys to WEBHOOK_SECRET_KEYS and run again');
    expect(await stored(endpoint.id)).toEqual(before);
    // Put back under the development key whatever that run did move.
    expect((await reencryptSettled({ WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS, WEBHOOK_SECRET_ACTIVE_KEY_ID: DEVELOPMENT_SECRET_KEY.id })).code).toBe(0);
  });

  it('an instance without the key that sealed a secret refuses a rotation that keeps it (503), and may replace it outright', async () => {
    const agency = await harness.agency();
    const endpoint = await harness.endpoint(agency.key, receiver.url('/keyless'), ['pilot.*']);
    // API only: its sweeper would otherwise take up other tests' overdue deliveries it cannot sign.
    const keyless = new NotificationsHarness({
      WEBHOOK_SECRET_KEYS: `${TEST_ROTATION_KEY.id}:${TEST_ROTATION_KEY.key.toString('base64')}`,
      WEBHOOK_SECRET_ACTIVE_KEY_ID: TEST_ROTATION_KEY.id,
      WEBHOOK_WORKER_ENABLED: 'false',
    });
    await keyless.start();
    try {
      const path = `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`;
      const before = await stored(endpoint.id);
      const kept = await keyless.call<{ code: string }>('POST', path, agency.key, { overlapSeconds: 600 });
      expect(kept).toMatchObject({ status: 503, body: { code: 'WEBHOOK_ENDPOINT.SECRET_UNAVAILABLE' } });
      expect(await stored(endpoint.id)).toEqual(before);
      // Without an overlap the old secret is not needed: the endpoint gets a new one under this key.
      const replaced = await keyless.call<{ secret: string }>('POST', path, agency.key, { overlapSeconds: 0 });
      expect(replaced.status).toBe(200);
      expect(await stored(endpoint.id)).toMatchObject({ secret_key_id: TEST_ROTATION_KEY.id, previous_secret_sealed: null });
    } finally {
      await keyless.stop();
      // Back under the development key, as the other tests expect the shared database.
      await harness.call('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, agency.key, { overlapSeconds: 0 });
    }
  });

  it('refuses to boot in production without a sealing key of its own, naming the variable; so does the command', async () => {
    const service = spawnService(SERVICE_NAME, { NODE_ENV: 'production', WEBHOOK_SECRET_KEYS: undefined });
    expect(await service.exited).toBe(78);
    expect(service.output().stderr).toMatch(/WEBHOOK_SECRET_KEYS: must be set in production/);

    const command = await reencrypt({ NODE_ENV: 'production' });
    expect(command.code).toBe(78);
    expect(command.stderr).toMatch(/WEBHOOK_SECRET_KEYS: must be set in production/);
  });
});
