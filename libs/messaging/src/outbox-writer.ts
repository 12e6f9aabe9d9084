import {
  createEvent,
  eventKey,
  ProducedEventSchemas,
  topicOf,
  validateEventData,
  type EventEnvelope,
  type EventInput,
  type EventType,
  type ProducedEventData,
  type ProducedEventInput,
} from '@exchange/contracts';
import { insertOutboxRows, outboxRowOf, type OutboxRow, type SqlExecutor } from '@exchange/data';
import { OutboxError, OutboxErrorCode } from './outbox.errors';
import { encodedRecordBytes, largestPath, recordFits } from './record-size';

export type { SqlExecutor } from '@exchange/data';

/**
 * One event to write, its payload bound to its type. `OutboxEvent` alone is any one of them (a list
 * may mix types). The Kafka key is not given: the contracts derive it from the payload (`eventKey`).
 */
export type OutboxEvent<T extends EventType = EventType> = {
  [K in T]: { type: K; data: ProducedEventInput<K>; subject?: string | null; id?: string };
}[T];

export interface OutboxWriterOptions {
  /** The owning service's schema: rows go to `<schema>.outbox`. */
  schema: string;
  /** CloudEvents `source`, e.g. `/services/applications`. */
  source: string;
  /** Request id and trace context of the work in progress (from the platform's request context). */
  context?: () => { requestId?: string; traceparent?: string };
  /** Where each type is published; defaults to the contracts' topic. Tests route to their own topics. */
  topicFor?: (type: EventType) => string;
  /**
   * Largest record (key + value + headers, as the relay sends it) this writer accepts; a bigger event
   * is refused with an OutboxError before anything is written. Services pass OUTBOX_MAX_EVENT_BYTES.
   */
  maxEventBytes?: number;
  /** What the service does with events it writes itself, in the writing transaction (see WrittenEventHandlers). */
  onWritten?: WrittenEventHandlers['handlers'];
}

/**
 * Effects a service keeps of its own events, applied in the transaction that writes them: the same
 * event, the same commit, and no consumer reading the service's own topic back (which cost a fetch,
 * a transaction and an offset commit per event).
 */
export interface WrittenEventHandlers {
  readonly handlers: { [T in EventType]?: (event: EventEnvelope<T>, tx: SqlExecutor) => Promise<void> };
}

/** 256 KiB: far below the broker's maximum message (about 1 MiB), so a batch of large events still fits. */
export const DEFAULT_MAX_EVENT_BYTES = 262_144;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * Writes events into the service's outbox inside the caller's transaction, so a state change and the
 * events it causes commit (or roll back) together. Events are validated against their schema here.
 */
export class OutboxWriter {
  readonly maxEventBytes: number;

  constructor(private readonly options: OutboxWriterOptions) {
    if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid outbox schema name: ${options.schema}`);
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    if (!Number.isSafeInteger(this.maxEventBytes) || this.maxEventBytes < 1) throw new Error(`invalid maxEventBytes: ${options.maxEventBytes}`);
  }

  async add<T extends EventType>(tx: SqlExecutor, event: OutboxEvent<T>): Promise<EventEnvelope<T>> {
    const [envelope] = await this.addAll(tx, [event as OutboxEvent]);
    return envelope as EventEnvelope<T>;
  }

  /** Appends several events with one statement; their order is kept. */
  async addAll(tx: SqlExecutor, events: readonly OutboxEvent[]): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const context = this.options.context?.() ?? {};
    const topicFor = this.options.topicFor ?? topicOf;
    const rows = events.map((event) => outboxRowOf(this.produce(event, context), topicFor(event.type), eventKey(event.type, event.data)));
    // Refused before the insert: the caller's transaction rolls back with the error, so the state
    // change that caused an event the broker could never take does not commit either.
    for (const row of rows) this.assertFits(row);
    await insertOutboxRows(tx, this.options.schema, rows);
    const onWritten = this.options.onWritten;
    if (onWritten) {
      for (const { envelope } of rows) await (onWritten[envelope.type] as ((event: EventEnvelope, tx: SqlExecutor) => Promise<void>) | undefined)?.(envelope, tx);
    }
    return rows.map((row) => row.envelope);
  }

  /** The envelope of one event, its payload checked against the schema its producer must write (not only one consumers still accept). */
  private produce<T extends EventType>(event: OutboxEvent<T>, context: { requestId?: string; traceparent?: string }): EventEnvelope<T> {
    const data = validateEventData(event.type, event.data, ProducedEventSchemas) as ProducedEventData<T>;
    return createEvent({
      type: event.type,
      // The produced schema is one branch of the schema consumers read with.
      data: data as EventInput<T>,
      source: this.options.source,
      subject: event.subject ?? null,
      id: event.id,
      requestId: context.requestId,
      traceparent: context.traceparent,
    });
  }

  private assertFits({ envelope, key, payload, headers }: OutboxRow): void {
    if (recordFits(key, payload, envelope.data, headers, this.maxEventBytes)) return;
    const bytes = encodedRecordBytes(key, payload, envelope.data, headers);
    const field = largestPath(envelope.data);
    throw new OutboxError(
      OutboxErrorCode.EventTooLarge,
      `The ${envelope.type} event this change would publish is ${bytes} bytes, over the limit of ${this.maxEventBytes} bytes` +
        (field ? `; most of it is ${field}. Shorten it and try again.` : '. Send less data and try again.'),
      { eventType: envelope.type, eventBytes: bytes, limitBytes: this.maxEventBytes, ...(field ? { field } : {}) },
    );
  }
}
