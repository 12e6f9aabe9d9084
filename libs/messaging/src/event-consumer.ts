import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { ContractViolation, decodeEvent, deadLetterTopic, type AnyEventEnvelope, type EventEnvelope, type EventType } from '@exchange/contracts';
import { allowAsynchronousCommit, flushCommits, preparedQuery } from '@exchange/data';
import { backoffDelay, delay } from './backoff';
import { checkKafka, createKafka, idempotentProducerConfig, type KafkaSettings } from './kafka-client';
import { jsonLogger, type MessagingLogger } from './logger';
import { messagingMetrics } from './metrics';
import { OffsetCommitter } from './offset-committer';

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
  /**
   * How long a fetch that brought events is held before the next one (default 0: none), counted from
   * when its first batch began: the events published meanwhile come in one fuller fetch. A consumer
   * off the partners' latency path trades this much delay for fewer fetches and transactions per
   * event. An idle consumer waits on the broker as before, so an idle topic costs nothing.
   */
  gatherMs?: number;
  /** Events applied together in one database transaction at most (default 100). */
  chunkSize?: number;
  /** How often consumed offsets are committed (default 1 s); a crash re-delivers at most that much. */
  commitIntervalMs?: number;
  /** Called when kafkajs gives up on this consumer (a crash it will not restart from). */
  onFatal?: (error: Error) => void;
  logger?: MessagingLogger;
}

/** Which event's handler failed a transaction of several events, and why. */
class HandlerFailure extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super((cause as Error)?.message ?? String(cause));
  }
}

type Outcome = 'applied' | 'duplicate' | 'ignored' | 'dead_lettered';

/** Events applied in one database transaction at most (a fetch may bring hundreds). */
const DEFAULT_CHUNK_SIZE = 100;
/** How often consumed offsets are committed (sooner after COMMIT_AFTER_MESSAGES messages). */
const DEFAULT_COMMIT_INTERVAL_MS = 1_000;
const COMMIT_AFTER_MESSAGES = 500;
/** How long stop() waits for the consumer to leave the group and disconnect. */
const STOP_WAIT_MS = 5_000;

/**
 * The idempotent consumer. For the messages of a fetched batch, in partition order:
 *  1. decode and validate each; a message breaking its contract goes to the dead-letter topic at once;
 *  2. in ONE database transaction, insert the inbox rows `(consumer, event id)` and apply the handlers'
 *     effects; an event already in the inbox is skipped. It commits without waiting for the log flush
 *     unless it writes events (commit-durability.ts in libs/data);
 *  3. only after that commit are the offsets resolved; they are committed to Kafka on a timer
 *     (OffsetCommitter), never ahead of the database: each offset commit follows a log flush.
 * If the batch's transaction fails, its events are applied one by one: a handler that keeps failing is
 * retried with backoff, then dead-lettered with the error in headers, and the consumer goes on.
 */
export class EventConsumer {
  private readonly logger: MessagingLogger;
  private readonly maxAttempts: number;
  private readonly dlqTopic: string;
  private readonly chunkSize: number;
  private readonly offsets: OffsetCommitter;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly stopping = new AbortController();
  /** When the batches of the current fetch stop holding it (gatherMs); null until its first batch. */
  private gatherUntil: number | null = null;

  constructor(private readonly options: EventConsumerOptions) {
    if (!/^[a-z_][a-z0-9_]*$/.test(options.schema)) throw new Error(`invalid inbox schema: ${options.schema}`);
    this.logger = options.logger ?? jsonLogger(`consumer:${options.groupId}`);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.dlqTopic = options.deadLetterTopic ?? deadLetterTopic(options.groupId);
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    this.offsets = new OffsetCommitter({
      commit: (offsets) => this.consumer!.commitOffsets(offsets),
      // The handlers' transactions commit asynchronously: flushed before Kafka forgets their messages.
      beforeCommit: () => flushCommits(options.dataSource.manager),
      intervalMs: options.commitIntervalMs ?? DEFAULT_COMMIT_INTERVAL_MS,
      maxMessages: COMMIT_AFTER_MESSAGES,
      onError: (error) => this.logger.warn('offset commit failed; the next one carries these offsets', { error: error.message }),
    });
  }

