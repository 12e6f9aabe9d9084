import { readFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { EVENT_TOPICS, WEBHOOK_TEST_EVENT_TYPE } from '@exchange/contracts';
import type { KafkaSettings } from '@exchange/messaging';
import { collectMessages, waitFor } from '@exchange/messaging/testing';
import type { PartnerReceiver } from '../src/receiver/partner-receiver';

/**
 * The two documents partners integrate against, held to what the running exchange really sends: the
 * AsyncAPI document (docs/asyncapi.yaml, as committed) for every Kafka message, and the `webhooks` of
 * the notifications service's OpenAPI document for every webhook request. Each check answers the list
 * of problems of one message (empty when it keeps its contract), so a test can show them all at once.
 */

/** A Kafka message as read from a topic (header values as the client gives them). */
export interface PublishedRecord {
  topic: string;
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers?: Record<string, Buffer | string | Array<Buffer | string> | undefined>;
}

/** A webhook request as the partner received it. */
export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: unknown;
}

const text = (value: Buffer | string | null | undefined): string | undefined => (value == null ? undefined : value.toString());

const problemsOf = (where: string, validate: ValidateFunction): string[] =>
  (validate.errors ?? []).map((e) => `${where}${e.instancePath} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);

interface MessageSchemas {
  address: string;
  headers: ValidateFunction;
  payload: ValidateFunction;
  key: ValidateFunction;
}

interface AsyncApiFile {
  channels: Record<string, { address: string; messages: Record<string, { $ref: string }> }>;
  components: {
    messages: Record<string, { headers: { schema: object }; payload: { schema: object }; bindings: { kafka: { key: object } } }>;
  };
}

/** Every message on the event topics against its message in the AsyncAPI document, found by `ce_type`. */
export class EventContract {
  private readonly messages = new Map<string, MessageSchemas>();

  constructor(document: AsyncApiFile) {
    // The document declares its payloads and headers as JSON Schema draft-07: Ajv's default dialect.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const channel of Object.values(document.channels)) {
      for (const { $ref } of Object.values(channel.messages)) {
        const name = $ref.split('/').pop()!;
        const message = document.components.messages[name];
        this.messages.set(name, {
          address: channel.address,
          headers: ajv.compile(message.headers.schema),
          payload: ajv.compile(message.payload.schema),
          key: ajv.compile(message.bindings.kafka.key),
        });
      }
    }
  }

  /** The committed document, as integrators read it (a test elsewhere fails when it is stale). */
  static fromRepository(): EventContract {
    return new EventContract(parse(readFileSync(join(__dirname, '../../docs/asyncapi.yaml'), 'utf8')) as AsyncApiFile);
  }

  /** What is wrong with one message: an unknown type, the wrong topic, or headers, key or payload off their schemas. */
  problems(record: PublishedRecord): string[] {
    const headers = Object.fromEntries(
      Object.entries(record.headers ?? {}).map(([name, value]) => [name, Array.isArray(value) ? value.map((v) => v.toString()) : text(value)]),
    );
    const type = String(headers.ce_type ?? '');
    const message = this.messages.get(type);
    if (!message) return [`${record.topic}: ce_type ${JSON.stringify(headers.ce_type)} is not a message of the document`];
    const problems: string[] = [];
    const where = `${type} on ${record.topic}`;
    if (message.address !== record.topic) problems.push(`${where}: the document puts it on ${message.address}`);
    if (!message.headers(headers)) problems.push(...problemsOf(`${where} headers`, message.headers));
    if (!message.key(text(record.key))) problems.push(...problemsOf(`${where} key`, message.key));
    let payload: unknown;
    try {
      payload = JSON.parse(text(record.value) ?? '');
    } catch {
      return [...problems, `${where}: the value is not JSON`];
    }
    if (!message.payload(payload)) problems.push(...problemsOf(`${where} payload`, message.payload));
    return problems;
  }
}

interface WebhookOperation {
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: object }>;
  requestBody?: { content?: Record<string, { schema?: object }> };
}

/** What the check needs of the notifications service's OpenAPI 3.1 document. */
export interface DocumentWithWebhooks {
  info?: { title?: string };
  webhooks?: Record<string, { post?: WebhookOperation }>;
}

/** Every webhook request against the `webhooks` entry of its type: the body's schema and the signature headers. */
export class WebhookContract {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly documentId = 'urn:openapi:notifications-webhooks';
  private readonly bodies = new Map<string, ValidateFunction>();
  private readonly headers = new Map<string, Array<{ name: string; required: boolean; validate: ValidateFunction }>>();

  constructor(private readonly document: DocumentWithWebhooks) {
    addFormats(this.ajv);
    this.ajv.addSchema({ ...document, $id: this.documentId });
  }

  /** The webhook types the document lists. */
  get types(): string[] {
    return Object.keys(this.document.webhooks ?? {});
  }

  /** What is wrong with one request: a type the document does not list, a header or the body off its schema. */
  problems(request: ReceivedWebhook): string[] {
    const type = (request.body as { type?: unknown } | null)?.type;
    const operation = typeof type === 'string' ? this.document.webhooks?.[type]?.post : undefined;
    if (typeof type !== 'string' || !operation) return [`webhook type ${JSON.stringify(type)} is not in the document's webhooks`];
    const problems: string[] = [];
    for (const header of this.headerRules(type, operation)) {
      const value = request.headers[header.name];
      if (value === undefined) {
        if (header.required) problems.push(`${type} header ${header.name} is missing`);
      } else if (!header.validate(value)) {
        problems.push(...problemsOf(`${type} header ${header.name}`, header.validate));
      }
    }
    const validate = this.bodyRule(type, operation);
    if (!validate) return [...problems, `${type}: the document declares no JSON body`];
    if (!validate(request.body)) problems.push(...problemsOf(`${type} body`, validate));
    return problems;
  }

  private bodyRule(type: string, operation: WebhookOperation): ValidateFunction | undefined {
    if (!operation.requestBody?.content?.['application/json']?.schema) return undefined;
    let validate = this.bodies.get(type);
    if (!validate) {
      const pointer = ['webhooks', type, 'post', 'requestBody', 'content', 'application/json', 'schema'].map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1'));
      validate = this.ajv.compile({ $ref: `${this.documentId}#/${pointer.join('/')}` });
      this.bodies.set(type, validate);
    }
    return validate;
  }

  private headerRules(type: string, operation: WebhookOperation) {
    let rules = this.headers.get(type);
    if (!rules) {
      rules = (operation.parameters ?? [])
        .filter((p) => p.in === 'header')
        .map((p) => ({ name: p.name.toLowerCase(), required: p.required === true, validate: this.ajv.compile(p.schema) }));
      this.headers.set(type, rules);
    }
    return rules;
  }
}

