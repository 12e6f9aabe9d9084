import { ConfigError, loadConfig } from '@exchange/platform';
import { getFreePort, waitFor } from '@exchange/platform/testing';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { consoleConfigSchema } from '../src/config';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** `npm run console:serve` as a process of its own, with `env` on top of this one's. */
function startMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/console-server/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? -1)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('the console server process', () => {
  it('refuses to start with a bad variable, naming each one (exit 78)', async () => {
    const main = startMain({ CONSOLE_PORT: 'abc', CONSOLE_SESSION_TTL_SECONDS: '5', PILOTS_URLS: 'http://127.0.0.1:3002/v1', CONSOLE_COOKIE_SECURE: 'maybe' });
    expect(await main.exited).toBe(78);
    const { stderr } = main.output();
    expect(stderr).toContain('CONSOLE_PORT');
    expect(stderr).toContain('"abc"');
    expect(stderr).toContain('CONSOLE_SESSION_TTL_SECONDS');
    expect(stderr).toContain('PILOTS_URLS');
    expect(stderr).toContain('CONSOLE_COOKIE_SECURE');
    expect(stderr).not.toContain('APPLICATIONS_URLS');
  });

  it('refuses a cookie without Secure in production', () => {
    const production = { NODE_ENV: 'production', REDIS_URL: 'redis://:secret@127.0.0.1:6379' };
    const refusal = (() => {
      try {
        loadConfig(consoleConfigSchema, production);
      } catch (err) {
        return err;
      }
    })();
    expect(refusal).toBeInstanceOf(ConfigError);
    expect((refusal as ConfigError).problems.map((p) => p.variable)).toEqual(['CONSOLE_COOKIE_SECURE']);
    expect(loadConfig(consoleConfigSchema, { ...production, CONSOLE_COOKIE_SECURE: 'true' }).CONSOLE_COOKIE_SECURE).toBe(true);
  });

  it('starts, answers /health/live and stops on SIGTERM (exit 0)', async () => {
    const port = await getFreePort();
    const main = startMain({ CONSOLE_PORT: String(port), CONSOLE_HOST: '127.0.0.1' });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health/live`)).ok, { timeoutMs: 30_000, what: 'the console server to answer' });
      expect(main.output().stdout).toContain(`listening on http://127.0.0.1:${port}`);
    } finally {
      main.child.kill('SIGTERM');
    }
    expect(await main.exited).toBe(0);
    expect(main.output().stdout).toContain('SIGTERM received');
  });
});
