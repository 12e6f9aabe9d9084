import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createKafka, deleteTopics, ensureTopics } from '@exchange/messaging';
import { testKafkaSettings, uniqueName, waitFor } from '@exchange/messaging/testing';
import { bearer, createTestOrganisation, getFreePort, issueTestApiKey, waitUntilLive } from '@exchange/platform/testing';
import { applicationSubmitted, programme, publishTo, TEST_DB_URL, testEnv } from './support/harness';
import { Receiver } from './support/receiver';

const ROOT = resolve(__dirname, '../../..');

/**
 * The service is SIGKILLed in the middle of a burst of 500 events and started again: every event
 * reaches every subscribed endpoint. Duplicates are allowed, always with the event's webhook-id.
 */
describe('notifications service killed during a burst', () => {
  const name = uniqueName('notifications');
  const topic = uniqueName('test.notifications.burst');
  const queue = uniqueName('test-webhooks-burst');
  const kafka = testKafkaSettings(name);
  const receiver = new Receiver();
  let db: DataSource;
  let producer: Producer;
  let child: ChildProcess | null = null;
  let port: number;

  function startService(): ChildProcess {
    const proc = spawn(process.execPath, ['-r', '@swc-node/register', 'services/notifications/test/fixtures/notifications-process.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...testEnv({ WEBHOOK_TIMEOUT_MS: '2000', WEBHOOK_SWEEP_GRACE_MS: '5000', WEBHOOK_SWEEP_INTERVAL_MS: '500' }),
        TEST_SERVICE_NAME: name,
        TEST_TOPIC: topic,
        TEST_QUEUE: queue,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    return proc;
  }

  beforeAll(async () => {
    await receiver.start();
    await ensureTopics(kafka, [{ topic, numPartitions: 6 }]);
    db = await new DataSource({ type: 'postgres', url: TEST_DB_URL(), poolSize: 2 }).initialize();
    producer = createKafka(kafka).producer();
    await producer.connect();
    port = await getFreePort();
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await producer?.disconnect();
    await db?.destroy();
    await receiver.stop();
    await deleteTopics(kafka, [topic]).catch(() => undefined);
  });

  it('delivers every event to every subscribed endpoint after a SIGKILL and a restart', async () => {
    receiver.on('/organiser', (_req, res) => setTimeout(() => res.end('ok'), Math.random() * 5));
    receiver.on('/partner', (_req, res) => setTimeout(() => res.end('ok'), Math.random() * 5));
    child = startService();
    const base = `http://127.0.0.1:${port}`;
    await waitUntilLive(base);

    const organiser = await createTestOrganisation(db, { kind: 'partner_agency' });
    const partner = await createTestOrganisation(db, { kind: 'partner_agency' });
    for (const [org, path] of [[organiser.id, '/organiser'], [partner.id, '/partner']] as const) {
      const key = await issueTestApiKey(db, { role: 'partner_agency', organisationId: org });
      const res = await fetch(`${base}/v1/webhook-endpoints`, {
        method: 'POST',
        headers: { ...bearer(key), 'content-type': 'application/json' },
        body: JSON.stringify({ url: receiver.url(path), eventTypes: ['application.*'] }),
      });
      expect(res.status).toBe(201);
    }

    const p = programme(organiser.id, [partner.id]);
    const events = Array.from({ length: 500 }, () => applicationSubmitted(p));
    for (let i = 0; i < events.length; i += 50) await publishTo(producer, topic, events.slice(i, i + 50));

    await waitFor(() => receiver.received.length >= 150, { timeoutMs: 60_000, what: 'the burst under way' });
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    const seenBeforeKill = receiver.received.length;
    expect(seenBeforeKill).toBeLessThan(1_000); // killed in the middle of it

    child = startService();
    await waitUntilLive(base, 60_000);

    const ids = new Set(events.map((e) => e.id));
    for (const path of ['/organiser', '/partner']) {
      await waitFor(() => new Set(receiver.forPath(path).map((r) => r.headers['webhook-id'])).size === ids.size, {
        timeoutMs: 120_000,
        intervalMs: 200,
        what: `all 500 events at ${path}`,
      });
      const requests = receiver.forPath(path);
      // Duplicates may happen (an attempt in flight at the kill), always with the event's own id.
      expect(requests.every((r) => ids.has(r.headers['webhook-id'] as string))).toBe(true);
      const bodyById = new Map<string, string>();
      for (const r of requests) {
        const id = r.headers['webhook-id'] as string;
        if (bodyById.has(id)) expect(r.body).toBe(bodyById.get(id));
        bodyById.set(id, r.body);
      }
    }
    const [counts] = await db.query(
      `SELECT count(*)::int AS deliveries, count(*) FILTER (WHERE d.state = 'succeeded')::int AS succeeded, count(DISTINCT (d.endpoint_id, d.event_id))::int AS pairs
       FROM notifications.deliveries d JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id WHERE e.organisation_id = ANY($1)`,
      [[organiser.id, partner.id]],
    );
    await waitFor(async () => {
      const [c] = await db.query(
        `SELECT count(*) FILTER (WHERE d.state = 'succeeded')::int AS succeeded FROM notifications.deliveries d
         JOIN notifications.webhook_endpoints e ON e.id = d.endpoint_id WHERE e.organisation_id = ANY($1)`,
        [[organiser.id, partner.id]],
      );
      return c.succeeded === 1_000;
    }, { timeoutMs: 30_000, what: 'every delivery recorded as succeeded' });
    expect(counts.deliveries).toBe(1_000);
    expect(counts.pairs).toBe(1_000);
  }, 240_000);
});
