import type { KafkaMessage } from 'kafkajs';
import { createKafka, type KafkaSettings } from '../kafka-client';
import { uniqueName } from './names';

/** A message as collected, with the topic and partition it was read from. */
export interface CollectedRecord {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/**
 * Reads one topic or several from the beginning into arrays, for assertions on what was published:
 * `messages` in arrival order, and `records` with the topic and partition of each.
 */
export async function collectMessages(settings: KafkaSettings, topics: string | string[]) {
  const messages: KafkaMessage[] = [];
  const records: CollectedRecord[] = [];
  const consumer = createKafka(settings).consumer({ groupId: uniqueName('collector') });
  await consumer.connect();
  await consumer.subscribe({ topics: Array.isArray(topics) ? topics : [topics], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      messages.push(message);
      records.push({ topic, partition, message });
    },
  });
  return { messages, records, stop: () => consumer.disconnect() };
}
