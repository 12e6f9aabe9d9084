import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { usePipelinedTransactions } from '@exchange/data';
import { EventConsumer, type EventConsumerOptions } from '../event-consumer';
import { createKafka, idempotentProducerConfig, type KafkaSettings } from '../kafka-client';
import { ensureTopics, type TopicSpec } from '../topics-admin';
import { uniqueName } from './names';
import { createScratchMessagingSchema, dropScratchSchema } from './scratch-schema';
import { TEST_DATABASE_URL, testKafkaSettings } from './test-env';

export interface MessagingTestBedOptions {
  /** Prefix of the spec's own topic on the shared broker (`test.outbox` → `test.outbox_<unique>`). */
  topic?: string;
  /** Partitions of that topic (default 1). */
  partitions?: number;
  /** Also create its dead-letter topic, `<topic>.dlq`, with one partition. */
  deadLetter?: boolean;
  /** Connections of the bed's DataSource (default 2). */
  poolSize?: number;
  /** Kafka client id (default that of testKafkaSettings). */
  clientId?: string;
  /** Also connect an idempotent producer, for specs that write to the topic themselves. */
  producer?: boolean;
}

/**
 * What a messaging spec runs on: a scratch schema of its own (outbox, inbox, effects), its own topic,
 * the Kafka settings of the shared broker and a DataSource. Names are fixed when the bed is made, so
 * a spec can use them while it declares its handlers; `setUp` and `tearDown` go in its beforeAll and
 * afterAll, tearDown after the spec has stopped the relays and consumers that use the schema.
 */
export class MessagingTestBed {
  readonly schema = uniqueName('msg');
  readonly databaseUrl = TEST_DATABASE_URL();
  readonly kafka: KafkaSettings;
  private readonly topicName: string | undefined;
  private source: DataSource | undefined;
  private kafkaProducer: Producer | undefined;
  private readonly consumers: EventConsumer[] = [];

  constructor(private readonly options: MessagingTestBedOptions = {}) {
    this.kafka = testKafkaSettings(options.clientId);
    this.topicName = options.topic === undefined ? undefined : uniqueName(options.topic);
  }

  /** The spec's topic; asking for it on a bed made without `topic` is a mistake in the spec. */
  get topic(): string {
    if (this.topicName === undefined) throw new Error('this messaging test bed was made without a topic');
    return this.topicName;
  }

  get dataSource(): DataSource {
    if (!this.source) throw new Error('the messaging test bed is not set up: call setUp() in beforeAll');
    return this.source;
  }

  get producer(): Producer {
    if (!this.kafkaProducer) throw new Error('the messaging test bed has no producer: make it with { producer: true } and call setUp()');
    return this.kafkaProducer;
  }

  /** Creates the schema and the topics, connects the producer and opens the DataSource, which it returns. */
  async setUp(): Promise<DataSource> {
    await createScratchMessagingSchema(this.databaseUrl, this.schema);
    if (this.topicName !== undefined) {
      const topics: TopicSpec[] = [{ topic: this.topicName, numPartitions: this.options.partitions ?? 1 }];
      if (this.options.deadLetter) topics.push({ topic: `${this.topicName}.dlq`, numPartitions: 1 });
      await ensureTopics(this.kafka, topics);
    }
    if (this.options.producer) {
      this.kafkaProducer = createKafka(this.kafka).producer(idempotentProducerConfig());
      await this.kafkaProducer.connect();
    }
    // As the services' DataSources are (createDataSource): pg's pipeline mode, pipelined transactions.
    this.source = await usePipelinedTransactions(
      new DataSource({ type: 'postgres', url: this.databaseUrl, poolSize: this.options.poolSize ?? 2, extra: { pipeline: true } }),
    ).initialize();
    return this.source;
  }

  /**
   * A consumer of the bed's topic, schema and DataSource, in a group of its own unless `options` name
   * one; not started. tearDown stops it.
   */
  consumer(options: Partial<EventConsumerOptions> & Pick<EventConsumerOptions, 'handlers'>): EventConsumer {
    const consumer = new EventConsumer({
      groupId: uniqueName('group'),
      schema: this.schema,
      topics: [this.topic],
      dataSource: this.dataSource,
      kafka: this.kafka,
      ...options,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /**
   * Stops the consumers it made, disconnects the producer, closes the DataSource and drops the schema.
   * The topics stay: their names are never used again.
   */
  async tearDown(): Promise<void> {
    for (const consumer of this.consumers.splice(0)) await consumer.stop();
    await this.kafkaProducer?.disconnect();
    this.kafkaProducer = undefined;
    await this.source?.destroy();
    this.source = undefined;
    await dropScratchSchema(this.databaseUrl, this.schema);
  }
}

export const messagingTestBed = (options?: MessagingTestBedOptions) => new MessagingTestBed(options);
