import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import type { Middleware } from 'openapi-fetch';

/** What the validator needs of an OpenAPI 3.1 document. */
export interface OpenApiResponses {
  info?: { title?: string };
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } | unknown>>;
  components?: unknown;
}

/** A 2xx answer that breaks its operation's declared response schema. */
export class ResponseContractViolation extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly problems: string[],
    readonly body: unknown,
  ) {
    super(`${operation} answered ${status} outside its declared schema: ${problems.join('; ')}`);
    this.name = 'ResponseContractViolation';
  }
}

const pointer = (...segments: string[]) => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * openapi-fetch middleware that checks every successful answer against the schema the service's own
 * OpenAPI document declares for that operation and status (JSON Schema 2020-12, formats included), and
 * fails the call with a ResponseContractViolation naming each mismatch. The end-to-end journey runs
 * with it, so a document that says less or other than the service answers cannot pass. `tally.checked`
 * counts the answers it validated (so a test can tell it ran).
 */
export function responseValidator(document: OpenApiResponses, tally?: { checked: number }): Middleware {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const documentId = `urn:openapi:${encodeURIComponent(document.info?.title ?? 'service')}`;
  ajv.addSchema({ ...(document as object), $id: documentId });
  const compiled = new Map<string, ValidateFunction>();

  type Declared = { statusKey: string; content?: Record<string, { schema?: unknown }> };
  /** The declared answer of an operation for a status, or why there is none. */
  const declared = (method: string, schemaPath: string, status: number): Declared | string => {
    const operation = document.paths[schemaPath]?.[method] as { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> } | undefined;
    if (!operation) return `${method.toUpperCase()} ${schemaPath} is not in the document`;
    const responses = operation.responses ?? {};
    const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k] !== undefined);
    if (!statusKey) return `status ${status} is not declared`;
    return { statusKey, content: responses[statusKey].content };
  };
  const validatorFor = (method: string, schemaPath: string, found: Declared, mediaType: string): ValidateFunction => {
    const key = `${method} ${schemaPath} ${found.statusKey} ${mediaType}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentId}#/${pointer('paths', schemaPath, method, 'responses', found.statusKey, 'content', mediaType, 'schema')}` });
      compiled.set(key, validate);
    }
    return validate;
  };

  return {
    async onResponse({ request, response, schemaPath }) {
      if (!response.ok) return undefined;
      const method = request.method.toLowerCase();
      const operation = `${request.method} ${schemaPath}`;
      const text = await response.clone().text();
      const mediaType = (response.headers.get('content-type') ?? '').split(';')[0].trim();
      const found = declared(method, schemaPath, response.status);
      const fail = (problem: string) => {
        throw new ResponseContractViolation(operation, response.status, [problem], text);
      };
      if (typeof found === 'string') return fail(found);
      if (!text) return found.content && Object.values(found.content).some((c) => c.schema !== undefined) ? fail('the body is empty but the document declares one') : undefined;
      if (!found.content) return fail('a body is answered but none is declared');
      if (!found.content[mediaType]?.schema) return fail(`${mediaType} is answered but ${Object.keys(found.content).join(', ')} is declared`);
      const validate = validatorFor(method, schemaPath, found, mediaType);
      const body = mediaType.endsWith('json') ? (JSON.parse(text) as unknown) : text;
      if (!validate(body)) {
        const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
        throw new ResponseContractViolation(operation, response.status, problems, body);
      }
      if (tally) tally.checked++;
      return undefined;
    },
  };
}
