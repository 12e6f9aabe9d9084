import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { declareValidationConstraints } from './validation-constraints';

/** RFC 9457 problem document, referenced by every error response as `#/components/schemas/Problem`. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'URI reference identifying the problem type', example: 'urn:exchange:problem:validation' },
    title: { type: 'string', description: "In the reply's language (`Content-Language`)", example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', description: "In the reply's language: `Accept-Language`, else the caller's preferred language, else English", example: '1 invalid field: name' },
    instance: { type: 'string', example: '/v1/startups' },
    code: { type: 'string', description: 'Stable machine code of the problem, the same in every language', example: 'APPLICATION.WINDOW_CLOSED' },
    requestId: { type: 'string', format: 'uuid' },
    errors: {
      type: 'array',
      description: 'Every invalid field, for validation problems',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', example: 'team.0.name' },
          code: { type: 'string', description: 'The rule the value broke (a class-validator constraint name)', example: 'isString' },
          message: { type: 'string', description: "In the reply's language", example: 'name must be a string' },
        },
      },
    },
  },
  additionalProperties: true,
} as const;

export interface OpenApiOptions {
  title: string;
  description?: string;
  version?: string;
  /** Adds what controllers cannot declare (the notifications service's `webhooks`). */
  extend?: (document: OpenAPIObject) => void;
}

/** The one security scheme: every operation needs it unless it says `security: []` (@Public()). */
export const SECURITY_SCHEME = 'apiKey';

type SchemaNode = Record<string, unknown>;

/**
 * Rewrites OpenAPI 3.0's `nullable: true` (what @ApiProperty declares) as OpenAPI 3.1 / JSON Schema
 * 2020-12 says it: `type: [t, 'null']`, or `anyOf: [schema, {type: 'null'}]` for a `$ref` or a
 * composition, with `null` added to an `enum`. Walks the whole document in place.
 */
export function nullableAsJsonSchema(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) nullableAsJsonSchema(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const schema = node as SchemaNode;
  for (const value of Object.values(schema)) nullableAsJsonSchema(value);
  if (schema.nullable === undefined) return;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  } else {
    // A $ref or an allOf/oneOf: its siblings (description, example) stay; the value may be null.
    const { description, example, readOnly, writeOnly, ...rest } = schema;
    for (const key of Object.keys(rest)) delete schema[key];
    Object.assign(schema, { anyOf: [rest, { type: 'null' }] }, description === undefined ? {} : { description }, example === undefined ? {} : { example });
    if (readOnly !== undefined) schema.readOnly = readOnly;
    if (writeOnly !== undefined) schema.writeOnly = writeOnly;
  }
}

/** Builds the service's OpenAPI 3.1 document (routes come from the controllers' decorators). */
export function buildOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(options.title)
    .setDescription(options.description ?? '')
    .setVersion(options.version ?? '1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'API key: `Authorization: Bearer <key>`' }, SECURITY_SCHEME)
    .addSecurityRequirements(SECURITY_SCHEME)
    .addGlobalResponse({
      status: 'default',
      description: 'Error, as RFC 9457 problem details',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  declareValidationConstraints(app, document);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: structuredClone(PROBLEM_SCHEMA) as never } };
  options.extend?.(document);
  nullableAsJsonSchema(document);
  return document;
}

/** Serves Swagger UI at `/docs` and the JSON at `/docs-json`, both outside the `/v1` prefix. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false, raw: ['json'] });
  return document;
}
