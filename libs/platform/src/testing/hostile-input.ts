/** One request a hostile client could send, and the field the answer must name (null: none to name). */
export interface HostileInputCase {
  name: string;
  method: string;
  /** Path under the service root, e.g. `/v1/startups/<id>?cursor=...`. */
  path: string;
  /** A JSON value (sent as JSON) or a string sent as it is. */
  body?: unknown;
  field: string | null;
  status?: number;
}

/** base64url JSON, the shape of every cursor: for forging them in tests. */
export const forgedCursor = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Sends the case and checks the answer: the expected 4xx (400 by default), application/problem+json,
 * the field named in `errors`, and no echo of the raw path. Returns the parsed problem.
 */
export async function expectRefusedAsProblem(baseUrl: string, headers: Record<string, string>, c: HostileInputCase): Promise<Record<string, unknown>> {
  const body = c.body === undefined ? undefined : typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
  const res = await fetch(`${baseUrl}${c.path}`, {
    method: c.method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  const text = await res.text();
  const problem = JSON.parse(text) as Record<string, unknown> & { errors?: Array<{ field: string }> };
  expect({ status: res.status, type: res.headers.get('content-type') }).toEqual({ status: c.status ?? 400, type: expect.stringContaining('application/problem+json') });
  expect(problem.status).toBe(res.status);
  if (c.field !== null) expect((problem.errors ?? []).map((e) => e.field)).toContain(c.field);
  return problem;
}
