import { isDeepStrictEqual } from 'node:util';
import { Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import {
  asyncApiYaml,
  buildAsyncApiDocument,
  decodeEvent,
  DRAFT_07_SCHEMA_FORMAT,
  EVENT_CATALOGUE,
  EVENT_TYPES,
  EventTopic,
  eventKey,
  ProducedEventSchemas,
  type EventType,
} from '@exchange/contracts';

/** DiagnosticSeverity.Error of the parser (Spectral): 0. */
const ERROR = 0;

/** Draft-07 (the schemaFormat the document declares), formats checked; the parser's own `x-` marks allowed. */
function draft07Validator(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  ajv.addKeyword('x-parser-schema-id');
  return ajv;
}

/** The schema inside a multi-format schema object, as the parsed document gives it. */
function innerSchema(json: Record<string, unknown>): Record<string, unknown> {
  expect(json.schemaFormat).toBe(DRAFT_07_SCHEMA_FORMAT);
  return json.schema as Record<string, unknown>;
}

describe('the AsyncAPI document of the events', () => {
  let parsed: AsyncAPIDocumentInterface;
  const ajv = draft07Validator();
  const payloadValidators = new Map<string, ValidateFunction>();
  const headerValidators = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    const { document, diagnostics } = await new Parser().parse(asyncApiYaml());
    const errors = diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.path.join('.')}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(document).toBeDefined();
    parsed = document!;
    for (const message of parsed.messages().all()) {
      payloadValidators.set(message.id(), ajv.compile(innerSchema(message.payload()!.json())));
      headerValidators.set(message.id(), ajv.compile(innerSchema(message.headers()!.json())));
    }
  });

  it('is AsyncAPI 3.0.0 with one message per event type and one channel per topic', () => {
    expect(parsed.version()).toBe('3.0.0');
    expect(parsed.messages().all().map((m) => m.id()).sort()).toEqual([...EVENT_TYPES].sort());
    const addresses = parsed.channels().all().map((c) => c.address());
    expect(addresses.sort()).toEqual([...new Set(Object.values(EventTopic))].sort());
    for (const channel of parsed.channels().all()) {
      const carried = channel.messages().all().map((m) => m.id()).sort();
      expect([channel.address(), carried]).toEqual([channel.address(), EVENT_TYPES.filter((t) => EventTopic[t] === channel.address()).sort()]);
    }
    for (const operation of parsed.operations().all()) {
      expect(operation.action()).toBe('send');
      expect(operation.tags().all().map((t) => t.name())).toEqual([expect.stringMatching(/^service:[a-z]+$/)]);
    }
  });

  it('gives every event type a title, a summary, a Kafka key and an example', () => {
    for (const message of parsed.messages().all()) {
      const type = message.id() as EventType;
      expect([type, message.summary()]).toEqual([type, EVENT_CATALOGUE[type].summary]);
      expect(message.contentType()).toBe('application/json');
      const key = message.bindings().get('kafka')?.value() as { key: { type: string; description: string } };
      expect(key.key).toMatchObject({ type: 'string', description: expect.stringContaining('EventKey') });
      expect(message.examples().all()).toHaveLength(1);
    }
  });

  it('has examples that validate against their payload schema in the document and against their zod schema', () => {
    const problems: string[] = [];
    for (const message of parsed.messages().all()) {
      const type = message.id() as EventType;
      const [example] = message.examples().all();
      const validatePayload = payloadValidators.get(type)!;
      if (!validatePayload(example.payload())) problems.push(`${type} payload: ${ajv.errorsText(validatePayload.errors)}`);
      const validateHeaders = headerValidators.get(type)!;
      if (!validateHeaders(example.headers())) problems.push(`${type} headers: ${ajv.errorsText(validateHeaders.errors)}`);
      // Parsed with the producer's schema, the example is unchanged: no unknown field was stripped, no default filled in.
      const produced = ProducedEventSchemas[type].safeParse(example.payload());
      if (!produced.success) problems.push(`${type} zod: ${produced.error.message}`);
      else if (!isDeepStrictEqual(produced.data, example.payload())) problems.push(`${type}: the example has fields its schema does not`);
    }
    expect(problems).toEqual([]);
  });

  it('shows headers a consumer decodes, and the key the producer derives', () => {
    const document = buildAsyncApiDocument();
    for (const type of EVENT_TYPES) {
      const message = document.components.messages[type];
      const [example] = message.examples;
      const decoded = decodeEvent({ headers: example.headers, value: JSON.stringify(example.payload) });
      expect([type, decoded.type, decoded.data]).toEqual([type, type, example.payload]);
      const field = /`([^`]+)`/.exec(String(message.bindings.kafka.key.description))![1];
      const fieldValue = field.split('.').reduce<unknown>((value, name) => (value as Record<string, unknown>)[name], example.payload);
      expect([type, fieldValue]).toEqual([type, eventKey(type, example.payload as never)]);
    }
  });

  it('refuses a broken example (the validators are not blind)', () => {
    const example = structuredClone(EVENT_CATALOGUE['application.accepted'].example) as Record<string, unknown>;
    const validate = payloadValidators.get('application.accepted')!;
    expect(validate(example)).toBe(true);
    expect(validate({ ...example, startupId: 'not-a-uuid' })).toBe(false);
    const { fastTrack: _dropped, ...missingField } = example;
    expect(validate(missingField)).toBe(false);
    expect(validate({ ...example, score: '4.2' })).toBe(false);
    expect(headerValidators.get('application.accepted')!({ ce_type: 'application.accepted' })).toBe(false);
    expect(ProducedEventSchemas['application.accepted'].safeParse({ ...example, startupId: 'not-a-uuid' }).success).toBe(false);
  });

  it('is written the same way every time, marked as generated, without YAML aliases', () => {
    const yaml = asyncApiYaml();
    expect(yaml).toBe(asyncApiYaml());
    expect(yaml.split('\n')[0]).toMatch(/^# Generated by `npm run interfaces`.*Do not edit by hand/);
    expect(yaml).not.toMatch(/[*&]a\d+\b/);
    expect(parse(yaml)).toEqual(JSON.parse(JSON.stringify(buildAsyncApiDocument())));
  });
});
