import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Builders for environment variables. Every variable arrives as a string (or not at all), so each
 * builder parses a string, says in plain words what is expected, and carries an `example` (read by
 * loadConfig to print a fix next to each error).
 */

type Example = { example: string; inProduction?: ProductionCheck };

/**
 * A rule a variable must also meet when NODE_ENV=production (checked by loadConfig after the
 * schema): returns what is wrong with the raw value, or undefined. Development defaults (a trust-auth
 * superuser, a Redis without a password, a well-known secret) keep a fresh clone working; these rules
 * stop the same defaults from reaching production.
 */
export type ProductionCheck = (raw: string | undefined) => string | undefined;

/** Production must set the variable: its default is public, so it protects nothing. */
export const setInProduction: ProductionCheck = (raw) =>
  raw === undefined || raw.trim() === '' ? 'must be set in production: its development default is public' : undefined;

/** The meta every builder attaches: the example loadConfig prints, and the production rule. */
function envMeta(opts: Partial<Example>): { example?: string; inProduction?: ProductionCheck } {
  return opts.inProduction ? { example: opts.example, inProduction: opts.inProduction } : { example: opts.example };
}

export function envString(opts: Example & { default?: string }) {
  const schema = z.string().trim().min(1, 'must not be empty');
  return (opts.default === undefined ? schema : schema.default(opts.default)).meta(envMeta(opts));
}

export function envInt(opts: Example & { min?: number; max?: number; default?: number }) {
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = opts;
  const range = `${min === Number.MIN_SAFE_INTEGER ? '' : ` >= ${min}`}${max === Number.MAX_SAFE_INTEGER ? '' : ` and <= ${max}`}`;
  const message = `must be a whole number${range}`;
  const schema = z
    .string()
    .trim()
    .regex(/^-?\d+$/, message)
    .transform(Number)
    .refine((n) => n >= min && n <= max, message);
  return (opts.default === undefined ? schema : schema.default(opts.default)).meta({ example: opts.example });
}

export function envPort(defaultPort?: number) {
  return envInt({ min: 0, max: 65_535, default: defaultPort, example: String(defaultPort ?? 3000) });
}

export function envBoolean(opts: Example & { default?: boolean }) {
  const schema = z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), 'must be true or false')
    .transform((v) => ['true', '1', 'yes'].includes(v));
  return (opts.default === undefined ? schema : schema.default(opts.default)).meta({ example: opts.example });
}

export function envEnum<const T extends readonly [string, ...string[]]>(values: T, opts: { default?: T[number] } = {}) {
  const schema = z.enum(values as unknown as [T[number], ...T[number][]], { error: () => `must be one of ${values.join(', ')}` });
  return (opts.default === undefined ? schema : schema.default(opts.default as never)).meta({ example: opts.default ?? values[0] });
}

/** A URL whose scheme is one of `protocols` (e.g. ['postgres:', 'postgresql:']). */
export function envUrl(protocols: readonly string[], opts: Example & { default?: string }) {
  const expected = `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`;
  const schema = z
    .string()
    .trim()
    .refine((v) => {
      try {
        const url = new URL(v);
        return protocols.includes(url.protocol) && url.hostname !== '';
      } catch {
        return false;
      }
    }, expected);
  return (opts.default === undefined ? schema : schema.default(opts.default)).meta(envMeta(opts));
}

/** A comma-separated variable as a list of its non-empty, trimmed entries, each checked by `valid`. */
function envList(opts: Example & { default?: string }, valid: (list: string[]) => boolean, message: string) {
  const split = (v: string) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
  const schema = z.string().transform(split).refine(valid, message);
  return (opts.default === undefined ? schema : schema.default(split(opts.default))).meta(envMeta(opts));
}

/** A comma-separated list of `host:port` pairs, e.g. Kafka brokers. At least one is required. */
export function envHostPortList(opts: Example & { default?: string }) {
  return envList(
    opts,
    (list) => list.length > 0 && list.every((s) => /^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(s)),
    'must be a comma-separated list of host:port (at least one)',
  );
}

/**
 * A secret of at least `minBytes` bytes (UTF-8). The development default keeps a fresh clone working;
 * pass `inProduction` so production refuses it (its value is public).
 */
export function envSecret(opts: Example & { minBytes: number; default?: string }) {
  const schema = z
    .string()
    .trim()
    .refine((v) => Buffer.byteLength(v, 'utf8') >= opts.minBytes, `must be at least ${opts.minBytes} bytes long`);
  return (opts.default === undefined ? schema : schema.default(opts.default)).meta(envMeta(opts));
}

/** Names of address ranges a proxy list may use instead of spelling them out. */
const ADDRESS_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (ADDRESS_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * A comma-separated list of IP addresses and CIDR ranges (or `loopback`, `linklocal`, `uniquelocal`),
 * e.g. the reverse proxies whose X-Forwarded-For is believed. Empty means none.
 */
export function envAddressList(opts: Example & { default?: string }) {
  return envList(
    opts,
    (list) => list.every(isAddressOrRange),
    'must be a comma-separated list of IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)',
  );
}
