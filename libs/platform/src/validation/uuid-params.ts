import type { FastifyRequest } from 'fastify';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Path ids in lower case: a UUID names the same object in any case, but PostgreSQL prints it in
 * lower case and services compare ids as strings (an upper-case id would be "someone else's").
 * Body and query ids get the same treatment from the `IsUuid` field rule.
 */
export function lowerCaseUuidParams(request: FastifyRequest): void {
  const params = request.params as Record<string, unknown> | undefined;
  if (!params || typeof params !== 'object') return;
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && UUID.test(value)) params[name] = value.toLowerCase();
  }
}
