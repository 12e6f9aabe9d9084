import { createHash } from 'node:crypto';
import { baseConfigSchema, envBoolean, envInt, envPort, envSecret, envString, envUrl, type ProductionCheck, setInProduction } from '@exchange/platform';
import { z } from 'zod';
import { parseSecretKeys, SECRET_KEY_ID_PATTERN, type SecretKey } from './signing/secret-box';

export const SERVICE_NAME = 'notifications';

/** Standard Webhooks' recommended schedule (DESIGN.md section 5): the wait before attempts 1..8. */
export const DEFAULT_RETRY_SCHEDULE_MS = [0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** A comma-separated list of millisecond waits, one per attempt; compressible in tests (`0,50,100`). */
function envMsList(opts: { default: number[]; example: string }) {
  const message = 'must be a comma-separated list of whole milliseconds >= 0, at least one (e.g. 0,5000,300000)';
  return z
    .string()
    .trim()
    .refine((v) => /^\d+(\s*,\s*\d+)*$/.test(v), message)
    .transform((v) => v.split(',').map((s) => Number(s.trim())))
    .default(opts.default)
    .meta({ example: opts.example });
}

/**
 * The key that seals webhook secrets when none is configured, so `npm start` and the tests need no
 * setup. It is written here, so it protects nothing: production refuses to boot with it.
 */
export const DEVELOPMENT_SECRET_KEY: SecretKey = {
  id: 'dev',
  key: createHash('sha256').update('startup-exchange development webhook secret key').digest(),
};

/** `id:base64key,id:base64key`: every key that may open a stored secret (32 bytes each). */
function envSecretKeys() {
  return z
    .string()
    .transform((v, ctx) => {
      const keys = parseSecretKeys(v);
      if (typeof keys === 'string') {
        ctx.addIssue({ code: 'custom', message: keys });
        return z.NEVER;
      }
      return keys;
    })
    .default(() => [DEVELOPMENT_SECRET_KEY])
    .meta({ example: '2026-12:<32 random bytes in base64, e.g. from openssl rand -base64 32>', inProduction: ownSecretKeys });
}

/** Production seals with keys of its own: never the default, nor the public development key listed by hand. */
const ownSecretKeys: ProductionCheck = (raw) => {
  const unset = setInProduction(raw);
  if (unset || raw === undefined) return unset;
  const keys = parseSecretKeys(raw);
  return Array.isArray(keys) && keys.some((k) => k.key.equals(DEVELOPMENT_SECRET_KEY.key))
    ? 'must not list the public development key in production'
    : undefined;
};

/** Environment of the notifications service: the shared variables plus its own. */
export const notificationsConfigSchema = baseConfigSchema.extend({
  PORT: envPort(3004),
  /** A receiver must answer (status and the excerpt of the body) within this time. */
  WEBHOOK_TIMEOUT_MS: envInt({ min: 100, max: 120_000, default: 15_000, example: '15000' }),
  WEBHOOK_RETRY_SCHEDULE_MS: envMsList({ default: DEFAULT_RETRY_SCHEDULE_MS, example: '0,5000,300000,1800000' }),
  /** ± share of each wait drawn at random, so retries of many deliveries do not arrive together. */
  WEBHOOK_RETRY_JITTER_PERCENT: envInt({ min: 0, max: 100, default: 20, example: '20' }),
  /** An endpoint failing for this long without any success is disabled (5 days). */
  WEBHOOK_DISABLE_AFTER_MS: envInt({ min: 1, default: 5 * 24 * 3_600_000, example: '432000000' }),
  /** Plain http:// endpoint URLs (local development and tests only). */
  WEBHOOK_ALLOW_HTTP: envBoolean({ default: false, example: 'false' }),
  /** Loopback, private, link-local… receiver addresses (local development and tests only). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: envBoolean({ default: false, example: 'false' }),
  /** Concurrent requests to one endpoint, so one slow partner cannot take every worker slot. */
  WEBHOOK_ENDPOINT_CONCURRENCY: envInt({ min: 1, max: 1_000, default: 10, example: '10' }),
  /** Concurrent jobs of one worker process; as many first attempts (straight after fan-out) may run beside them. */
  WEBHOOK_WORKER_CONCURRENCY: envInt({ min: 1, max: 2_000, default: 100, example: '100' }),
  /** Global limit of requests per second, shared by every instance, queued jobs and first attempts alike (BullMQ limiter). */
  WEBHOOK_RATE_LIMIT_PER_SECOND: envInt({ min: 1, max: 1_000_000, default: 5_000, example: '5000' }),
  /** First wait of a job whose endpoint is saturated (doubles up to 5 s; not an attempt). */
  WEBHOOK_SATURATED_RETRY_MS: envInt({ min: 1, max: 60_000, default: 100, example: '100' }),
  /** How often pending deliveries that lost their job are looked for. */
  WEBHOOK_SWEEP_INTERVAL_MS: envInt({ min: 100, default: 30_000, example: '30000' }),
  /** A pending delivery overdue by this long (no attempt started) is enqueued again. */
  WEBHOOK_SWEEP_GRACE_MS: envInt({ min: 0, default: 60_000, example: '60000' }),
  /** Runs the delivery worker, the sweeper and first attempts in this process (an API-only instance sets false: it queues them). */
  WEBHOOK_WORKER_ENABLED: envBoolean({ default: true, example: 'true' }),
  /** Keys that seal signing secrets at rest (AES-256-GCM); older ids stay listed to open older rows. */
  WEBHOOK_SECRET_KEYS: envSecretKeys(),
  /** The key id new and re-encrypted secrets are sealed with (may be left out when only one key is listed). */
  WEBHOOK_SECRET_ACTIVE_KEY_ID: z
    .string()
    .trim()
    .regex(SECRET_KEY_ID_PATTERN, 'must be a key id of 1 to 32 letters, digits, - or _')
    .optional()
    .meta({ example: '2026-12' }),
  /** Endpoints one organisation may have (deleted ones do not count). */
  WEBHOOK_MAX_ENDPOINTS_PER_ORGANISATION: envInt({ min: 1, max: 10_000, default: 20, example: '20' }),
  /** The longest time range one replay request may cover, in days. */
  WEBHOOK_MAX_REPLAY_DAYS: envInt({ min: 1, max: 366, default: 31, example: '31' }),
  /** The SMTP server mail to people goes through (`npm start` runs MailDev on port 1025). */
  SMTP_URL: envUrl(['smtp:', 'smtps:'], { default: 'smtp://127.0.0.1:1025', example: 'smtps://user:password@smtp.example.org:465', inProduction: setInProduction }),
  /** The sender of every mail. */
  MAIL_FROM: envString({ default: 'Startup Exchange <no-reply@startup-exchange.local>', example: 'Startup Exchange <no-reply@exchange.example.org>' }),
  /** Where people reach this service from outside: the base of the unsubscribe links in mail. */
  MAIL_PUBLIC_URL: envUrl(['http:', 'https:'], { default: 'http://127.0.0.1:3004', example: 'https://notifications.exchange.example.org', inProduction: setInProduction }),
  /** Signs unsubscribe links (HMAC-SHA256), so nobody can stop another person's mail. */
  MAIL_LINK_SECRET: envSecret({ minBytes: 32, default: 'startup-exchange development mail link secret', example: '<32+ random bytes, e.g. from openssl rand -base64 32>', inProduction: setInProduction }),
  /** Attempts of one mail before it is recorded as failed (SMTP 4xx and lost connections are retried). */
  MAIL_MAX_ATTEMPTS: envInt({ min: 1, max: 50, default: 12, example: '12' }),
  /** The first wait before a retry; each next one doubles (12 attempts from 30 s span about a day). */
  MAIL_RETRY_BASE_MS: envInt({ min: 1, max: 3_600_000, default: 30_000, example: '30000' }),
  /** How often due reminders are looked for, and pending mail that lost its job is enqueued again. */
  MAIL_SWEEP_INTERVAL_MS: envInt({ min: 100, default: 30_000, example: '30000' }),
  /** Gives up on an SMTP conversation after this long (connection, greeting and each command). */
  MAIL_SMTP_TIMEOUT_MS: envInt({ min: 100, max: 300_000, default: 20_000, example: '20000' }),
  /** Runs the mail worker and the reminder sweeper in this process (an API-only instance sets false). */
  MAIL_WORKER_ENABLED: envBoolean({ default: true, example: 'true' }),
}).superRefine((config, ctx) => {
  const keys = config.WEBHOOK_SECRET_KEYS as SecretKey[] | undefined;
  if (!Array.isArray(keys)) return; // its own problem is reported already
  const active = config.WEBHOOK_SECRET_ACTIVE_KEY_ID;
  const ids = keys.map((k) => k.id).join(', ');
  if (active !== undefined && !keys.some((k) => k.id === active)) {
    ctx.addIssue({ code: 'custom', path: ['WEBHOOK_SECRET_ACTIVE_KEY_ID'], message: `must be one of the key ids of WEBHOOK_SECRET_KEYS (${ids})` });
  }
  if (active === undefined && keys.length > 1) {
    ctx.addIssue({
      code: 'custom',
      path: ['WEBHOOK_SECRET_ACTIVE_KEY_ID'],
      message: `must name the key new secrets are sealed with when WEBHOOK_SECRET_KEYS lists several (${ids})`,
    });
  }
});

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;

/** The key id that seals new secrets: the one named, or the only one listed. */
export function activeSecretKeyId(config: Pick<NotificationsConfig, 'WEBHOOK_SECRET_KEYS' | 'WEBHOOK_SECRET_ACTIVE_KEY_ID'>): string {
  return config.WEBHOOK_SECRET_ACTIVE_KEY_ID ?? config.WEBHOOK_SECRET_KEYS[0].id;
}
