import { randomUUID } from 'node:crypto';
import { validate } from '@readme/openapi-parser';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Webhook } from 'standardwebhooks';
import {
  createEvent,
  DELIVERED_EVENT_TYPES,
  EVENT_CATALOGUE,
  EVENT_TYPES,
  ORGANISATION_AUDIENCES,
  ProducedEventSchemas,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TEST_EVENT_TYPE,
  webhookSchemaName,
  type EventType,
  type WebhookEventType,
} from '@exchange/contracts';
import { openApiDocumentOf } from '@exchange/platform';
import { notificationsService } from '../src/service';
import { generateWebhookSecret, signatureHeader } from '../src/signing/webhook-signature';
import { webhookBody } from '../src/webhook-sending/delivery.processor';
import { TEST_EVENT_TYPE } from '../src/webhook-sending/event-type-patterns';

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
}
interface WebhookPost {
  parameters: Parameter[];
  requestBody: { required: boolean; content: Record<string, { schema: { $ref: string }; example: unknown }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
}
interface Document {
  webhooks: Record<string, { post: WebhookPost }>;
  components: { schemas: Record<string, Record<string, unknown>> };
}

/** A body signed the way the delivery worker signs it, checked the way a partner checks it. */
function signedDelivery(type: WebhookEventType, data: unknown, time: Date): { body: string; verified: unknown } {
  const secret = generateWebhookSecret();
  const messageId = randomUUID();
  const timestamp = Math.floor(Date.now() / 1_000);
  const body = webhookBody({ type, time, data });
  const headers = { 'webhook-id': messageId, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([secret], messageId, timestamp, body) };
  return { body, verified: new Webhook(secret).verify(body, headers) };
}

describe('the webhooks in the notifications OpenAPI document', () => {
  let document: Document;
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const validators = new Map<string, ValidateFunction>();
  /** The body schema the document references for this type (self-contained: compiled on its own). */
  const bodyValidator = (type: WebhookEventType): ValidateFunction => {
    const ref = document.webhooks[type].post.requestBody.content['application/json'].schema.$ref;
    expect(ref).toBe(`#/components/schemas/${webhookSchemaName(type)}`);
    if (!validators.has(ref)) validators.set(ref, ajv.compile(document.components.schemas[ref.replace('#/components/schemas/', '')]));
    return validators.get(ref)!;
  };

  beforeAll(async () => {
    document = (await openApiDocumentOf(notificationsService)) as unknown as Document;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    // The parser dereferences in place: give it a copy.
    const result = await validate(structuredClone(document) as never);
    expect(result).toMatchObject({ valid: true });
    const broken = structuredClone(document);
    delete (broken.webhooks['pilot.started'].post.parameters[0] as Partial<Parameter>).in;
    expect(await validate(broken as never)).toMatchObject({ valid: false });
  });

  it('lists every event type partner agencies receive, and only those', () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(WEBHOOK_TEST_EVENT_TYPE).toBe(TEST_EVENT_TYPE);
    // Fan-out (fan-out.service.ts) finds an audience for an event of a programme and for the
    // organisation-scoped events of ORGANISATION_AUDIENCES (none of which names a programme); the
    // others reach no partner agency.
    const ofProgramme = (type: EventType) => 'programme' in ProducedEventSchemas[type].shape;
    expect(Object.keys(ORGANISATION_AUDIENCES).filter((type) => ofProgramme(type as EventType))).toEqual([]);
    const hasAudience = (type: EventType) => type in ORGANISATION_AUDIENCES || ofProgramme(type);
    expect([...DELIVERED_EVENT_TYPES].sort()).toEqual(EVENT_TYPES.filter(hasAudience).sort());
    expect(EVENT_TYPES.filter((t) => !hasAudience(t)).sort()).toEqual(['person.registered', 'person.updated', 'startup.registered', 'startup.updated']);
  });

  it('describes the Standard Webhooks headers and what each answer does', () => {
    for (const type of WEBHOOK_EVENT_TYPES) {
      const { post } = document.webhooks[type];
      const headers = post.parameters.filter((p) => p.in === 'header' && p.required);
      expect([type, headers.map((h) => h.name)]).toEqual([type, ['webhook-id', 'webhook-timestamp', 'webhook-signature']]);
      for (const h of headers) expect(h.description).toEqual(expect.any(String));
      expect(Object.keys(post.responses).sort()).toEqual(['2XX', '410', '429', '503', 'default']);
      expect(post.responses['429'].headers).toHaveProperty('Retry-After');
      expect(post.responses['503'].headers).toHaveProperty('Retry-After');
      expect(post.responses['410'].description).toMatch(/disabled/);
    }
  });

  it('accepts a real signed body of every type as the service builds it, and its documented example', () => {
    const problems: string[] = [];
    for (const type of DELIVERED_EVENT_TYPES) {
      const event = createEvent({ type, data: EVENT_CATALOGUE[type].example as never, source: '/services/test' });
      const { verified } = signedDelivery(type, event.data, new Date(event.time));
      const check = bodyValidator(type);
      if (!check(verified)) problems.push(`${type}: ${ajv.errorsText(check.errors)}`);
      const example = document.webhooks[type].post.requestBody.content['application/json'].example;
      if (!check(example)) problems.push(`${type} example: ${ajv.errorsText(check.errors)}`);
    }
    // The test event, with the data the endpoints service puts in it.
    const testData = { endpointId: randomUUID(), message: 'Test event from Startup Exchange', requestedBy: randomUUID() };
    const { verified } = signedDelivery(WEBHOOK_TEST_EVENT_TYPE, testData, new Date());
    const checkTest = bodyValidator(WEBHOOK_TEST_EVENT_TYPE);
    if (!checkTest(verified)) problems.push(`${WEBHOOK_TEST_EVENT_TYPE}: ${ajv.errorsText(checkTest.errors)}`);
    expect(problems).toEqual([]);
  });

  it('refuses a body that is not of its type (the validator is not blind)', () => {
    const { verified } = signedDelivery('pilot.started', EVENT_CATALOGUE['pilot.started'].example, new Date());
    const check = bodyValidator('pilot.started');
    expect(check(verified)).toBe(true);
    const body = verified as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(check({ ...body, type: 'pilot.completed' })).toBe(false);
    expect(check({ ...body, timestamp: 'yesterday' })).toBe(false);
    const { startedAt: _dropped, ...data } = body.data;
    expect(check({ ...body, data })).toBe(false);
    expect(check({ type: body.type, timestamp: body.timestamp })).toBe(false);
  });
});
