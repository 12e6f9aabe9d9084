import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compileErrors, validate } from '@readme/openapi-parser';
import { SERVICE_NAMES } from '@exchange/sdk';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const run = promisify(execFile);

type Operation = { security?: Array<Record<string, string[]>>; parameters?: Array<{ in: string; name: string }>; requestBody?: { required?: boolean }; responses: Record<string, { content?: Record<string, { schema?: unknown }> }> };
interface Document {
  openapi: string;
  security?: Array<Record<string, string[]>>;
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown> };
}

const documentOf = (service: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'docs', 'openapi', `${service}.json`), 'utf8')) as Document;
const operationsOf = (document: Document) => Object.entries(document.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

/**
 * The interface documents and the SDK are generated from the code (`npm run interfaces`): they must be
 * what the code generates now, and the OpenAPI documents must be valid and exact in what a validator
 * cannot see (security schemes named as defined, one parameter per name).
 */
describe('generated interfaces', () => {
  // The generator as the README runs it (a process of its own: its code generator is ES modules only).
  it('are current: the OpenAPI and AsyncAPI documents and the SDK types match what the code generates', async () => {
    const checked = await run(process.execPath, ['-r', '@swc-node/register', 'libs/sdk/src/cli/generate-interfaces.ts', '--check'], { cwd: REPO_ROOT }).catch(
      (err: { stdout: string; stderr: string }) => err,
    );
    expect(checked.stderr).toBe('');
    expect(checked.stdout).toMatch(/all \d+ generated files are current/);
    for (const path of ['docs/asyncapi.yaml', ...SERVICE_NAMES.flatMap((s) => [`docs/openapi/${s}.json`, `libs/sdk/src/generated/${s}.ts`])]) {
      expect(checked.stdout).toContain(path);
    }
  }, 120_000);

  it.each(SERVICE_NAMES)('the %s document is valid OpenAPI 3.1 for an independent validator', async (service) => {
    const document = documentOf(service);
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    if (!result.valid) throw new Error(compileErrors(result));
  });

  it.each(SERVICE_NAMES)('the %s document names only the security scheme it defines and repeats no parameter', (service) => {
    const document = documentOf(service);
    const defined = Object.keys(document.components.securitySchemes);
    expect(defined).toEqual(['apiKey']);
    const requirements = [...(document.security ?? []), ...operationsOf(document).flatMap(({ op }) => op.security ?? [])];
    expect(requirements.flatMap((r) => Object.keys(r)).filter((name) => !defined.includes(name))).toEqual([]);
    const repeated = operationsOf(document).flatMap(({ name, op }) => {
      const keys = (op.parameters ?? []).map((p) => `${p.in}:${p.name.toLowerCase()}`);
      return keys.filter((k, i) => keys.indexOf(k) !== i).map((k) => `${name} ${k}`);
    });
    expect(repeated).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('"nullable"');
    const undeclaredBodies = operationsOf(document).filter(({ op }) =>
      Object.entries(op.responses).some(([status, r]) => status.startsWith('2') && r.content && Object.values(r.content).some((c) => c.schema === undefined)),
    );
    expect(undeclaredBodies.map((o) => o.name)).toEqual([]);
  });
});
