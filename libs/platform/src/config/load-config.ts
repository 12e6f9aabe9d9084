import { z } from 'zod';
import type { ProductionCheck } from './env-schema';

/** Thrown by loadConfig: `message` is the whole human-readable report, `problems` the parts. */
export class ConfigError extends Error {
  constructor(
    readonly problems: ReadonlyArray<{ variable: string; problem: string; example?: string }>,
    serviceName?: string,
  ) {
    super(formatProblems(problems, serviceName));
    this.name = 'ConfigError';
  }
}

const SECRET_NAME = /SECRET|PASSWORD|TOKEN|KEY/i;

/** Shows what was received without leaking secrets (passwords in URLs, *_SECRET values). */
function describeReceived(variable: string, raw: string | undefined): string {
  if (raw === undefined) return 'it is not set';
  if (raw.trim() === '') return 'it is empty';
  if (SECRET_NAME.test(variable)) return 'got a value that is not shown because it is secret';
  let shown = raw;
  try {
    const url = new URL(raw);
    if (url.password) {
      url.password = '***';
      shown = url.toString();
    }
  } catch {
    // not a URL: show as is
  }
  if (shown.length > 80) shown = `${shown.slice(0, 77)}...`;
  return `got ${JSON.stringify(shown)}`;
}

function formatProblems(
  problems: ReadonlyArray<{ variable: string; problem: string; example?: string }>,
  serviceName?: string,
): string {
  const who = serviceName ? ` for ${serviceName}` : '';
  const lines = problems.map(
    (p) => `  - ${p.variable}: ${p.problem}${p.example === undefined ? '' : ` (example: ${p.variable}=${p.example})`}`,
  );
  return `Invalid configuration${who}: ${problems.length} environment variable${problems.length === 1 ? '' : 's'} to fix\n${lines.join('\n')}`;
}

function metaOf(schema: z.ZodObject, variable: string): { example?: unknown; inProduction?: ProductionCheck } | undefined {
  const field = schema.shape[variable] as z.ZodType | undefined;
  return field?.meta() as { example?: unknown; inProduction?: ProductionCheck } | undefined;
}

function exampleOf(schema: z.ZodObject, variable: string): string | undefined {
  const example = metaOf(schema, variable)?.example;
  return typeof example === 'string' ? example : undefined;
}

/** The production rules of the schema's variables (env-schema's `inProduction`), every failure at once. */
function productionProblems(schema: z.ZodObject, env: Record<string, string | undefined>) {
  return Object.keys(schema.shape).flatMap((variable) => {
    const problem = metaOf(schema, variable)?.inProduction?.(env[variable]);
    return problem ? [{ variable, problem, example: exampleOf(schema, variable) }] : [];
  });
}

/**
 * Validates the environment once, at boot. Collects every bad variable (not just the first) so one
 * restart fixes them all. Throws ConfigError; use loadConfigOrExit in main.ts.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
  serviceName?: string,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) {
    const data = result.data as { NODE_ENV?: string };
    const problems = data.NODE_ENV === 'production' ? productionProblems(schema, env) : [];
    if (problems.length > 0) throw new ConfigError(problems, serviceName);
    return result.data;
  }

  const byVariable = new Map<string, { variable: string; problem: string; example?: string }>();
  for (const issue of result.error.issues) {
    const variable = String(issue.path[0] ?? '(environment)');
    if (byVariable.has(variable)) continue; // one line per variable: the first problem is enough to fix it
    const raw = env[variable];
    const problem =
      issue.code === 'invalid_type' && raw === undefined ? 'is required but not set' : `${issue.message}, ${describeReceived(variable, raw)}`;
    byVariable.set(variable, { variable, problem, example: exampleOf(schema, variable) });
  }
  throw new ConfigError([...byVariable.values()], serviceName);
}

/** For main.ts: prints the report to stderr and exits with status 78 (EX_CONFIG) on bad config. */
export function loadConfigOrExit<S extends z.ZodObject>(
  schema: S,
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  try {
    return loadConfig(schema, env, serviceName);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(78);
  }
}
