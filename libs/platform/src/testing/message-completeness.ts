import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, domainErrorMessagesOf } from '../errors/domain-error';
import { LANGUAGES } from '../i18n/messages';

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
