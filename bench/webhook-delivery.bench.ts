/**
 * Webhook delivery throughput (DESIGN.md section 8 target: ≥ 1,000 deliveries/s to a local receiver).
 * Boots the notifications service in this process with its own queue; the receiver runs in a child
 * process (bench/webhook-receiver.fixture.ts) so it does not share this process's CPU. Writes pending
 * deliveries spread over several endpoints, enqueues them, and measures until every one is recorded
 * as succeeded: the database read, the endpoint slot, signing, the HTTP request, the attempt row and
 * the state change each time.
 *
 * Two phases after a short warm-up:
 *  1. throughput: N deliveries enqueued at once; deliveries/s until the last is recorded succeeded,
 *     and enqueue→received latency (dominated by the queue's own backlog here);
 *  2. steady rate: deliveries enqueued in small batches at a fixed rate below the target, and the
 *     enqueue→received latency p50/p99 a single delivery sees when the service keeps up.
 *
 * Run: npm run bench:webhooks   (env BENCH_DELIVERIES, default 10000; BENCH_ENDPOINTS, default 10;
 *   BENCH_CONCURRENCY, worker concurrency, default: the service's default; BENCH_RATE, default 500/s;
 *   BENCH_RATE_DELIVERIES, default 2500). Profile with:
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof -r @swc-node/register bench/webhook-delivery.bench.ts
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import Redis from 'ioredis';
import { CONSUMED_TOPICS, deleteTopics, ensureTopics } from '@exchange/messaging';
import { TEST_DATABASE_URL, testKafkaSettings, uniqueName, waitFor } from '@exchange/messaging/testing';
import { createTestOrganisation, startServiceInProcess, withProviders } from '@exchange/platform/testing';
import { AppModule } from '../services/notifications/src/app.module';
import { notificationsConfigSchema } from '../services/notifications/src/config';
import { DeliveryQueue, WEBHOOK_QUEUE } from '../services/notifications/src/webhook-sending/delivery-queue';
import { generateWebhookSecret } from '../services/notifications/src/signing/webhook-signature';

const DATABASE_URL = TEST_DATABASE_URL();

/**
 * Round trips of the service: every query of a pg client (but the bench's own), every Redis command
 * sent on its own and every pipeline (one write for all its commands). Deterministic, unlike the
 * timings on a shared machine: the figure to compare between versions.
 */
const roundTrips = { sql: 0, redis: 0 };
const benchClients = new WeakSet<object>();
const sqlTexts = new Map<string, number>();
{
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  Client.prototype.query = function (this: Client, ...args: unknown[]) {
    if (!benchClients.has(this)) {
      roundTrips.sql++;
      if (process.env.BENCH_TRACE_SQL) {
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text ?? '?';
        const key = text.replace(/\s+/g, ' ').slice(0, 90);
        sqlTexts.set(key, (sqlTexts.get(key) ?? 0) + 1);
      }
    }
    return query.apply(this, args);
  } as never;
  const proto = Redis.prototype as unknown as { sendCommand: (...args: unknown[]) => unknown; pipeline: (...args: unknown[]) => { exec: (...a: unknown[]) => unknown } };
  const sendCommand = proto.sendCommand;
  proto.sendCommand = function (this: unknown, ...args: unknown[]) {
    if (args[1] === undefined) roundTrips.redis++; // with a stream argument it is part of a pipeline
    return sendCommand.apply(this, args);
  };
  const pipeline = proto.pipeline;
  proto.pipeline = function (this: unknown, ...args: unknown[]) {
    const p = pipeline.apply(this, args);
    const exec = p.exec;
    p.exec = (...a: unknown[]) => {
      roundTrips.redis++;
      return exec.apply(p, a);
    };
    return p;
  };
}

interface Batch {
  /** delivery id → event id (the `webhook-id` the receiver sees). */
  deliveries: Map<string, string>;
  /** delivery id → endpoint id: enqueued together, as the fan-out does. */
  endpoints: Map<string, string>;
}

class Receiver {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {}

