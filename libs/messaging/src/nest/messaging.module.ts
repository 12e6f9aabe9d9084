import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  Optional,
  type Type,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { currentRequestId, SERVICE_CONFIG, SERVICE_NAME, type BaseConfig } from '@exchange/platform';
import type { EventHandlers } from '../event-consumer';
import { OutboxRelay } from '../outbox-relay';
import { OutboxWriter, type WrittenEventHandlers } from '../outbox-writer';
import { SupervisedConsumer } from '../supervised-consumer';
import { CONSUMED_TOPICS } from './consumed-topics';
import { platformLogger } from './pino-adapter';

/** What a service's consumer provides: the topics it reads and a handler per event type. */
export interface ServiceEventHandlers {
  readonly topics: string[];
  readonly handlers: EventHandlers;
}

export interface MessagingModuleOptions {
  /** The service schema holding its outbox and inbox. */
  schema: string;
  /** A provider class that exposes the service's handlers; omitted for services that consume nothing. */
  consumer?: Type<ServiceEventHandlers>;
  /** A provider class with what the service does with its own events as it writes them. */
  writtenEvents?: Type<WrittenEventHandlers>;
}

const OPTIONS = Symbol('MESSAGING_OPTIONS');
const HANDLERS = Symbol('MESSAGING_HANDLERS');
const WRITTEN_EVENTS = Symbol('MESSAGING_WRITTEN_EVENTS');

/**
 * Runs the service's outbox relay and consumer for the life of the Nest application: started once
 * the database is up, stopped before it closes (in-flight batches finish and commit first).
 */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay: OutboxRelay | null = null;
  private consumer: SupervisedConsumer | null = null;

  constructor(
    @Inject(OPTIONS) private readonly options: MessagingModuleOptions,
    @Inject(SERVICE_CONFIG) private readonly config: BaseConfig,
    @Inject(SERVICE_NAME) private readonly serviceName: string,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(HANDLERS) private readonly handlers: ServiceEventHandlers | null,
    @Optional() @Inject(CONSUMED_TOPICS) private readonly scratchTopics?: string[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const kafka = { brokers: this.config.KAFKA_BROKERS, clientId: this.serviceName };
    this.relay = new OutboxRelay({
      databaseUrl: this.config.DATABASE_URL,
      schema: this.options.schema,
      kafka,
      logger: platformLogger('outbox-relay'),
    });
    this.relay.start();
    const topics = this.scratchTopics ?? this.handlers?.topics ?? [];
    if (this.handlers && topics.length > 0) {
      // Started in the background: the service boots (and reports Kafka down) while the broker is away.
      this.consumer = new SupervisedConsumer({
        groupId: this.serviceName,
        schema: this.options.schema,
        topics,
        handlers: this.handlers.handlers,
        dataSource: this.dataSource,
        kafka,
        partitionsConcurrently: this.config.KAFKA_PARTITIONS_CONCURRENTLY,
        gatherMs: this.config.KAFKA_CONSUMER_GATHER_MS,
        logger: platformLogger('consumer'),
      });
      this.consumer.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    await this.relay?.stop();
  }
}

@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: OPTIONS, useValue: options },
        ...(options.consumer ? [options.consumer, { provide: HANDLERS, useExisting: options.consumer }] : [{ provide: HANDLERS, useValue: null }]),
        ...(options.writtenEvents
          ? [options.writtenEvents, { provide: WRITTEN_EVENTS, useExisting: options.writtenEvents }]
          : [{ provide: WRITTEN_EVENTS, useValue: null }]),
        {
          provide: OutboxWriter,
          inject: [SERVICE_NAME, SERVICE_CONFIG, WRITTEN_EVENTS],
          useFactory: (serviceName: string, config: Partial<BaseConfig>, written: WrittenEventHandlers | null) =>
            new OutboxWriter({
              schema: options.schema,
              source: `/services/${serviceName}`,
              context: () => ({ requestId: currentRequestId() }),
              maxEventBytes: config.OUTBOX_MAX_EVENT_BYTES,
              onWritten: written?.handlers,
            }),
        },
        MessagingLifecycle,
      ],
      exports: [OutboxWriter],
    };
  }
}
