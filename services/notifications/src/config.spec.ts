import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@exchange/platform';
import { activeSecretKeyId, DEVELOPMENT_SECRET_KEY, notificationsConfigSchema } from './config';

/** The problems loadConfig reports for `env`, by variable (none when it loads). */
function problems(env: Record<string, string>): Record<string, string> {
  try {
    loadConfig(notificationsConfigSchema, env);
    return {};
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.problem]));
  }
}

describe('notifications configuration: the keys that seal webhook secrets', () => {
  const k1 = randomBytes(32).toString('base64');
  const k2 = randomBytes(32).toString('base64');

  it('works without setup outside production, with the development key', () => {
    const config = loadConfig(notificationsConfigSchema, {});
    expect(config.WEBHOOK_SECRET_KEYS).toEqual([DEVELOPMENT_SECRET_KEY]);
    expect(activeSecretKeyId(config)).toBe('dev');
    expect(config.WEBHOOK_MAX_ENDPOINTS_PER_ORGANISATION).toBe(20);
    expect(config.WEBHOOK_MAX_REPLAY_DAYS).toBe(31);
  });

  it('refuses production without keys of its own, naming the variable', () => {
    expect(problems({ NODE_ENV: 'production' }).WEBHOOK_SECRET_KEYS).toMatch(/^must be set in production/);
    const devKey = `old:${DEVELOPMENT_SECRET_KEY.key.toString('base64')}`;
    expect(problems({ NODE_ENV: 'production', WEBHOOK_SECRET_KEYS: `k1:${k1},${devKey}`, WEBHOOK_SECRET_ACTIVE_KEY_ID: 'k1' }).WEBHOOK_SECRET_KEYS).toMatch(/public development key/);
    expect(problems({ NODE_ENV: 'production', WEBHOOK_SECRET_KEYS: `k1:${k1}` }).WEBHOOK_SECRET_KEYS).toBeUndefined();
  });

  it('takes the only key as active, and requires the active id when there are several', () => {
    expect(activeSecretKeyId(loadConfig(notificationsConfigSchema, { WEBHOOK_SECRET_KEYS: `k1:${k1}` }))).toBe('k1');
    expect(problems({ WEBHOOK_SECRET_KEYS: `k1:${k1},k2:${k2}` }).WEBHOOK_SECRET_ACTIVE_KEY_ID).toMatch(/must name the key .* \(k1, k2\)/);
    expect(problems({ WEBHOOK_SECRET_KEYS: `k1:${k1},k2:${k2}`, WEBHOOK_SECRET_ACTIVE_KEY_ID: 'k3' }).WEBHOOK_SECRET_ACTIVE_KEY_ID).toMatch(/one of the key ids/);
    const config = loadConfig(notificationsConfigSchema, { WEBHOOK_SECRET_KEYS: `k1:${k1},k2:${k2}`, WEBHOOK_SECRET_ACTIVE_KEY_ID: 'k2' });
    expect(activeSecretKeyId(config)).toBe('k2');
  });

  it('never prints a key in its report', () => {
    let message = '';
    try {
      loadConfig(notificationsConfigSchema, { WEBHOOK_SECRET_KEYS: `k1:${k1},k1:${k2}` });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('WEBHOOK_SECRET_KEYS');
    expect(message).not.toContain(k1);
    expect(message).not.toContain(k2);
  });
});
