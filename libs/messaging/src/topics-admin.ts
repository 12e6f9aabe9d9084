import { deadLetterTopic, EVENT_TOPICS, LOCAL_PARTITIONS, ServiceNames } from '@exchange/contracts';
import { createKafka, type KafkaSettings } from './kafka-client';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
}

/** Every topic the system needs: the event topics and one dead-letter topic per service. */
export function systemTopics(partitions = LOCAL_PARTITIONS): TopicSpec[] {
  return [
    ...EVENT_TOPICS.map((topic) => ({ topic, numPartitions: partitions })),
    ...ServiceNames.map((service) => ({ topic: deadLetterTopic(service), numPartitions: 1 })),
  ];
}

/** Creates the topics that do not exist yet; returns the names it created. Safe to run again. */
export async function ensureTopics(settings: KafkaSettings, topics: TopicSpec[]): Promise<string[]> {
  const admin = createKafka(settings).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((t) => !existing.has(t.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions, replicationFactor: 1 })),
      });
    }
    return missing.map((t) => t.topic);
  } finally {
    await admin.disconnect();
  }
}

export async function deleteTopics(settings: KafkaSettings, topics: string[]): Promise<void> {
  const admin = createKafka(settings).admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
