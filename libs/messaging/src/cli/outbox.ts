/**
 * Operator command for parked outbox rows (rows the broker refused for good; the relay skips them):
 *   npm run outbox -- parked [--service <name>] [--json]
 *   npm run outbox -- republish <id>... [--service <name>] [--wait <seconds>]
 *   npm run outbox -- republish --all --service <name> [--wait <seconds>]
 * Re-publish after fixing the cause (e.g. raising the topic's max.message.bytes); the service's relay
 * then publishes the row. Reads DATABASE_URL. Exit 0 when done, 1 when a row is not parked or is
 * refused again, 64 for a usage error.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { ServiceNames } from '@exchange/contracts';
import { databaseUrl, redactUrl } from '@exchange/data';
import { hasOutbox, listParked, republishParked, rowState, type ParkedRow, type RepublishedRow } from '../outbox-operator';

const USAGE = [
  'usage: npm run outbox -- parked [--service <name>] [--json]',
  '       npm run outbox -- republish <id>... [--service <name>] [--wait <seconds>]',
  '       npm run outbox -- republish --all --service <name> [--wait <seconds>]',
  `services: ${ServiceNames.join(', ')}`,
].join('\n');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class UsageError extends Error {}

const say = (line: string) => console.log(`[outbox] ${line}`);

function table(rows: ParkedRow[]): string {
  const header = ['id', 'service', 'type', 'key', 'bytes', 'parked at', 'error'];
  const lines = rows.map((r) => [r.id, r.schema, r.type, r.key, String(r.bytes), r.parkedAt.toISOString(), r.error]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (i === 6 ? 0 : l[i].length))));
  const format = (cells: string[]) => cells.map((c, i) => (i === 6 ? c : c.padEnd(widths[i]))).join('  ');
  return [format(header), ...lines.map(format)].join('\n');
}

/** The schemas to look in: the one named (which must have an outbox) or every service's. */
async function schemasOf(db: Client, service: string | undefined): Promise<string[]> {
  if (service !== undefined && !(await hasOutbox(db, service))) {
    throw new UsageError(`--service ${service}: no outbox that can hold parked rows in that schema (services: ${ServiceNames.join(', ')})`);
  }
  const schemas = service === undefined ? [...ServiceNames] : [service];
  for (const schema of schemas) {
    if (!(await hasOutbox(db, schema))) throw new Error(`${schema}.outbox has no parked_at column: run npm run db:migrate first`);
  }
  return schemas;
}

async function parked(db: Client, schemas: string[], json: boolean): Promise<number> {
  const rows: ParkedRow[] = [];
  for (const schema of schemas) rows.push(...(await listParked(db, schema)));
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) {
    say(`no parked rows in ${schemas.join(', ')}`);
    return 0;
  }
  console.log(table(rows));
  say(`${rows.length} parked row(s). Fix the cause (the error says what the broker refused), then: npm run outbox -- republish <id>`);
  return 0;
}

/** Polls each re-published row until the relay has published or parked it again, or time runs out. */
async function follow(db: Client, rows: RepublishedRow[], waitSeconds: number): Promise<number> {
  let failures = 0;
  const deadline = Date.now() + waitSeconds * 1_000;
  for (const row of rows) {
    let state = await rowState(db, row.schema, row.id);
    while (state.state === 'pending' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      state = await rowState(db, row.schema, row.id);
    }
    if (state.state === 'published' || state.state === 'gone') say(`${row.id}: published`);
    else if (state.state === 'parked') {
      failures += 1;
      say(`${row.id}: refused again and parked: ${state.error}. Fix the cause before re-publishing it.`);
    } else {
      failures += 1;
      say(`${row.id}: not published within ${waitSeconds} s; is the ${row.schema} service (its outbox relay) running? It publishes the row once it is.`);
    }
  }
  return failures === 0 ? 0 : 1;
}

async function republish(db: Client, schemas: string[], ids: string[] | 'all', waitSeconds: number): Promise<number> {
  const done: RepublishedRow[] = [];
  for (const schema of schemas) done.push(...(await republishParked(db, schema, ids === 'all' ? 'all' : ids.filter((id) => !done.some((d) => d.id === id)))));
  const missing = ids === 'all' ? [] : ids.filter((id) => !done.some((d) => d.id.toLowerCase() === id.toLowerCase()));
  for (const row of done) {
    const order = row.laterEventsOfKey > 0 ? `; it will arrive after ${row.laterEventsOfKey} later event(s) of key ${row.key}` : '';
    say(`${row.id} (${row.schema}, ${row.type}) un-parked${order}`);
  }
  for (const id of missing) say(`${id}: not a parked row in ${schemas.join(', ')}; list them with: npm run outbox -- parked`);
  if (done.length === 0) {
    if (ids === 'all') say(`no parked rows in ${schemas.join(', ')}`);
    return ids === 'all' ? 0 : 1;
  }
  const followed = waitSeconds > 0 ? await follow(db, done, waitSeconds) : 0;
  return missing.length > 0 ? 1 : followed;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      service: { type: 'string' },
      json: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      wait: { type: 'string', default: '15' },
    },
  });
  const [command, ...ids] = positionals;
  if (command !== 'parked' && command !== 'republish') throw new UsageError(command ? `unknown command "${command}"` : 'a command is required');
  const wait = Number(values.wait);
  if (!Number.isInteger(wait) || wait < 0 || wait > 3_600) throw new UsageError(`--wait ${values.wait}: must be a whole number of seconds from 0 to 3600`);
  if (command === 'republish') {
    if (values.all && ids.length > 0) throw new UsageError('give either ids or --all, not both');
    if (values.all && values.service === undefined) throw new UsageError('--all needs --service <name>, so one service is re-published at a time');
    if (!values.all && ids.length === 0) throw new UsageError('republish needs the id of a parked row (or --all --service <name>)');
    const bad = ids.find((id) => !UUID.test(id));
    if (bad) throw new UsageError(`"${bad}" is not an outbox row id (a UUID, as listed by: npm run outbox -- parked)`);
  } else if (ids.length > 0) throw new UsageError('parked takes no ids');

  const url = databaseUrl();
  const db = new Client({ connectionString: url, application_name: 'outbox-cli' });
  try {
    await db.connect();
  } catch (error) {
    console.error(`[outbox] cannot reach the database ${redactUrl(url)}: ${(error as Error).message}. Is PostgreSQL running and DATABASE_URL right?`);
    return 1;
  }
  try {
    console.error(`[outbox] database: ${redactUrl(url)}`); // stderr: --json output stays parseable
    const schemas = await schemasOf(db, values.service);
    if (command === 'parked') return await parked(db, schemas, values.json === true);
    return await republish(db, schemas, values.all ? 'all' : ids, wait);
  } finally {
    await db.end().catch(() => undefined);
  }
}

// exitCode, not process.exit(): exit() drops what stdout has not yet flushed to a pipe (a long listing).
main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`[outbox] ${(error as Error).message}\n${USAGE}`);
      process.exitCode = 64;
      return;
    }
    console.error(`[outbox] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
