import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Admin } from './cast';
import type { ExchangeSdk } from '@exchange/sdk';

const run = promisify(execFile);
const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/**
 * The admin's first step, as the README tells it: `npm run bootstrap` creates the organising agency
 * (here the city's innovation agency), its admin and the admin's key, printed once. `--force` lets
 * the demo run again on a database that has an admin already.
 */
export async function bootstrapAdmin(api: ExchangeSdk, databaseUrl: string | undefined): Promise<Admin> {
  const { stdout } = await run(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      'services/applications/src/cli/bootstrap.ts',
      '--org-name',
      'Московское агентство инноваций',
      '--org-name-latin',
      'Moscow Innovation Agency',
      '--country',
      'RU',
      '--language',
      'ru',
      '--admin-name',
      'Exchange operations',
      '--force',
    ],
    { cwd: WORKSPACE_ROOT, env: { ...process.env, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) }, timeout: 60_000 },
  );
  const key = stdout.trim().split('\n').pop()?.trim() ?? '';
  if (!key.startsWith('sx_live_')) throw new Error(`npm run bootstrap printed no key:\n${stdout}`);
  return adminFromKey(api, key);
}

/** An admin key given by the operator: its organisation comes from `GET /v1/me`. */
export async function adminFromKey(api: ExchangeSdk, key: string): Promise<Admin> {
  const me = await api.as(key).applications.get('/v1/me');
  if (me.role !== 'admin' || !me.organisationId) throw new Error(`the key is a ${me.role} key; the demo needs an admin's`);
  return { key, organisationId: me.organisationId };
}
