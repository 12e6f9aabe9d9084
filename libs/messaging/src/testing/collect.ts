import type { KafkaMessage } from 'kafkajs';
import { createKafka, type KafkaSettings } from '../kafka-client';
import { uniqueName } from './names';

/** Reads a topic from the beginning into an array, for assertions on what was published. */
export async function collectMessages(settings: KafkaSettings, topic: string) {
  const messages: KafkaMessage[] = [];
  const consumer = createKafka(settings).consumer({ groupId: uniqueName('collector') });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      messages.push(message);
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}