  static async start(): Promise<Receiver> {
    const child = fork(join(__dirname, 'webhook-receiver.fixture.ts'), [], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
    const [message] = (await once(child, 'message')) as [{ type: string; port: number }];
    return new Receiver(child, message.port);
  }

  private ask<T>(type: string): Promise<T> {
    return new Promise((resolve) => {
      const onMessage = (m: { type: string } & T) => {
        if (m.type !== type) return;
        this.child.off('message', onMessage);
        resolve(m);
      };
      this.child.on('message', onMessage);
      this.child.send({ type });
    });
  }

  async stats(): Promise<{ received: number; connections: number; arrivals: Map<string, number> }> {
    const m = await this.ask<{ received: number; connections: number; arrivals: Array<[string, number]> }>('stats');
    return { received: m.received, connections: m.connections, arrivals: new Map(m.arrivals) };
  }

  async reset(): Promise<void> {
    await this.ask('reset');
  }

  stop(): void {
    this.child.disconnect();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const total = Number(process.env.BENCH_DELIVERIES ?? 10_000);
  const endpointCount = Number(process.env.BENCH_ENDPOINTS ?? 10);
  const rate = Number(process.env.BENCH_RATE ?? 500);
  const rateTotal = Number(process.env.BENCH_RATE_DELIVERIES ?? 2_500);
  const receiver = await Receiver.start();

  const unusedTopic = uniqueName('bench.unused');
  const kafka = testKafkaSettings('bench-webhooks');
  await ensureTopics(kafka, [{ topic: unusedTopic, numPartitions: 1 }]);
  const service = await startServiceInProcess(
    {
      name: uniqueName('notifications-bench'),
      // A topic nobody writes and a queue of its own: the bench's deliveries are the only work.
      module: withProviders(AppModule, [
        { provide: CONSUMED_TOPICS, useValue: [unusedTopic] },
        { provide: WEBHOOK_QUEUE, useValue: uniqueName('bench-webhooks') },
      ]),
      schema: notificationsConfigSchema,
    },
    {
      DATABASE_URL,
      DATABASE_POOL_SIZE: '40',
      WEBHOOK_ALLOW_HTTP: 'true',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      ...(process.env.BENCH_CONCURRENCY ? { WEBHOOK_WORKER_CONCURRENCY: process.env.BENCH_CONCURRENCY } : {}),
      WEBHOOK_ENDPOINT_CONCURRENCY: '50',
      WEBHOOK_RATE_LIMIT_PER_SECOND: '100000',
      LOG_LEVEL: 'error',
    },
  );
  const db = new Client({ connectionString: DATABASE_URL });
  benchClients.add(db);
  await db.connect();
  const queue = service.app.get(DeliveryQueue, { strict: false });
  const endpointIds: string[] = [];

  /** Writes `n` pending deliveries (one event each) round-robin over the endpoints. */
  async function write(n: number): Promise<Batch> {
    const deliveries = new Map<string, string>();
    const endpoints = new Map<string, string>();
    for (let written = 0; written < n; written += 1_000) {
      const eventIds = Array.from({ length: Math.min(1_000, n - written) }, () => randomUUID());
      await db.query(
        `INSERT INTO notifications.events (id, type, source, topic, time, data)
         SELECT unnest($1::uuid[]), 'pilot.started', '/bench', 'exchange.pilots.v1', now(),
                jsonb_build_object('pilotId', gen_random_uuid(), 'startedAt', now())`,
        [eventIds],
      );
      const { rows } = await db.query(
        `INSERT INTO notifications.deliveries (endpoint_id, event_id, event_type, event_time, next_attempt_at)
         SELECT ($2::uuid[])[1 + (ord::int % $3)], e, 'pilot.started', now(), now() FROM unnest($1::uuid[]) WITH ORDINALITY AS t(e, ord)
         RETURNING id, event_id, endpoint_id`,
        [eventIds, endpointIds, endpointIds.length],
      );
      for (const r of rows as Array<{ id: string; event_id: string; endpoint_id: string }>) {
        deliveries.set(r.id, r.event_id);
        endpoints.set(r.id, r.endpoint_id);
      }
    }
    return { deliveries, endpoints };
  }

  function refs(batch: Batch, deliveryIds: readonly string[]) {
    return deliveryIds.map((deliveryId) => ({ deliveryId, endpointId: batch.endpoints.get(deliveryId)! }));
  }

  async function succeeded(): Promise<number> {
    const { rows } = await db.query(
      `SELECT count(*)::int AS c FROM notifications.deliveries WHERE endpoint_id = ANY($1) AND state = 'succeeded'`,
      [endpointIds],
    );
    return rows[0].c as number;
  }

  /** enqueue→received latency of every delivery of the batch, sorted (ms). */
  async function latencies(batch: Batch, enqueuedAt: Map<string, number>) {
    const { received, connections, arrivals } = await receiver.stats();
    const sorted: number[] = [];
    let lastArrival = 0;
    for (const [deliveryId, eventId] of batch.deliveries) {
      const at = arrivals.get(eventId);
      if (at === undefined) continue;
      sorted.push(at - enqueuedAt.get(deliveryId)!);
      lastArrival = Math.max(lastArrival, at);
    }
    return { sorted: sorted.sort((a, b) => a - b), received, connections, lastArrival };
  }

  try {
    for (let i = 0; i < endpointCount; i++) {
      const org = await createTestOrganisation({ query: (sql: string, params?: unknown[]) => db.query(sql, params).then((r) => r.rows) } as never, {
        kind: 'partner_agency',
      });
      const { rows } = await db.query(
        `INSERT INTO notifications.webhook_endpoints (organisation_id, url, event_types, secret) VALUES ($1, $2, '{*}', $3) RETURNING id`,
        [org.id, `http://127.0.0.1:${receiver.port}/hook/${i}`, generateWebhookSecret()],
      );
      endpointIds.push(rows[0].id);
    }

    // Warm-up: connections, JIT, prepared plans.
    const warm = await write(500);
    await queue.enqueue(refs(warm, [...warm.deliveries.keys()]));
    await waitFor(async () => (await succeeded()) >= 500, { timeoutMs: 120_000, intervalMs: 100, what: 'warm-up' });
    await receiver.reset();

    // 1. Throughput.
    process.stdout.write(`writing ${total} pending deliveries to ${endpointCount} endpoints… `);
    const batch = await write(total);
    console.log('done');
    const ids = [...batch.deliveries.keys()];
    const enqueuedAt = new Map<string, number>();
    const started = process.hrtime.bigint();
    const startedMs = Date.now();
    const cpuBefore = process.cpuUsage();
    const tripsBefore = { ...roundTrips };
    for (let i = 0; i < ids.length; i += 1_000) {
      const slice = ids.slice(i, i + 1_000);
      const at = Date.now();
      for (const id of slice) enqueuedAt.set(id, at);
      await queue.enqueue(refs(batch, slice));
    }
    let last = 0;
    await waitFor(
      async () => {
        const done = (await succeeded()) - 500;
        if (Math.floor(done / 2_500) !== Math.floor(last / 2_500)) console.log(`  delivered ${done}/${total}`);
        last = done;
        return done >= total;
      },
      { timeoutMs: 600_000, intervalMs: 50, what: 'every delivery succeeded' },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuBefore);
    const perDelivery = (n: number) => (n / total).toFixed(2);
    const t = await latencies(batch, enqueuedAt);
    console.log(
      `\nthroughput: ${total} deliveries in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} deliveries/s recorded succeeded ` +
        `(${Math.round(t.sorted.length / ((t.lastArrival - startedMs) / 1_000))}/s received; target ≥ 1000)` +
        `\n  enqueue→received (all enqueued at once): p50 ${percentile(t.sorted, 50)} ms, p99 ${percentile(t.sorted, 99)} ms; ` +
        `receiver saw ${t.received} requests for ${t.sorted.length} messages on ${t.connections} new connections` +
        `\n  per delivery: ${perDelivery(roundTrips.sql - tripsBefore.sql)} SQL round trips, ${perDelivery(roundTrips.redis - tripsBefore.redis)} Redis round trips ` +
        `(queue included), ${((cpu.user + cpu.system) / 1_000 / total).toFixed(3)} ms CPU of the service process`,
    );

    if (process.env.BENCH_TRACE_SQL) for (const [text, n] of [...sqlTexts].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${n}\t${text}`);

    // 2. Latency at a steady rate.
    await receiver.reset();
    const paced = await write(rateTotal);
    const pacedIds = [...paced.deliveries.keys()];
    const pacedAt = new Map<string, number>();
    const tickMs = 20;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1_000));
    const pacedStart = Date.now();
    for (let i = 0, tick = 0; i < pacedIds.length; i += perTick, tick++) {
      const due = pacedStart + tick * tickMs;
      if (due > Date.now()) await sleep(due - Date.now());
      const slice = pacedIds.slice(i, i + perTick);
      const at = Date.now();
      for (const id of slice) pacedAt.set(id, at);
      await queue.enqueue(refs(paced, slice));
    }
    await waitFor(async () => (await succeeded()) - 500 - total >= rateTotal, { timeoutMs: 600_000, intervalMs: 50, what: 'paced deliveries' });
    const p = await latencies(paced, pacedAt);
    console.log(
      `steady ${rate}/s (${rateTotal} deliveries): enqueue→received p50 ${percentile(p.sorted, 50)} ms, p99 ${percentile(p.sorted, 99)} ms, ` +
        `max ${p.sorted[p.sorted.length - 1]} ms`,
    );
  } finally {
    if (endpointIds.length > 0) await db.query(`DELETE FROM notifications.webhook_endpoints WHERE id = ANY($1)`, [endpointIds]).catch(() => undefined);
    await db.end();
    await service.close();
    receiver.stop();
    await deleteTopics(kafka, [unusedTopic]).catch(() => undefined);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
