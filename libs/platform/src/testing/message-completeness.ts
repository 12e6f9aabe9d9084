import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, domainErrorMessagesOf } from '../errors/domain-error';
import { registeredCatalogueProblems } from '../i18n/catalogue-check';
import { LANGUAGES, registeredCatalogues } from '../i18n/messages';

/** Every `*.errors.ts` under `dir` (a service's src), found on disk so a module added later is checked too. */
export function errorModulePaths(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.errors.ts'))
    .map((file) => join(dir, file))
    .sort();
}

type ErrorClass = abstract new (...args: never[]) => DomainError;

function isErrorClass(value: unknown): value is ErrorClass {
  return typeof value === 'function' && value.prototype instanceof DomainError;
}

/** A TypeScript string enum as it exists at run time: an object of string values. */
function isStringEnum(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && Object.values(value).length > 0 && Object.values(value).every((v) => typeof v === 'string');
}

/**
 * What a module of errors lacks: every code of each exported `*ErrorCode` enum needs a text in each
 * language among the messages registered for the module's error class (`mapDomainErrorsToHttp`'s
 * third argument). Returns lines such as `x.errors.ts: PILOT.NOT_FOUND has no ko text`.
 */
export function missingErrorTexts(path: string, exports: Record<string, unknown>): string[] {
  const classes = Object.values(exports).filter(isErrorClass);
  const enums = Object.entries(exports).filter(([name, value]) => name.endsWith('ErrorCode') && isStringEnum(value)) as Array<[string, Record<string, string>]>;
  const problems: string[] = [];
  if (enums.length === 0) problems.push(`${path}: exports no *ErrorCode enum`);
  if (classes.length === 0) problems.push(`${path}: exports no DomainError class`);
  const messages = classes.map((c) => domainErrorMessagesOf(c)).filter((m) => m !== undefined);
  if (classes.length > 0 && messages.length === 0) problems.push(`${path}: no messages registered with mapDomainErrorsToHttp`);
  for (const [, codes] of enums) {
    for (const code of Object.values(codes)) {
      for (const language of LANGUAGES) {
        if (!messages.some((m) => typeof m[code]?.[language] === 'function')) problems.push(`${path}: ${code} has no ${language} text`);
      }
    }
  }
  return problems;
}

/**
 * The three-language suite of a service: its app module (passed in, so importing it has registered
 * every catalogue of the service) registered at least `catalogues`, every registered catalogue
 * renders each code in each language in that language's script, and every `*.errors.ts` under
 * `srcDir` gives each of its codes a text in each language.
 */
export function describeThreeLanguages(service: string, appModule: unknown, srcDir: string, catalogues: string[]): void {
  describe(`the ${service} service in three languages`, () => {
    it('registers its catalogues through its app module, and each renders every code in every language', () => {
      expect(appModule).toBeDefined();
      expect([...registeredCatalogues().keys()]).toEqual(expect.arrayContaining(['platform.problems', 'platform.problem-titles', 'platform.field-errors', ...catalogues]));
      expect(registeredCatalogueProblems()).toEqual([]);
    });

    const modules = errorModulePaths(srcDir);

    it('finds its error modules', () => {
      expect(modules.length).toBeGreaterThan(0);
    });

    it.each(modules.map((path) => [path.slice(path.indexOf('/src/') + 1), path]))('%s has a text in each language for every code', async (_name, path) => {
      const exports = (await import(path)) as Record<string, unknown>;
      expect(missingErrorTexts(path, exports)).toEqual([]);
    });
  });
}
