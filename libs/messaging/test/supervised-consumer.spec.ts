import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createKafka, ensureTopics, idempotentProducerConfig, SupervisedConsumer } from '@exchange/messaging';
import { createEvent, envelopeHeaders } from '@exchange/contracts';
import { freePort, messagingTestBed, numberedEvent, testKafkaSettings, uniqueName, waitFor } from '@exchange/messaging/testing';

describe('SupervisedConsumer', () => {
  const bed = messagingTestBed();
  const { schema } = bed;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(async () => {
    await bed.tearDown();
  });

  it('does not block or fail while the broker is unreachable, and stops promptly', async () => {
    const consumer = new SupervisedConsumer({
      groupId: uniqueName('group'),
      schema,
      topics: ['nowhere'],
      handlers: {},
      dataSource,
      kafka: { clientId: 'test', brokers: [`127.0.0.1:${await freePort()}`] },
    });
    consumer.start();
    expect(consumer.isRunning).toBe(false);
    const started = Date.now();
    await consumer.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(consumer.isRunning).toBe(false);
  });

  it('consumes once the broker answers', async () => {
    const kafka = testKafkaSettings();
    const topic = uniqueName('test.supervised');
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    const handled: string[] = [];
    const consumer = new SupervisedConsumer({
      groupId: uniqueName('group'),
      schema,
      topics: [topic],
      handlers: { 'startup.updated': async (event) => void handled.push(event.id) },
      dataSource,
      kafka,
    });
    consumer.start();
    const producer = createKafka(kafka).producer(idempotentProducerConfig());
    await producer.connect();
    try {
      const key = randomUUID();
      const e = numberedEvent(key, 0);
      const envelope = createEvent({ type: e.type, data: e.data, source: '/test', id: e.id });
      await producer.send({ topic, messages: [{ key, value: JSON.stringify(envelope.data), headers: envelopeHeaders(envelope) }] });
      await waitFor(() => handled.length === 1, { what: 'the event handled' });
      expect(handled).toEqual([envelope.id]);
      expect(consumer.isRunning).toBe(true);
    } finally {
      await producer.disconnect();
      await consumer.stop();
    }
  });
});
