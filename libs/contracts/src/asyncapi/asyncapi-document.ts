import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { CE_SPEC_VERSION, CONTENT_TYPE, envelopeHeaders } from '../envelope';
import { EVENT_TYPES, EventTopic, eventKey, type EventType } from '../events';
import { Topics, type ServiceName, type TopicName } from '../topics';
import { EVENT_CATALOGUE } from './event-catalogue';
import { eventPayloadJsonSchema, type JsonSchema } from './payload-json-schema';

/** AsyncAPI names JSON Schema draft-07 payloads with this format (its own default is a superset of it). */
export const DRAFT_07_SCHEMA_FORMAT = 'application/schema+json;version=draft-07';
const KAFKA_BINDING_VERSION = '0.5.0';

export interface MultiFormatSchema {
  schemaFormat: typeof DRAFT_07_SCHEMA_FORMAT;
  schema: JsonSchema;
}

export interface AsyncApiMessageExample {
  name: string;
  summary: string;
  headers: Record<string, string>;
  payload: unknown;
}

export interface AsyncApiMessage {
  name: EventType;
  title: string;
  summary: string;
  contentType: typeof CONTENT_TYPE;
  headers: MultiFormatSchema;
  payload: MultiFormatSchema;
  bindings: { kafka: { key: JsonSchema; bindingVersion: string } };
  examples: AsyncApiMessageExample[];
}

export interface AsyncApiChannel {
  address: TopicName;
  title: string;
  description: string;
  messages: Record<string, { $ref: string }>;
}

export interface AsyncApiOperation {
  action: 'send';
  channel: { $ref: string };
  title: string;
  summary: string;
  tags: Array<{ name: string; description: string }>;
  messages: Array<{ $ref: string }>;
}

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: { title: string; version: string; description: string };
  defaultContentType: typeof CONTENT_TYPE;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: { messages: Record<string, AsyncApiMessage> };
}

const DESCRIPTION = [
  'The events of the Startup Exchange on Kafka. Each message is a CloudEvents 1.0 event in the Kafka',
  'protocol binding, binary mode: the attributes travel as `ce_*` headers, the event data is the JSON value.',
  '',
  'A topic version only grows: fields may be added, never removed or changed, so readers must ignore',
  'fields they do not know. Events with the same key are in one partition and keep their order.',
  'Delivery is at least once: consumers skip an event id (`ce_id`) they have already applied.',
  'A message that breaks its schema goes to the consumer\'s dead-letter topic `exchange.dlq.<service>`.',
].join('\n');

/** The topic of each producing service: every topic has exactly one producer, named like it. */
const PRODUCERS = Object.entries(Topics) as Array<[ServiceName, TopicName]>;

/** A stable example event id per type (the documents must not change between runs). */
function exampleEventId(type: EventType): string {
  const hex = createHash('sha256').update(`example ${type}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function titleOf(type: EventType): string {
  const words = type.replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const PRODUCER_OF_TOPIC = new Map(PRODUCERS.map(([service, topic]) => [topic, service]));

function producerOf(type: EventType): ServiceName {
  const producer = PRODUCER_OF_TOPIC.get(EventTopic[type]);
  if (!producer) throw new Error(`${EventTopic[type]} (the topic of ${type}) is not in Topics: add it there`);
  return producer;
}

/**
 * Which payload field the key rule (EventKey) takes: found by applying the rule to the example and
 * looking for the field holding its result, shallowest first (`startupId` before `startup.id`).
 */
export function keyFieldOf(type: EventType): string {
  const example = EVENT_CATALOGUE[type].example as Record<string, unknown>;
  const key = eventKey(type, example as never);
  const queue: Array<[string, unknown]> = Object.entries(example);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [path, value] = next;
    if (value === key) return path;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [name, inner] of Object.entries(value)) queue.push([`${path}.${name}`, inner]);
    }
  }
  throw new Error(`the key rule of ${type} returns no field of its catalogue example: fix the example`);
}

function keySchema(type: EventType): JsonSchema {
  return {
    type: 'string',
    format: 'uuid',
    description: `The \`${keyFieldOf(type)}\` of the payload (EventKey). One key, one partition: the events of one key keep their order.`,
  };
}