/**
 * Holds a whole run to both documents: every webhook the receiver verified against the notifications
 * service's served `webhooks`, and every message on the event topics of the system's broker against
 * docs/asyncapi.yaml. Reads the topics until each webhook's event (its `webhook-id` is the `ce_id`) is
 * among the messages, so no event of the run is left unread. Answers how many of each it checked.
 */
export async function checkPublishedContracts(kafka: KafkaSettings, notificationsUrl: string, receiver: PartnerReceiver): Promise<{ events: number; webhooks: number }> {
  const res = await fetch(`${notificationsUrl}/docs-json`);
  expect(res.status).toBe(200);
  const webhooks = new WebhookContract((await res.json()) as DocumentWithWebhooks);
  expect(receiver.deliveries.flatMap((delivery) => webhooks.problems(delivery))).toEqual([]);

  const eventIds = receiver.deliveries
    .filter((delivery) => (delivery.body as { type?: string }).type !== WEBHOOK_TEST_EVENT_TYPE)
    .map((delivery) => String(delivery.headers['webhook-id']));
  const collector = await collectMessages(kafka, [...EVENT_TOPICS]);
  try {
    const published = () => new Set(collector.records.map((r) => r.message.headers?.ce_id?.toString()));
    await waitFor(() => eventIds.every((id) => published().has(id)) || undefined, { what: 'every delivered event among the messages on the topics' });
    const events = EventContract.fromRepository();
    const records = collector.records.map(({ topic, message }) => ({ topic, key: message.key, value: message.value, headers: message.headers }));
    expect(records.flatMap((record) => events.problems(record))).toEqual([]);
    return { events: records.length, webhooks: receiver.deliveries.length };
  } finally {
    await collector.stop();
  }
}
