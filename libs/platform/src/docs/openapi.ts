import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** RFC 9457 problem document, referenced by every error response as `#/components/schemas/Problem`. */
export const PROBLEM_SCHEMA = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', description: 'URI reference identifying the problem type', example: 'urn:exchange:problem:validation' },
    title: { type: 'string', example: 'Invalid request' },
    status: { type: 'integer', example: 400 },
    detail: { type: 'string', example: '1 invalid field: name' },
    instance: { type: 'string', example: '/v1/startups' },
    code: { type: 'string', description: 'Stable code of a domain error', example: 'APPLICATION.WINDOW_CLOSED' },
    requestId: { type: 'string', format: 'uuid' },
    errors: {
      type: 'array',
      description: 'Every invalid field, for validation problems',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string', example: 'team.0.name' }, message: { type: 'string', example: 'name must be a string' } },
      },
    },
  },
  additionalProperties: true,
} as const;

export interface OpenApiOptions {
  title: string;
  description?: string;
  version?: string;
}

/** Builds the service's OpenAPI 3 document (routes come from the controllers' decorators). */
export function buildOpenApiDocument(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description ?? '')
    .setVersion(options.version ?? '1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'API key', description: 'API key: `Authorization: Bearer <key>`' }, 'apiKey')
    .addSecurityRequirements('apiKey')
    .addGlobalResponse({
      status: 'default',
      description: 'Error, as RFC 9457 problem details',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, Problem: PROBLEM_SCHEMA as never } };
  return document;
}

/** Serves Swagger UI at `/docs` and the JSON at `/docs-json`, both outside the `/v1` prefix. */
export function setupOpenApi(app: INestApplication, options: OpenApiOptions): OpenAPIObject {
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', useGlobalPrefix: false, raw: ['json'] });
  return document;
}
