import { randomBytes } from 'node:crypto';

/** A name no other test run uses: topics, groups, schemas, queues each get their own. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
