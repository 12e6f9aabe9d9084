import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { getFreePort, waitFor } from '@exchange/platform/testing';
import { type ExchangeSystem, SERVICES } from '../system/exchange-system';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const CONSOLE_APP = join(WORKSPACE_ROOT, 'apps/console');
const BUILT_INDEX = join(CONSOLE_APP, 'dist/index.html');

/** The newest modification time under a file or folder (0 when it does not exist). */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestChange(join(path, entry))), stat.mtimeMs);
}

/**
 * Builds the application (`vite build`) when `apps/console/dist` is missing or older than its
 * sources; `npm test` has built it already, so a run normally finds it fresh.
 */
export async function ensureConsoleBuilt(log: (line: string) => void = () => undefined): Promise<void> {
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts'].map((entry) => newestChange(join(CONSOLE_APP, entry))));
  if (existsSync(BUILT_INDEX) && statSync(BUILT_INDEX).mtimeMs >= sources) return;
  log('building the console application (its build is older than its sources)');
  await promisify(execFile)('npx', ['vite', 'build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'], {
    cwd: WORKSPACE_ROOT,
    timeout: 180_000,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export interface ConsoleServerProcess {
  /** `http://127.0.0.1:<port>`: the origin every person's browser opens. */
  url: string;
  logFile: string;
  /** SIGTERM (graceful), then waits for the process to end. */
  stop(): Promise<void>;
}

/**
 * The console server (`apps/console-server/src/main.ts`) as its own process, the way `npm start` runs
 * it, in front of the system's services, keeping its sessions in the system's own Redis database.
 */
export async function startConsoleServer(system: ExchangeSystem, options: { logFile: string; env?: Record<string, string> }): Promise<ConsoleServerProcess> {
  const port = await getFreePort();
  const url = `http://127.0.0.1:${port}`;
  const serviceUrls = Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_URLS`, system.urls(service).join(',')]));
  const out = openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/console-server/src/main.ts'], {
    cwd: WORKSPACE_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      REDIS_URL: system.env.REDIS_URL,
      CONSOLE_HOST: '127.0.0.1',
      CONSOLE_PORT: String(port),
      CONSOLE_STATIC_DIR: join(CONSOLE_APP, 'dist'),
      ...serviceUrls,
      ...options.env,
    },
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? -1)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const live = waitFor(async () => (await fetch(`${url}/health/live`).catch(() => null))?.ok === true, {
    timeoutMs: 60_000,
    intervalMs: 100,
    what: `the console server live (log: ${options.logFile})`,
  });
  const died = exited.then((code) => {
    throw new Error(`the console server exited (${code}) before it was live; see ${options.logFile}`);
  });
  live.catch(() => undefined);
  died.catch(() => undefined);
  try {
    await Promise.race([live, died]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, logFile: options.logFile, stop };
}
