import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { EventSchemas, EventTopic, isEventType, type EventData, type EventInput, type EventType } from './events';
import type { TopicName } from './topics';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary mode: the attributes travel as `ce_*` headers
 * and the event's data is the message value (JSON).
 */
export const CE_SPEC_VERSION = '1.0';
export const CONTENT_TYPE = 'application/json';

export interface EventEnvelope<T extends EventType = EventType> {
  id: string;
  type: T;
  source: string;
  subject: string | null;
  time: string;
  data: EventData<T>;
  /** W3C trace context, carried as the `traceparent` header. */
  traceparent?: string;
  /** The HTTP request that caused the event, for log correlation. */
  requestId?: string;
}

/** A union over every event type, so `switch (event.type)` narrows `event.data`. */
export type AnyEventEnvelope = { [T in EventType]: EventEnvelope<T> }[EventType];

export interface KafkaRecord {
  topic: TopicName;
  key: string;
  value: string;
  headers: Record<string, string>;
}

export class ContractViolation extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
  ) {
    super(issues.length ? `${message}: ${issues.join('; ')}` : message);
    this.name = 'ContractViolation';
  }
}

function formatIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/**
 * Validates data against its type's schema (by default the one consumers read with; producers pass
 * ProducedEventSchemas); throws ContractViolation naming each bad field.
 */
export function validateEventData<T extends EventType>(
  type: T,
  data: unknown,
  schemas: { readonly [K in EventType]: z.ZodType } = EventSchemas,
): EventData<T> {
  const result = schemas[type].safeParse(data);
  if (!result.success) throw new ContractViolation(`invalid ${type} data`, formatIssues(result.error));
  return result.data as EventData<T>;
}

export interface NewEvent<T extends EventType> {
  type: T;
  data: EventInput<T>;
  source: string;
  subject?: string | null;
  id?: string;
  time?: Date;
  traceparent?: string;
  requestId?: string;
}

/** Builds a validated envelope: publishing an event that breaks its schema fails here, at the producer. */
export function createEvent<T extends EventType>(event: NewEvent<T>): EventEnvelope<T> {
  return {
    id: event.id ?? randomUUID(),
    type: event.type,
    source: event.source,
    subject: event.subject ?? null,
    time: (event.time ?? new Date()).toISOString(),
    data: validateEventData(event.type, event.data),
    ...(event.traceparent ? { traceparent: event.traceparent } : {}),
    ...(event.requestId ? { requestId: event.requestId } : {}),
  };
}

export function topicOf(type: EventType): TopicName {
  return EventTopic[type];
}

/** Headers of the binary-mode envelope. */
export function envelopeHeaders(envelope: EventEnvelope): Record<string, string> {
  const headers: Record<string, string> = {
    ce_specversion: CE_SPEC_VERSION,
    ce_id: envelope.id,
    ce_type: envelope.type,
    ce_source: envelope.source,
    ce_time: envelope.time,
    'content-type': CONTENT_TYPE,
  };
  if (envelope.subject) headers.ce_subject = envelope.subject;
  if (envelope.traceparent) headers.traceparent = envelope.traceparent;
  if (envelope.requestId) headers['x-request-id'] = envelope.requestId;
  return headers;
}

type RawHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

function header(headers: RawHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Reads and validates a consumed message. Anything wrong (missing attribute, unknown type, bad JSON,
 * data breaking its schema) throws ContractViolation: the consumer sends such a message to its
 * dead-letter topic.
 */
export function decodeEvent(message: { headers?: RawHeaders; value: Buffer | string | null }): AnyEventEnvelope {
  const headers = message.headers ?? {};
  const missing = ['ce_specversion', 'ce_id', 'ce_type', 'ce_source', 'ce_time'].filter((h) => !header(headers, h));
  if (missing.length) throw new ContractViolation('missing CloudEvents headers', missing);
  if (header(headers, 'ce_specversion') !== CE_SPEC_VERSION) {
    throw new ContractViolation(`unsupported ce_specversion ${header(headers, 'ce_specversion')}`);
  }
  const type = header(headers, 'ce_type')!;
  if (!isEventType(type)) throw new ContractViolation(`unknown event type ${type}`);
  if (message.value === null) throw new ContractViolation(`${type} has no value`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(message.value.toString());
  } catch (error) {
    throw new ContractViolation(`${type} value is not JSON: ${(error as Error).message}`);
  }
  const envelope = {
    id: header(headers, 'ce_id')!,
    type,
    source: header(headers, 'ce_source')!,
    subject: header(headers, 'ce_subject') ?? null,
    time: header(headers, 'ce_time')!,
    data: validateEventData(type, parsed),
    traceparent: header(headers, 'traceparent'),
    requestId: header(headers, 'x-request-id'),
  };
  return envelope as AnyEventEnvelope;
}
