/**
 * Outbox relay throughput (DESIGN.md section 8 target: ≥ 5,000 events/s).
 * Fills a scratch outbox with N events, starts the relay, and measures until every row is published
 * to the real broker.  Run: npm run bench:relay  (env BENCH_EVENTS, default 50000)
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ensureTopics, OutboxRelay, OutboxWriter, deleteTopics } from '@exchange/messaging';
import {
  createScratchMessagingSchema,
  dropScratchSchema,
  numberedEvent,
  TEST_DATABASE_URL,
  testKafkaSettings,
  uniqueName,
  waitFor,
} from '@exchange/messaging/testing';

const DATABASE_URL = TEST_DATABASE_URL();

async function main() {
  const total = Number(process.env.BENCH_EVENTS ?? 50_000);
  const schema = uniqueName('bench');
  const topic = uniqueName('bench.relay');
  const kafka = testKafkaSettings('bench');
  await createScratchMessagingSchema(DATABASE_URL, schema);
  await ensureTopics(kafka, [{ topic, numPartitions: 6 }]);
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    const writer = new OutboxWriter({ schema, source: '/bench', topicFor: () => topic });
    const keys = Array.from({ length: 1_000 }, () => randomUUID());
    process.stdout.write(`filling the outbox with ${total} events… `);
    for (let written = 0; written < total; written += 1_000) {
      const batch = Array.from({ length: Math.min(1_000, total - written) }, (_, i) => numberedEvent(keys[i % keys.length], written + i));
      await writer.addAll(db, batch);
    }
    console.log('done');

    const relay = new OutboxRelay({ databaseUrl: DATABASE_URL, schema, kafka, batchSize: 1_000 });
    const started = process.hrtime.bigint();
    relay.start();
    let last = 0;
    await waitFor(
      async () => {
        const { rows } = await db.query(`SELECT count(*)::int AS c FROM "${schema}".outbox WHERE published_at IS NULL`);
        const left = rows[0].c as number;
        const done = total - left;
        if (Math.floor(done / 10_000) !== Math.floor(last / 10_000)) console.log(`  published ${done}/${total}`);
        last = done;
        return left === 0;
      },
      { timeoutMs: 300_000, intervalMs: 20, what: 'the outbox drained' },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await relay.stop();
    console.log(`\noutbox relay: ${total} events in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} events/s (target ≥ 5000)`);
  } finally {
    await db.end();
    await dropScratchSchema(DATABASE_URL, schema);
    await deleteTopics(kafka, [topic]).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
