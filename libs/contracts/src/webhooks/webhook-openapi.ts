import { EVENT_CATALOGUE } from '../asyncapi/event-catalogue';
import { eventPayloadJsonSchema, jsonSchemaOf, type JsonSchema } from '../asyncapi/payload-json-schema';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT_TYPE, WebhookTestData, type WebhookEventType } from './webhook-events';

/** The part of an OpenAPI 3.1 document the webhooks are written into. */
export interface OpenApiDocumentWithWebhooks {
  webhooks?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}

/** Component schemas of webhook bodies are prefixed so they never collide with a service's DTOs. */
const SCHEMA_PREFIX = 'WebhookEvent_';

const TEST_EVENT = {
  summary: 'Sent when the endpoint\'s owner asks for a test event (`POST /v1/webhook-endpoints/{id}/test`); every endpoint receives it.',
  example: { endpointId: 'b6c0e4a8-1d5f-4c9b-a3e7-8d2f4b6a0c92', message: 'Test event from Startup Exchange', requestedBy: '2d8a6f4c-1b7e-4c3a-9e5d-8f0b2a6c4e19' },
};

/** `application.review_submitted` → `WebhookEvent_ApplicationReviewSubmitted`. */
export function webhookSchemaName(type: WebhookEventType): string {
  return SCHEMA_PREFIX + type.split(/[._]/).map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

function summaryOf(type: WebhookEventType): string {
  return type === WEBHOOK_TEST_EVENT_TYPE ? TEST_EVENT.summary : EVENT_CATALOGUE[type].summary;
}

function exampleDataOf(type: WebhookEventType): unknown {
  return structuredClone(type === WEBHOOK_TEST_EVENT_TYPE ? TEST_EVENT.example : EVENT_CATALOGUE[type].example);
}

/** The JSON Schema (2020-12, OpenAPI 3.1's dialect) of the body of one webhook type, self-contained. */
export function webhookBodySchema(type: WebhookEventType): JsonSchema {
  const data = type === WEBHOOK_TEST_EVENT_TYPE ? jsonSchemaOf(WebhookTestData, 'draft-2020-12') : eventPayloadJsonSchema(type, 'draft-2020-12');
  return {
    type: 'object',
    description: summaryOf(type),
    required: ['type', 'timestamp', 'data'],
    properties: {
      type: { type: 'string', const: type, description: 'The event type.' },
      timestamp: { type: 'string', format: 'date-time', description: 'When the event happened (ISO 8601, UTC); the same on every retry.' },
      data: { ...data, description: 'The event data, as published on its Kafka topic.' },
    },
  };
}

/** The Standard Webhooks headers every request carries; the signature covers `id.timestamp.body`. */
const SIGNATURE_HEADERS = [
  {
    name: 'webhook-id',
    in: 'header',
    required: true,
    description: 'The event id: the same on every retry and replay, so the receiver can skip one it has already handled.',
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'webhook-timestamp',
    in: 'header',
    required: true,
    description: 'When this attempt was signed, in Unix seconds. Refuse a request more than a few minutes off your clock (replay protection).',
    schema: { type: 'string', pattern: '^[0-9]+$' },
  },
  {
    name: 'webhook-signature',
    in: 'header',
    required: true,
    description:
      'Space-separated `v1,<base64 HMAC-SHA256 of "webhook-id.webhook-timestamp.body">` signatures, keyed with the base64 part of the ' +
      "endpoint's `whsec_` secret. There are two while a secret rotates: accept the request when any one matches.",
    schema: { type: 'string', pattern: '^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$' },
  },
];

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds, or an HTTP date: the next attempt comes no sooner.', schema: { type: 'string' } },
};

const RESPONSES = {
  '2XX': { description: 'Received. Any 2xx within the timeout (15 s by default) is success; the body is ignored.' },
  '410': { description: 'Gone: the endpoint is disabled at once and its owner told; nothing more is sent to it.' },
  '429': { description: 'Too many requests: retried no sooner than its Retry-After.', headers: RETRY_AFTER },
  '503': { description: 'Unavailable: retried no sooner than its Retry-After.', headers: RETRY_AFTER },
  default: {
    description:
      'Anything else, a redirect (never followed) or no answer within the timeout is a failure, retried (by default) after 0 s, 5 s, ' +
      '5 min, 30 min, 2 h, 5 h, 10 h and 10 h (±20%). An endpoint with no success for 5 days (by default) is disabled.',
  },
};

function operationId(type: WebhookEventType): string {
  return `webhook${webhookSchemaName(type).slice(SCHEMA_PREFIX.length)}`;
}

function webhookOf(type: WebhookEventType): Record<string, unknown> {
  return {
    post: {
      operationId: operationId(type),
      summary: type,
      description: `${summaryOf(type)}\n\nPOSTed to every endpoint subscribed to \`${type}\` (or a pattern matching it) of an organisation entitled to the event.`,
      tags: ['Webhooks'],
      // The request proves itself with its signature, not with an API key.
      security: [],
      parameters: structuredClone(SIGNATURE_HEADERS),
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { $ref: `#/components/schemas/${webhookSchemaName(type)}` },
            example: { type, timestamp: '2030-03-25T10:30:00.000Z', data: exampleDataOf(type) },
          },
        },
      },
      responses: structuredClone(RESPONSES),
    },
  };
}

/**
 * Writes the webhooks partner agencies receive into an OpenAPI 3.1 document: one entry per event
 * type delivered (DELIVERED_EVENT_TYPES and the test event), with its body schema under
 * `components.schemas` (`WebhookEvent_…`). The notifications service's `extendOpenApi`.
 */
export function addWebhooksTo(document: OpenApiDocumentWithWebhooks): void {
  const schemas = { ...document.components?.schemas };
  for (const type of WEBHOOK_EVENT_TYPES) {
    const name = webhookSchemaName(type);
    if (name in schemas) throw new Error(`components.schemas.${name} exists already: rename the DTO, the ${SCHEMA_PREFIX} prefix is the webhooks'`);
    schemas[name] = webhookBodySchema(type);
  }
  document.components = { ...document.components, schemas };
  document.webhooks = { ...document.webhooks, ...Object.fromEntries(WEBHOOK_EVENT_TYPES.map((type) => [type, webhookOf(type)])) };
}
