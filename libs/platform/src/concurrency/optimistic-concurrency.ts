import { platformProblem, ProblemException } from '../errors/problem';
import { problemDetail, problemText } from '../errors/problem-messages';

/**
 * Optimistic concurrency: a client reads `version` (also sent as `ETag: "<version>"`) and sends it
 * back as `If-Match: "<version>"` or as `version` in the body. A stale version answers 409 with the
 * current one, so two concurrent decisions cannot both win.
 */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/** The version an `If-Match` header names (`"3"`, `W/"3"` or `3`), or undefined without the header. */
export function versionFromIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    throw platformProblem(400, 'urn:exchange:problem:validation', { ...problemText('CONCURRENCY.INVALID_IF_MATCH'), title: 'INVALID_REQUEST' });
  }
  return Number(match[1]);
}

export class StaleVersionException extends ProblemException {
  constructor(entity: string, currentVersion: number, expected: number, extensions: Record<string, unknown> = {}) {
    const text = problemText('CONCURRENCY.STALE_VERSION', { entity, expected, currentVersion });
    super(
      {
        type: 'urn:exchange:problem:stale-version',
        title: 'Conflict',
        status: 409,
        detail: problemDetail(text, 'en'),
        currentVersion,
        ...extensions,
        code: text.code,
      },
      {},
      text,
    );
    this.name = 'StaleVersionException';
  }
}

/** Throws 409 unless `expected` (when given) is the current version. */
export function assertVersion(entity: string, currentVersion: number, expected: number | undefined, extensions: Record<string, unknown> = {}): void {
  if (expected !== undefined && expected !== currentVersion) throw new StaleVersionException(entity, currentVersion, expected, extensions);
}

/**
 * For the UPDATE itself: `UPDATE ... SET ..., version = version + 1 WHERE id = $1 AND version = $2`
 * changing no row means someone else won; this turns that into the 409.
 */
export function assertUpdated(affected: number | null | undefined, entity: string, currentVersion: number, expected: number): void {
  if (!affected) throw new StaleVersionException(entity, currentVersion, expected);
}
