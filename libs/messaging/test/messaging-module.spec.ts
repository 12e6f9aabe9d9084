import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Global, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ensureTopics, MessagingModule, OutboxWriter, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import {
  createScratchMessagingSchema,
  dropScratchSchema,
  numberedEvent,
  TEST_DATABASE_URL,
  testKafkaSettings,
  uniqueName,
  waitFor,
} from '@exchange/messaging/testing';
import { SERVICE_CONFIG, SERVICE_NAME } from '@exchange/platform';

// The Nest wiring every service uses: the relay and the consumer start with the application and
// stop with it, and handlers are ordinary providers.
describe('MessagingModule in a Nest application', () => {
  const schema = uniqueName('msg');
  const topic = uniqueName('test.module');
  const serviceName = uniqueName('svc');
  const kafka = testKafkaSettings();
  const seen: string[] = [];
  let app: INestApplicationContext;
  let dataSource: DataSource;

  @Injectable()
  class TestHandlers implements ServiceEventHandlers {
    readonly topics = [topic];
    readonly handlers: EventHandlers = {
      'startup.updated': async (event, tx) => {
        await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, $3)`, [
          event.id,
          event.data.startup.id,
          Number(event.data.changedFields[0]),
        ]);
        seen.push(event.id);
      },
    };
  }

  beforeAll(async () => {
    await createScratchMessagingSchema(TEST_DATABASE_URL(), schema);
    await ensureTopics(kafka, [{ topic, numPartitions: 2 }]);
    dataSource = await new DataSource({ type: 'postgres', url: TEST_DATABASE_URL(), poolSize: 2 }).initialize();

    // Global, like the PlatformModule of a real service, so MessagingModule sees these tokens.
    @Global()
    @Module({
      imports: [MessagingModule.forService({ schema, consumer: TestHandlers })],
      providers: [
        { provide: SERVICE_NAME, useValue: serviceName },
        { provide: SERVICE_CONFIG, useValue: { DATABASE_URL: TEST_DATABASE_URL(), KAFKA_BROKERS: kafka.brokers } },
        { provide: DataSource, useValue: dataSource },
      ],
      exports: [SERVICE_NAME, SERVICE_CONFIG, DataSource],
    })
    class TestAppModule {}
    app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await dataSource?.destroy();
    await dropScratchSchema(TEST_DATABASE_URL(), schema);
  });

  it('publishes what the service writes to its outbox and hands consumed events to its handlers', async () => {
    const serviceWriter = app.get(OutboxWriter);
    expect(serviceWriter).toBeInstanceOf(OutboxWriter);

    const writer = new OutboxWriter({ schema, source: `/services/${serviceName}`, topicFor: () => topic });
    const events = [numberedEvent(randomUUID(), 0), numberedEvent(randomUUID(), 1)];
    await dataSource.transaction((tx) => writer.addAll(tx, events));

    await waitFor(() => seen.length === 2, { what: 'both events handled' });
    expect(seen.sort()).toEqual(events.map((e) => e.id!).sort());
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM "${schema}".inbox WHERE consumer = $1`, [serviceName]);
    expect(count).toBe(2);
  });
});
