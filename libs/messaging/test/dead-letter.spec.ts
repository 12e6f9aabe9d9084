import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventConsumer } from '@exchange/messaging';
import { collectMessages, messagingTestBed, numberedMessage, uniqueName, waitFor } from '@exchange/messaging/testing';

describe('the dead-letter topic', () => {
  const bed = messagingTestBed({ topic: 'test.dlq-source', deadLetter: true, producer: true });
  const { schema, topic, kafka } = bed;
  const dlq = `${topic}.dlq`;
  let dataSource: DataSource;
  let consumer: EventConsumer;

  const goodMessage = numberedMessage;

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });

  afterAll(async () => {
    await consumer?.stop();
    await bed.tearDown();
  });

  it('takes poison messages at once and exhausted ones after their retries, and the consumer goes on', async () => {
    const key = randomUUID();
    const failingKey = randomUUID();
    const brokenSchema = goodMessage(key, 1);
    const data = JSON.parse(brokenSchema.value);
    data.startup.readinessLevel = 'high';
    brokenSchema.value = JSON.stringify(data);

    await bed.producer.send({
      topic,
      messages: [
        goodMessage(key, 0),
        brokenSchema, // fails its schema
        { key, value: 'not json {', headers: goodMessage(key, 2).headers }, // not JSON
        { key, value: '{}', headers: { 'content-type': 'application/json' } }, // no CloudEvents headers
        goodMessage(failingKey, 4), // the handler always fails on this one
        goodMessage(key, 5),
      ],
    });

    let attemptsOnFailing = 0;
    consumer = new EventConsumer({
      groupId: uniqueName('group'),
      schema,
      topics: [topic],
      deadLetterTopic: dlq,
      dataSource,
      kafka,
      maxAttempts: 3,
      retryBaseMs: 10,
      retryMaxMs: 50,
      handlers: {
        'startup.updated': async (event, tx) => {
          if (event.data.startup.id === failingKey) {
            attemptsOnFailing += 1;
            throw new Error('downstream rule broken');
          }
          await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, $3)`, [
            event.id,
            key,
            Number(event.data.changedFields[0]),
          ]);
        },
      },
    });
    await consumer.start();

    await waitFor(
      async () => (await dataSource.query(`SELECT n FROM "${schema}".effects ORDER BY id`)).length === 2,
      { what: 'the two good messages applied' },
    );
    const applied = (await dataSource.query(`SELECT n FROM "${schema}".effects ORDER BY id`)).map((r: { n: number }) => r.n);
    expect(applied).toEqual([0, 5]);
    expect(attemptsOnFailing).toBe(3);

    const collector = await collectMessages(kafka, dlq);
    try {
      await waitFor(() => collector.messages.length >= 4, { what: 'four dead letters' });
      const dead = collector.messages.map((m) => ({
        reason: m.headers!['dlq-reason']!.toString(),
        error: m.headers!['dlq-error']!.toString(),
        originalTopic: m.headers!['dlq-original-topic']!.toString(),
        attempts: m.headers!['dlq-attempts']!.toString(),
      }));
      expect(dead.map((d) => d.reason)).toEqual(['contract', 'contract', 'contract', 'exhausted']);
      expect(dead[0].error).toMatch(/startup\.readinessLevel/);
      expect(dead[1].error).toMatch(/not JSON/);
      expect(dead[2].error).toMatch(/missing CloudEvents headers.*ce_id/);
      expect(dead[3].error).toBe('downstream rule broken');
      expect(dead[3].attempts).toBe('3');
      expect(new Set(dead.map((d) => d.originalTopic))).toEqual(new Set([topic]));
      // The dead letter keeps the original value, so it can be inspected and replayed.
      expect(collector.messages[1].value!.toString()).toBe('not json {');
    } finally {
      await collector.stop();
    }
  });
});
