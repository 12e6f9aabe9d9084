import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Proves the Nx boundary rule is live: lints source text as if it were a file of one project
 * importing another, through the ESLint CLI in a child process (the config is an ES module with
 * top-level await, which Jest's CommonJS sandbox cannot import through ESLint's Node API).
 */
const root = resolve(__dirname, '../../..');
const eslintBin = resolve(root, 'node_modules/eslint/bin/eslint.js');

interface LintMessage {
  ruleId: string | null;
  message: string;
  severity: number;
}

function lintAs(filePath: string, source: string): Promise<LintMessage[]> {
  return new Promise((done, fail) => {
    const child = execFile(
      process.execPath,
      [eslintBin, '--format', 'json', '--stdin', '--stdin-filename', filePath],
      { cwd: root, env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } },
      (error, stdout) => {
        // Exit code 1 means "lint errors found", which is what some cases expect.
        if (error && error.code !== 1) return fail(new Error(`eslint failed: ${error.message}`));
        const [result] = JSON.parse(stdout) as Array<{ messages: LintMessage[] }>;
        done(result.messages);
      },
    );
    child.stdin?.end(source);
  });
}

const boundaryErrors = (messages: LintMessage[]) => messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries' && m.severity === 2);

describe('Nx module boundaries', () => {
  it('flags a service importing another service', async () => {
    const messages = await lintAs('services/pilots/src/boundary-probe.ts', "import { SERVICE_NAME } from '../../applications/src/config';\nexport const probe = SERVICE_NAME;\n");
    expect(boundaryErrors(messages)).toHaveLength(1);
  });

  it('flags a library importing a service', async () => {
    const messages = await lintAs('libs/platform/src/boundary-probe.ts', "import { AppModule } from '../../../services/cohorts/src/app.module';\nexport const probe = AppModule;\n");
    expect(boundaryErrors(messages)).toHaveLength(1);
  });

  it('lets a service import libraries', async () => {
    const messages = await lintAs('services/pilots/src/boundary-probe.ts', "import { getLogger } from '@exchange/platform';\nexport const probe = getLogger;\n");
    expect(boundaryErrors(messages)).toEqual([]);
  });
});
