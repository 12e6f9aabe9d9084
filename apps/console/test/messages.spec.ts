import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { registeredCatalogueProblems, registeredCatalogues } from '@exchange/platform';

const SRC = join(__dirname, '../src');

/** Every `messages.ts` of the console: each screen area keeps its labels beside its screens. */
function catalogueModules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? catalogueModules(join(dir, entry.name)) : entry.name === 'messages.ts' ? [join(dir, entry.name)] : [],
  );
}

describe('the console in three languages', () => {
  const modules = catalogueModules(SRC);

  it('finds the catalogue of every area', () => {
    expect(modules.length).toBeGreaterThanOrEqual(2);
  });

  it('renders every label and message in English, Korean and Russian, each in its own script', async () => {
    for (const path of modules) await import(path);
    const consoleCatalogues = [...registeredCatalogues().keys()].filter((name) => name.startsWith('console.'));
    expect(consoleCatalogues.length).toBe(modules.length);
    expect(registeredCatalogueProblems().filter((problem) => problem.startsWith('console.'))).toEqual([]);
  });
});