  async start(): Promise<void> {
    // A consumer that cannot reach the broker at start fails fast, and the SupervisedConsumer that
    // owns it starts a new one with its own backoff.
    await checkKafka(this.options.kafka);
    // Once it runs, a lost broker is retried for about half a minute, a try a second at most, within
    // the same group membership: the restarted broker reloads that membership, so the member rejoins
    // at once. A new member would wait out the old one's rebalance timeout (measured: 15 s after the
    // broker was SIGKILLed and restarted).
    const kafka = createKafka(this.options.kafka, { retry: { initialRetryTime: 200, maxRetryTime: 1_000, retries: 30 } });
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
      // An idle fetch parks on the broker this long (kafkajs's default is 5 s), and a stop waits for it:
      // well inside STOP_WAIT_MS, or the stop gives up first and leaves the consumer connected.
      maxWaitTimeInMs: 1_000,
      // kafkajs schedules a restart after a crash, even one caused by our own disconnect: never
      // restart a consumer that is being stopped.
      retry: { initialRetryTime: 200, maxRetryTime: 1_000, retries: 30, restartOnFailure: async () => !this.stopping.signal.aborted },
    });
    this.consumer = consumer;
    // After a rebalance, uncommitted progress on partitions that moved is the new owner's to redo.
    consumer.on(consumer.events.GROUP_JOIN, () => this.offsets.forget());
    // The batches of one fetch share one gathering deadline (gather()); each fetch starts a new one.
    consumer.on(consumer.events.FETCH_START, () => {
      this.gatherUntil = null;
    });
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
    this.offsets.start();
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
    this.offsets.stop();
    // What was handled is committed before the group hears this member leave (best effort: the inbox
    // skips whatever is re-delivered).
    if (this.consumer) await this.offsets.flush();
    // With the broker away, leaving the group would retry for half a minute: a stopping service does
    // not wait that long (the group drops the member after its session timeout).
    const giveUp = new AbortController();
    await Promise.race([
      (async () => {
        await this.consumer?.disconnect().catch(() => undefined);
        await this.producer?.disconnect().catch(() => undefined);
      })(),
      delay(STOP_WAIT_MS, giveUp.signal),
    ]);
    giveUp.abort();
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

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) {
    const began = Date.now();
    // Offsets move only after the effects of the messages before them committed in the database; a
    // crash in between re-delivers those messages and the inbox skips them.
    const messages = batch.messages;
    for (let from = 0; from < messages.length; from += this.chunkSize) {
      if (!isRunning() || isStale()) break;
      const chunk = messages.slice(from, from + this.chunkSize);
      await this.handleChunk(batch.topic, batch.partition, chunk, heartbeat);
      const last = chunk[chunk.length - 1]!.offset;
      resolveOffset(last);
      this.offsets.handled(batch.topic, batch.partition, last, chunk.length);
      await this.offsets.commitIfDue();
      await heartbeat();
    }
    // A stopping consumer commits what it did before it leaves the group.
    if (!isRunning()) await this.offsets.flush();
    const lag = Number(BigInt(batch.highWatermark) - BigInt(batch.lastOffset()) - 1n);
    messagingMetrics.consumerLag.set(
      { consumer: this.options.groupId, topic: batch.topic, partition: String(batch.partition) },
      Math.max(0, lag),
    );
    if (isRunning() && !isStale()) await this.gather(began);
  }

  /**
   * Holds the fetch whose batch began at `began` until gatherMs after its first batch began (kafkajs
   * fetches again once every batch of a fetch has returned), so events gather on the broker meanwhile.
   */
  private async gather(began: number): Promise<void> {
    const gatherMs = this.options.gatherMs ?? 0;
    if (gatherMs <= 0) return;
    this.gatherUntil ??= began + gatherMs;
    const left = this.gatherUntil - Date.now();
    if (left > 0) await delay(left, this.stopping.signal);
  }

  /**
   * Messages of one partition, in order. Those the service handles are applied together in ONE
   * transaction (their inbox rows in one statement): a busy consumer pays one BEGIN/COMMIT per fetch,
   * not per event. Should that transaction fail, nothing of it took effect and the same messages are
   * applied one by one, each with its retries and its dead letter, so one bad event never holds back
   * or fails the others. Types the service does not handle cost no transaction; a message breaking
   * its contract goes to the dead-letter topic at once.
   */
  private async handleChunk(topic: string, partition: number, chunk: KafkaMessage[], heartbeat: () => Promise<void>) {
    const handled: Array<{ message: KafkaMessage; event: AnyEventEnvelope; handler: EventHandler<EventType> }> = [];
    for (const message of chunk) {
      let event: AnyEventEnvelope;
      try {
        event = decodeEvent(message);
      } catch (error) {
        if (!(error instanceof ContractViolation)) throw error;
        await this.deadLetter(topic, partition, message, 'contract', error, 0);
        this.count('unknown', 'dead_lettered');
        continue;
      }
      const handler = this.options.handlers[event.type] as EventHandler<EventType> | undefined;
      if (handler) handled.push({ message, event, handler });
      else this.count(event.type, 'ignored');
    }
    let failed: HandlerFailure | null = null;
    if (handled.length > 1) {
      try {
        const outcomes = await this.applyTogether(topic, handled);
        handled.forEach(({ event }, i) => this.count(event.type, outcomes[i]!));
        return;
      } catch (error) {
        if (error instanceof HandlerFailure) failed = error;
        this.logger.warn('a batch of events failed together; applying them one by one', {
          topic,
          partition,
          events: handled.length,
          error: (error as Error).message,
        });
      }
    }
    for (const [i, { message, event, handler }] of handled.entries()) {
      // The event whose handler failed the batch has had its first attempt.
      const firstFailure = failed?.index === i ? failed.cause : undefined;
      await this.applyWithRetries(topic, partition, message, event, handler, heartbeat, firstFailure);
    }
  }

  private async applyWithRetries(
    topic: string,
    partition: number,
    message: KafkaMessage,
    event: AnyEventEnvelope,
    handler: EventHandler<EventType>,
    heartbeat: () => Promise<void>,
    firstFailure?: unknown,
  ) {
    for (let attempt = 1; ; attempt++) {
      try {
        if (attempt === 1 && firstFailure !== undefined) throw firstFailure;
        const [outcome] = await this.applyTogether(topic, [{ event, handler }]);
        this.count(event.type, outcome!);
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

  /**
   * In one transaction: the inbox rows of these events (one statement), then each new event's
   * handler in order. An event already in the inbox, or twice in the list, is applied once.
   */
  private async applyTogether(
    topic: string,
    items: Array<{ event: AnyEventEnvelope; handler: EventHandler<EventType> }>,
  ): Promise<Outcome[]> {
    return this.options.dataSource.transaction(async (tx) => {
      // Lost in a crash of the database server, these events are re-delivered (their offsets move
      // only after a flush) and applied again; a transaction that writes events stays synchronous.
      allowAsynchronousCommit(tx);
      const ids = items.map(({ event }) => event.id);
      const { rows: inserted } = await preparedQuery<{ event_id: string }>(
        tx,
        `INSERT INTO "${this.options.schema}".inbox (consumer, event_id, topic) ` +
          'SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id ON CONFLICT DO NOTHING RETURNING event_id',
        [this.options.groupId, ids, topic],
      );
      const fresh = new Set(inserted.map((row) => row.event_id));
      const outcomes: Outcome[] = [];
      for (const [index, { event, handler }] of items.entries()) {
        if (!fresh.delete(event.id.toLowerCase())) {
          outcomes.push('duplicate');
          continue;
        }
        try {
          await handler(event as EventEnvelope<EventType>, tx);
        } catch (error) {
          throw items.length > 1 ? new HandlerFailure(index, error) : error;
        }
        outcomes.push('applied');
      }
      return outcomes;
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
