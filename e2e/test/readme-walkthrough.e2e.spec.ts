import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PartnerReceiver } from '../src/receiver/partner-receiver';
import { ExchangeSystem } from '../src/system/exchange-system';
import { JOURNEY_STARTUP_EVENTS, settle, tally } from './journey-checks';

const WORKSPACE_ROOT = resolve(__dirname, '../..');
const SCRIPT_TIMEOUT_MS = 240_000;

/** Each step causes the next, so these arrive in this order even though the walkthrough waits for no webhook. */
const CAUSAL_ORDER = ['application.submitted', 'application.accepted', 'pilot.completed', 'cohort.graduated', 'application.submitted'];

/** Every ```bash block between the walkthrough markers of the README, in order. */
function walkthroughBlocks(readme: string): string[] {
  const begin = readme.indexOf('<!-- walkthrough:begin -->');
  const end = readme.indexOf('<!-- walkthrough:end -->');
  if (begin < 0 || end < begin) throw new Error('README.md has no <!-- walkthrough:begin --> … <!-- walkthrough:end --> section');
  return [...readme.slice(begin, end).matchAll(/^```bash\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

/** The longest prefix of `wanted` that occurs in `types` in that order (not necessarily adjacent). */
function inRelativeOrder(types: string[], wanted: string[]): string[] {
  const found: string[] = [];
  for (const type of types) if (found.length < wanted.length && type === wanted[found.length]) found.push(type);
  return found;
}

interface ScriptRun {
  code: number | string;
  stdout: string;
  stderr: string;
}

function runBash(scriptFile: string, env: Record<string, string>): Promise<ScriptRun> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [scriptFile], { cwd: WORKSPACE_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), SCRIPT_TIMEOUT_MS);
    child.once('error', fail);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? signal ?? -1, stdout, stderr });
    });
  });
}

/**
 * The README's curl walkthrough, exactly as a reader pastes it into one shell (with `set -euo
 * pipefail`, so any failing command fails the test), against a fresh system and a verifying
 * partner receiver that reads its secret from the file the walkthrough writes.
 */
describe('the README walkthrough', () => {
  let system: ExchangeSystem;
  let receiver: PartnerReceiver;
  let workDir: string;

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'readme-walkthrough-'));
    system = await ExchangeSystem.start({ instances: 1 });
    receiver = await new PartnerReceiver().start();
    receiver.useSecretFile(join(workDir, 'partner-secret'));
  }, 300_000);

  afterAll(async () => {
    await receiver?.stop();
    await system?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 120_000);

  it('runs every step with curl and the partner receives the journey, verified', async () => {
    const blocks = walkthroughBlocks(readFileSync(join(WORKSPACE_ROOT, 'README.md'), 'utf8'));
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    const scriptFile = join(workDir, 'walkthrough.sh');
    writeFileSync(scriptFile, ['set -euo pipefail', ...blocks].join('\n'));

    const run = await runBash(scriptFile, {
      A: `${system.urls('applications')[0]}/v1`,
      P: `${system.urls('pilots')[0]}/v1`,
      C: `${system.urls('cohorts')[0]}/v1`,
      N: `${system.urls('notifications')[0]}/v1`,
      RECEIVER_URL: receiver.url,
      SECRET_FILE: join(workDir, 'partner-secret'),
      DATABASE_URL: system.databaseUrl,
    });
    const output = `\n--- walkthrough exit ${run.code}; stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
    try {
      expect(run.code).toBe(0);
      const startupId = /^startup: ([0-9a-f-]{36})$/m.exec(run.stdout)?.[1];
      if (!startupId) throw new Error('the walkthrough printed no "startup: <id>" line');

      // The walkthrough waits for no webhook: wait for the last one it causes, then for quiet.
      const first = await receiver.waitFor((e) => e.type === 'application.submitted' && e.data.startupId === startupId, 'the first application.submitted');
      await receiver.waitFor(
        (e) => e.type === 'application.submitted' && e.data.startupId === startupId && e.data.applicationId !== first.data.applicationId,
        'the fast-track application.submitted',
      );
      await settle(receiver);

      expect(receiver.rejected).toEqual([]);
      const types = receiver.forStartup(startupId).map((e) => e.type);
      expect(inRelativeOrder(types, CAUSAL_ORDER)).toEqual(CAUSAL_ORDER);
      expect(tally(types)).toEqual(tally(JOURNEY_STARTUP_EVENTS));
    } catch (err) {
      (err as Error).message += output;
      throw err;
    }
  }, 420_000);
});
