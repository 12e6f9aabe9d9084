/**
 * Creates the first admin organisation, its admin and the admin's API key on a fresh database, and
 * prints the key once:
 *   npm run bootstrap -- --org-name "Seoul Startup Hub" --country KR [--kind organising_agency]
 *     [--language en|ko|ru] [--org-name-latin ...] [--admin-name ...] [--admin-email ...]
 *     [--admin-time-zone Asia/Seoul] [--force]
 * Refuses (exit 1) when an admin exists, unless --force. Reads DATABASE_URL.
 */
import 'reflect-metadata';
import { createDataSource, databaseUrl, type Language, type OrganisationKind, redactUrl } from '@exchange/data';
import { parseArgs } from 'node:util';
import { BootstrapRefused, bootstrapFirstAdmin, bootstrapInputProblems, type BootstrapAdminInput } from '../identity/bootstrap-admin';

const USAGE = 'usage: npm run bootstrap -- --org-name <name> --country <ISO2> [--kind organising_agency] [--language en|ko|ru] [--org-name-latin <name>] [--admin-name <name>] [--admin-email <email>] [--admin-time-zone <IANA zone>] [--force]';

async function main(): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        'org-name': { type: 'string' },
        'org-name-latin': { type: 'string' },
        country: { type: 'string' },
        kind: { type: 'string', default: 'organising_agency' },
        language: { type: 'string', default: 'en' },
        'admin-name': { type: 'string', default: 'Administrator' },
        'admin-email': { type: 'string' },
        'admin-time-zone': { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`[bootstrap] ${(err as Error).message}\n${USAGE}`);
    return 64;
  }
  const input: BootstrapAdminInput = {
    orgName: String(values['org-name'] ?? ''),
    orgNameLatin: values['org-name-latin'] as string | undefined,
    country: String(values.country ?? '').toUpperCase(),
    kind: values.kind as OrganisationKind,
    language: values.language as Language,
    adminName: String(values['admin-name']),
    adminEmail: values['admin-email'] as string | undefined,
    adminTimeZone: values['admin-time-zone'] as string | undefined,
    force: values.force === true,
  };
  const problems = bootstrapInputProblems(input);
  if (problems.length > 0) {
    console.error(`[bootstrap] ${problems.join('\n[bootstrap] ')}\n${USAGE}`);
    return 64;
  }

  const url = databaseUrl();
  const dataSource = await createDataSource(url, { applicationName: 'bootstrap-cli', poolSize: 1 }).initialize();
  try {
    const result = await bootstrapFirstAdmin(dataSource, input);
    console.log(`[bootstrap] database: ${redactUrl(url)}`);
    console.log(`[bootstrap] organisation ${input.orgName} (${result.organisationId}), admin ${input.adminName} (${result.principalId})`);
    console.log('[bootstrap] the admin API key, shown this once (use it as "Authorization: Bearer <key>"):');
    console.log(result.key);
    return 0;
  } catch (err) {
    if (err instanceof BootstrapRefused) {
      console.error(`[bootstrap] refused: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error('[bootstrap] failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
