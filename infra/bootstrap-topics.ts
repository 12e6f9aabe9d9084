/** Creates the event topics and dead-letter topics of DESIGN.md section 3 that do not exist yet. */
import { ensureTopics, systemTopics } from '@exchange/messaging';

async function main() {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const topics = systemTopics();
  const created = await ensureTopics({ clientId: 'infra-bootstrap', brokers }, topics);
  for (const topic of topics) {
    console.log(`[topics] ${topic.topic} (${topic.numPartitions} partitions)${created.includes(topic.topic) ? ' created' : ' exists'}`);
  }
}

main().catch((error) => {
  console.error(`[topics] could not create topics: ${(error as Error).message}`);
  process.exit(1);
});
