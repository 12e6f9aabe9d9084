import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { ContractViolation, decodeEvent, deadLetterTopic, type AnyEventEnvelope, type EventEnvelope, type EventType } from '@exchange/contracts';
import { backoffDelay, delay } from './backoff';
import { createKafka, idempotentProducerConfig, type KafkaSettings } from './kafka-client';
import { jsonLogger, type MessagingLogger } from './logger';
import { messagingMetrics } from './metrics';

/** One handler per event type, typed by the contracts: `event.data` is that type's payload. */
export type EventHandler<T extends EventType> = (event: EventEnvelope<T>, tx: EntityManager) => Promise<void>;
export type EventHandlers = { [T in EventType]?: EventHandler<T> };

export interface EventConsumerOptions {
  /** The consumer group and the inbox's consumer name; by convention the service name. */
  groupId: string;
  /** The schema whose `inbox` table records applied events. */
  schema: string;
  topics: string[];
  handlers: EventHandlers;
  dataSource: DataSource;
  kafka: KafkaSettings;
  /** Where poison and exhausted messages go; defaults to `exchange.dlq.<groupId>`. */
  deadLetterTopic?: string;
  /** Attempts per message before it is dead-lettered (a handler error is retried with backoff). */
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  fromBeginning?: boolean;
  /** How long the group waits for a silent member before rebalancing (Kafka's minimum is 6 s). */
  sessionTimeoutMs?: number;
  /** Partitions handled at once (default 1); order within each partition is kept either way. */
  partitionsConcurrently?: number;
  /** Called when kafkajs gives up on this consumer (a crash it will not restart from). */
  onFatal?: (error: Error) => void;
  logger?: MessagingLogger;
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered';

/** Offsets are committed at least this often within a batch (and always at its end). */
const COMMIT_EVERY = 100;

/**
 * The idempotent consumer. For each message, in partition order:
 *  1. decode and validate it; a message breaking its contract goes to the dead-letter topic at once;
 *  2. in ONE database transaction, insert the inbox row `(consumer, event id)` and apply the handler's
 *     effect; an event already in the inbox is skipped;
 *  3. only after that commit is the offset resolved and committed.
 * A handler that keeps failing is retried with backoff, then dead-lettered with the error in headers,
 * and the consumer goes on.
 */
export class EventConsumer {
  private readonly logger: MessagingLogger;
  private readonly maxAttempts: number;
  private readonly dlqTopic: string;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly stopping = new AbortController();

