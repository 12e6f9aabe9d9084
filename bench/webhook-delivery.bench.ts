/**
 * Webhook delivery throughput (DESIGN.md section 8 target: ≥ 1,000 deliveries/s to a local receiver).
 * Boots the notifications service in this process with its own queue, writes N pending deliveries
 * (spread over several endpoints of several agencies), enqueues them, and measures until every one
 * is recorded as succeeded: signing, the HTTP request, the attempt row and the state change each time.
 * Run: npm run bench:webhooks  (env BENCH_DELIVERIES, default 20000; BENCH_ENDPOINTS, default 10)
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { deleteTopics, ensureTopics } from '@exchange/messaging';
import { testKafkaSettings, uniqueName, waitFor } from '@exchange/messaging/testing';
import { createTestOrganisation, startServiceInProcess } from '@exchange/platform/testing';
import { AppModule } from '../services/notifications/src/app.module';
import { notificationsConfigSchema } from '../services/notifications/src/config';
import { DeliveryQueue } from '../services/notifications/src/delivery/delivery-queue';
import { generateWebhookSecret } from '../services/notifications/src/signing/webhook-signature';

const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/exchange_test';

async function main() {
  const total = Number(process.env.BENCH_DELIVERIES ?? 20_000);
  const endpointCount = Number(process.env.BENCH_ENDPOINTS ?? 10);
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.end('ok');
    });
  });
  receiver.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;

  const unusedTopic = uniqueName('bench.unused');
  const kafka = testKafkaSettings('bench-webhooks');
  await ensureTopics(kafka, [{ topic: unusedTopic, numPartitions: 1 }]);
  const service = await startServiceInProcess(
    { name: uniqueName('notifications-bench'), module: AppModule, schema: notificationsConfigSchema },
    {
      DATABASE_URL,
      DATABASE_POOL_SIZE: '40',
      NOTIFICATIONS_TOPICS: unusedTopic,
      WEBHOOK_QUEUE_NAME: uniqueName('bench-webhooks'),
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_WORKER_CONCURRENCY: process.env.BENCH_CONCURRENCY ?? '200',
      WEBHOOK_ENDPOINT_CONCURRENCY: '50',
      WEBHOOK_RATE_LIMIT_PER_SECOND: '100000',
      LOG_LEVEL: 'error',
    },
  );
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  try {
    process.stdout.write(`writing ${total} pending deliveries to ${endpointCount} endpoints… `);
    const endpointIds: string[] = [];
    for (let i = 0; i < endpointCount; i++) {
      const org = await createTestOrganisation({ query: (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows) } as never, {
        kind: 'partner_agency',
      });
      const { rows } = await db.query(
        `INSERT INTO notifications.webhook_endpoints (organisation_id, url, event_types, secret) VALUES ($1, $2, '{*}', $3) RETURNING id`,
        [org.id, `http://127.0.0.1:${port}/hook/${i}`, generateWebhookSecret()],
      );
      endpointIds.push(rows[0].id);
    }
    const deliveryIds: string[] = [];
    for (let written = 0; written < total; written += 1_000) {
      const n = Math.min(1_000, total - written);
      const eventIds = Array.from({ length: n }, () => randomUUID());
      await db.query(
        `INSERT INTO notifications.events (id, type, source, topic, time, data)
         SELECT unnest($1::uuid[]), 'pilot.started', '/bench', 'exchange.pilots.v1', now(),
                jsonb_build_object('pilotId', gen_random_uuid(), 'startedAt', now())`,
        [eventIds],
      );
      const { rows } = await db.query(
        `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
         SELECT ($2::uuid[])[1 + (ord::int % $3)], e, 'pilot.started', now(), now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(e, ord)
         RETURNING id`,
        [eventIds, endpointIds, endpointIds.length],
      );
      deliveryIds.push(...rows.map((r: { id: string }) => r.id));
    }
    console.log('done');

    const queue = service.app.get(DeliveryQueue, { strict: false });
    const started = process.hrtime.bigint();
    await queue.enqueue(deliveryIds);
    let last = 0;
    await waitFor(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS c FROM notifications.deliveries WHERE endpoint_id = ANY($1) AND state = 'succeeded'`,
          [endpointIds],
        );
        const done = rows[0].c as number;
        if (Math.floor(done / 5_000) !== Math.floor(last / 5_000)) console.log(`  delivered ${done}/${total}`);
        last = done;
        return done >= total;
      },
      { timeoutMs: 600_000, intervalMs: 100, what: 'every delivery succeeded' },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    console.log(
      `\nwebhook delivery: ${total} deliveries in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} deliveries/s ` +
        `(target ≥ 1000; receiver saw ${received} requests)`,
    );
    await db.query(`DELETE FROM notifications.webhook_endpoints WHERE id = ANY($1)`, [endpointIds]);
  } finally {
    await db.end();
    await service.close();
    receiver.close();
    await deleteTopics(kafka, [unusedTopic]).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
