import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Global, Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { MessagingModule, OutboxWriter, type EventHandlers, type ServiceEventHandlers } from '@exchange/messaging';
import { messagingTestBed, numberedEvent, uniqueName, waitFor } from '@exchange/messaging/testing';
import { SERVICE_CONFIG, SERVICE_NAME } from '@exchange/platform';

// The Nest wiring every service uses: the relay and the consumer start with the application and
// stop with it, and handlers are ordinary providers.
describe('MessagingModule in a Nest application', () => {
  const bed = messagingTestBed({ topic: 'test.module', partitions: 2 });
  const { schema, topic, kafka } = bed;
  const serviceName = uniqueName('svc');
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
    dataSource = await bed.setUp();

    // Global, like the PlatformModule of a real service, so MessagingModule sees these tokens.
    @Global()
    @Module({
      imports: [MessagingModule.forService({ schema, consumer: TestHandlers })],
      providers: [
        { provide: SERVICE_NAME, useValue: serviceName },
        { provide: SERVICE_CONFIG, useValue: { DATABASE_URL: bed.databaseUrl, KAFKA_BROKERS: kafka.brokers } },
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
    await bed.tearDown();
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
