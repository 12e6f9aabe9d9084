import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { waitFor } from './wait-for';

export interface ServiceProcess {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code (or the signal name) once the process has ended. */
  exited: Promise<number | string>;
}

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/** Runs `services/<name>/src/main.ts` as its own process, the way production starts it. */
export function spawnService(name: string, env: Record<string, string | undefined>): ServiceProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', `services/${name}/src/main.ts`], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? -1)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Polls `<url>/health/live` until the service answers. */
export async function waitUntilLive(baseUrl: string, timeoutMs = 30_000): Promise<void> {
  await waitFor(async () => (await fetch(`${baseUrl}/health/live`)).ok, { timeoutMs, what: `${baseUrl}/health/live` });
}