  constructor(private readonly options: EventConsumerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid inbox schema: ${options.schema}`);
    this.logger = options.logger ?? jsonLogger(`consumer:${options.groupId}`);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.dlqTopic = options.deadLetterTopic ?? deadLetterTopic(options.groupId);
  }

  async start(): Promise<void> {
    // Few client-level retries: a consumer that cannot reach the broker fails fast, and the
    // SupervisedConsumer that owns it starts a new one with its own backoff.
    const kafka = createKafka(this.options.kafka, { retry: { initialRetryTime: 200, retries: 3 } });
    const producer = kafka.producer(idempotentProducerConfig());
    this.producer = producer;
    await producer.connect();
    const consumer = kafka.consumer({
      groupId: this.options.groupId,
      // A handler's retries must fit well inside the session, or the group rebalances in a loop.
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      // How long a rebalance waits for members to rejoin. Our batches heartbeat (and so notice a
      // rebalance) every 100 messages, so a short bound is safe, and a member joining while another
      // leaves is not held for kafkajs's default minute.
      rebalanceTimeout: 15_000,
      heartbeatInterval: 3_000,
      allowAutoTopicCreation: false,
      // kafkajs schedules a restart after a crash, even one caused by our own disconnect: never
      // restart a consumer that is being stopped.
      retry: { initialRetryTime: 200, retries: 3, restartOnFailure: async () => !this.stopping.signal.aborted },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopping.signal.aborted) this.options.onFatal?.(payload.error);
    });
    // stop() may be called while this is still connecting: check after each step and close what
    // a step opened after stop() had already run.
    const stoppedMeanwhile = async () => {
      if (!this.stopping.signal.aborted) return false;
      await consumer.disconnect().catch(() => undefined);
      await producer.disconnect().catch(() => undefined);
      return true;
    };
    if (await stoppedMeanwhile()) return;
    await consumer.connect();
    if (await stoppedMeanwhile()) return;
    await consumer.subscribe({ topics: this.options.topics, fromBeginning: this.options.fromBeginning ?? true });
    if (await stoppedMeanwhile()) return;
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently ?? 1,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  /** Stops fetching, lets the batch in flight finish and commit, then disconnects. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.producer = null;
  }

  /** Resolves once the group has assigned partitions to this member. */
  onceJoined(): Promise<void> {
    return new Promise((resolve) => {
      const consumer = this.consumer;
      if (!consumer) throw new Error('consumer not started');
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) {
    // Offsets are committed only after the effects of the messages before them committed in the
    // database; a crash in between re-delivers those messages and the inbox skips them.
    const commit = async (offset: string) =>
      commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: (BigInt(offset) + 1n).toString() }] }],
      });
    let sinceCommit = 0;
    let last: string | null = null;
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      await this.handleMessage(batch.topic, batch.partition, message, heartbeat);
      resolveOffset(message.offset);
      last = message.offset;
      if (++sinceCommit >= COMMIT_EVERY) {
        await commit(last);
        await heartbeat();
        sinceCommit = 0;
      }
    }
    if (last !== null && sinceCommit > 0) await commit(last);
    const lag = Number(BigInt(batch.highWatermark) - BigInt(batch.lastOffset()) - 1n);
    messagingMetrics.consumerLag.set(
      { consumer: this.options.groupId, topic: batch.topic, partition: String(batch.partition) },
      Math.max(0, lag),
    );
  }

  private async handleMessage(topic: string, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>) {
    let event: AnyEventEnvelope;
    try {
      event = decodeEvent(message);
    } catch (error) {
      if (!(error instanceof ContractViolation)) throw error;
      await this.deadLetter(topic, partition, message, 'contract', error, 0);
      this.count('unknown', 'dead_lettered');
      return;
    }
    const handler = this.options.handlers[event.type] as EventHandler<EventType> | undefined;
    if (!handler) {
      this.count(event.type, 'ignored');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await this.apply(event, topic, handler);
        this.count(event.type, outcome);
        return;
      } catch (error) {
        if (attempt >= this.maxAttempts || this.stopping.signal.aborted) {
          if (this.stopping.signal.aborted && attempt < this.maxAttempts) throw error; // re-delivered after restart
          await this.deadLetter(topic, partition, message, 'exhausted', error as Error, attempt);
          this.count(event.type, 'dead_lettered');
          return;
        }
        const wait = backoffDelay(attempt, this.options.retryBaseMs ?? 200, this.options.retryMaxMs ?? 5_000);
        this.logger.warn('event handler failed; retrying', {
          type: event.type,
          eventId: event.id,
          attempt,
          retryInMs: wait,
          error: (error as Error).message,
        });
        await delay(wait, this.stopping.signal);
        await heartbeat();
      }
    }
  }

  private async apply(event: AnyEventEnvelope, topic: string, handler: EventHandler<EventType>): Promise<Outcome> {
    return this.options.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, topic) VALUES ($1, $2, $3) ` +
          'ON CONFLICT DO NOTHING RETURNING event_id',
        [this.options.groupId, event.id, topic],
      );
      if (inserted.length === 0) return 'duplicate';
      await handler(event as EventEnvelope<EventType>, tx);
      return 'applied';
    });
  }

  private async deadLetter(
    topic: string,
    partition: number,
    message: KafkaMessage,
    reason: 'contract' | 'exhausted',
    error: Error,
    attempts: number,
  ): Promise<void> {
    this.logger.error('message sent to the dead-letter topic', {
      reason,
      topic,
      partition,
      offset: message.offset,
      error: error.message,
    });
    const headers: Record<string, string | Buffer> = {};
    for (const [name, value] of Object.entries(message.headers ?? {})) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value[0] : value;
    }
    Object.assign(headers, {
      'dlq-reason': reason,
      'dlq-error': error.message.slice(0, 2_000),
      'dlq-consumer': this.options.groupId,
      'dlq-original-topic': topic,
      'dlq-original-partition': String(partition),
      'dlq-original-offset': message.offset,
      'dlq-attempts': String(attempts),
      'dlq-failed-at': new Date().toISOString(),
    });
    await this.producer!.send({
      topic: this.dlqTopic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers }],
    });
  }

  private count(type: string, outcome: Outcome) {
    messagingMetrics.consumed.inc({ consumer: this.options.groupId, type, outcome });
  }
}