function headersSchema(type: EventType): MultiFormatSchema {
  return {
    schemaFormat: DRAFT_07_SCHEMA_FORMAT,
    schema: {
      type: 'object',
      required: ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time', 'content-type'],
      properties: {
        ce_specversion: { type: 'string', const: CE_SPEC_VERSION, description: 'CloudEvents version.' },
        ce_id: { type: 'string', format: 'uuid', description: 'The event id: the same on every redelivery, so consumers apply it once.' },
        ce_type: { type: 'string', const: type, description: 'The event type.' },
        ce_source: { type: 'string', const: `/services/${producerOf(type)}`, description: 'The producing service.' },
        ce_time: { type: 'string', format: 'date-time', description: 'When the event happened (ISO 8601, UTC).' },
        ce_subject: { type: 'string', description: 'What the event is about, when its producer names it.' },
        'content-type': { type: 'string', const: CONTENT_TYPE, description: 'Media type of the value.' },
        traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$', description: 'W3C trace context of the work that caused the event.' },
        'x-request-id': { type: 'string', description: 'The HTTP request that caused the event, for log correlation.' },
      },
    },
  };
}

function exampleOf(type: EventType): AsyncApiMessageExample {
  const { example } = EVENT_CATALOGUE[type];
  const headers = envelopeHeaders({
    id: exampleEventId(type),
    type,
    source: `/services/${producerOf(type)}`,
    subject: null,
    time: '2030-03-25T10:30:00.000Z',
    data: example as never,
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    requestId: 'b3c1f0e2-6a4d-4f8e-9b2c-7d5e1a3f9c60',
  });
  return { name: type.replace('.', '-'), summary: `A ${type} event`, headers, payload: structuredClone(example) };
}

function messageOf(type: EventType): AsyncApiMessage {
  return {
    name: type,
    title: titleOf(type),
    summary: EVENT_CATALOGUE[type].summary,
    contentType: CONTENT_TYPE,
    headers: headersSchema(type),
    payload: { schemaFormat: DRAFT_07_SCHEMA_FORMAT, schema: eventPayloadJsonSchema(type, 'draft-7') },
    bindings: { kafka: { key: keySchema(type), bindingVersion: KAFKA_BINDING_VERSION } },
    examples: [exampleOf(type)],
  };
}

function typesOn(topic: TopicName): EventType[] {
  return EVENT_TYPES.filter((type) => EventTopic[type] === topic);
}

/** The AsyncAPI 3.0.0 document of every topic and event type, generated from the contracts. */
export function buildAsyncApiDocument(): AsyncApiDocument {
  const channels: Record<string, AsyncApiChannel> = {};
  const operations: Record<string, AsyncApiOperation> = {};
  for (const [service, topic] of PRODUCERS) {
    const types = typesOn(topic);
    channels[service] = {
      address: topic,
      title: `${service} events`,
      description: `Every event the ${service} service publishes, through its transactional outbox. Each message's key is given by its type (see the message's Kafka binding).`,
      messages: Object.fromEntries(types.map((type) => [type, { $ref: `#/components/messages/${type}` }])),
    };
    const name = `send${service.charAt(0).toUpperCase()}${service.slice(1)}Events`;
    operations[name] = {
      action: 'send',
      channel: { $ref: `#/channels/${service}` },
      title: `The ${service} service publishes its events`,
      summary: `Sent by the ${service} service (CloudEvents source /services/${service}) when the change that causes the event commits.`,
      tags: [{ name: `service:${service}`, description: `Produced by the ${service} service.` }],
      messages: types.map((type) => ({ $ref: `#/channels/${service}/messages/${type}` })),
    };
  }
  return {
    asyncapi: '3.0.0',
    info: { title: 'Startup Exchange events', version: '1.0.0', description: DESCRIPTION },
    defaultContentType: CONTENT_TYPE,
    channels,
    operations,
    components: { messages: Object.fromEntries(EVENT_TYPES.map((type) => [type, messageOf(type)])) },
  };
}

const YAML_HEADER = '# Generated by `npm run interfaces` from libs/contracts. Do not edit by hand.\n';

/** docs/asyncapi.yaml: the document as YAML, the same bytes for the same contracts. */
export function asyncApiYaml(): string {
  // No anchors and aliases (shared objects are written out each time), no folding of long lines.
  return YAML_HEADER + stringify(buildAsyncApiDocument(), { aliasDuplicateObjects: false, lineWidth: 0 });
}
