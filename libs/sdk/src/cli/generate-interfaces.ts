// `npm run interfaces`: regenerates the OpenAPI documents, the AsyncAPI document and the SDK's types
// from the code. `npm run interfaces -- --check` changes nothing and fails when any of them is stale.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { generateInterfaces, REPO_ROOT, staleFiles } from '../interfaces/generate-interfaces';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const started = Date.now();
  const files = await generateInterfaces((message) => process.stdout.write(`  ${message}\n`));
  const stale = await staleFiles(files);
  for (const file of files) process.stdout.write(`  ${stale.includes(file.path) ? (check ? 'stale  ' : 'written') : 'current'}  ${file.path}\n`);
  if (check) {
    if (stale.length) {
      process.stderr.write(`stale (run npm run interfaces and commit the result):\n${stale.map((f) => `  ${f}\n`).join('')}`);
      process.exit(1);
    }
    process.stdout.write(`all ${files.length} generated files are current\n`);
    return;
  }
  for (const file of files.filter((f) => stale.includes(f.path))) {
    await mkdir(dirname(join(REPO_ROOT, file.path)), { recursive: true });
    await writeFile(join(REPO_ROOT, file.path), file.content);
  }
  process.stdout.write(`${stale.length} of ${files.length} files written (${stale.join(', ') || 'all were current'}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
