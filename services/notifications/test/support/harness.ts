import { createHash, randomUUID } from 'node:crypto';
import type { Provider } from '@nestjs/common';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createEvent, envelopeHeaders, type EventEnvelope, type EventInput, type EventType } from '@exchange/contracts';
import { createKafka, deleteTopics, ensureTopics } from '@exchange/messaging';
import { TEST_DATABASE_URL, testKafkaSettings, uniqueName, waitFor } from '@exchange/messaging/testing';
import type { RunningService } from '@exchange/platform';
import { bearer, createTestOrganisation, issueTestApiKey, startServiceInProcess, type TestApiKey } from '@exchange/platform/testing';
import { DEVELOPMENT_SECRET_KEY, notificationsConfigSchema } from '../../src/config';

import { Receiver } from './receiver';
import { withScratchNames } from './scratch-names';

export const TEST_DB_URL = TEST_DATABASE_URL;

/**
 * A second sealing key that every test instance knows beside the development one: a test may
 * re-encrypt the shared test database under it (key rotation) while other tests' instances deliver.
 */
export const TEST_ROTATION_KEY = { id: 'test-rotation', key: createHash('sha256').update('notifications tests: rotation key').digest() };

/** WEBHOOK_SECRET_KEYS of every test instance: the development key and the rotation key. */
export const TEST_SECRET_KEYS = [DEVELOPMENT_SECRET_KEY, TEST_ROTATION_KEY].map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');

/** Environment of a notifications instance under test: local receivers allowed, retries compressed. */
export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    WEBHOOK_ALLOW_HTTP: 'true',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    WEBHOOK_RETRY_SCHEDULE_MS: '0,50,100',
    WEBHOOK_RETRY_JITTER_PERCENT: '0',
    WEBHOOK_TIMEOUT_MS: '2000',
    WEBHOOK_SWEEP_INTERVAL_MS: '500',
    WEBHOOK_SWEEP_GRACE_MS: '5000',
    WEBHOOK_SECRET_KEYS: TEST_SECRET_KEYS,
    WEBHOOK_SECRET_ACTIVE_KEY_ID: DEVELOPMENT_SECRET_KEY.id,
    ...extra,
  };
}

/**
 * One notifications service in this process, consuming its own Kafka topic with its own consumer
 * group and BullMQ queue, plus what the tests need around it: a producer, a DataSource, API keys.
 */
export class NotificationsHarness {
  readonly topic = uniqueName('test.notifications.events');
  readonly queue = uniqueName('test-webhooks');
  readonly name = uniqueName('notifications');
  service!: RunningService;
  db!: DataSource;
  private producer!: Producer;

  constructor(
    private readonly extraEnv: Record<string, string> = {},
    private readonly providers: Provider[] = [],
  ) {}

  async start(): Promise<this> {
    const kafka = testKafkaSettings(this.name);
    await ensureTopics(kafka, [{ topic: this.topic, numPartitions: 3 }]);
    this.db = await new DataSource({ type: 'postgres', url: TEST_DB_URL(), poolSize: 4 }).initialize();
    this.producer = createKafka(kafka).producer();
    await this.producer.connect();
    this.service = await startServiceInProcess(
      { name: this.name, module: withScratchNames(this.topic, this.queue, this.providers), schema: notificationsConfigSchema, formBodies: true },
      testEnv(this.extraEnv),
    );
    return this;
  }

  async stop(): Promise<void> {
    await this.service?.close();
    await this.producer?.disconnect();
    await this.db?.destroy();
    await deleteTopics(testKafkaSettings(this.name), [this.topic]).catch(() => undefined);
  }

  get<T>(type: new (...args: never[]) => T): T {
    return this.service.app.get(type, { strict: false });
  }

  async publish(...events: EventEnvelope[]): Promise<void> {
    await publishTo(this.producer, this.topic, events);
  }

  async agency(): Promise<{ organisationId: string; key: TestApiKey }> {
    const org = await createTestOrganisation(this.db, { kind: 'partner_agency' });
    return { organisationId: org.id, key: await issueTestApiKey(this.db, { role: 'partner_agency', organisationId: org.id }) };
  }

  async call<T = unknown>(method: string, path: string, key: TestApiKey, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.service.url}${path}`, {
      method,
      headers: { ...bearer(key), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  /** Registers an endpoint through the API; returns its id and secret. */
  async endpoint(key: TestApiKey, url: string, eventTypes: string[] = ['*']): Promise<{ id: string; secret: string }> {
    const res = await this.call<{ id: string; secret: string }>('POST', '/v1/webhook-endpoints', key, { url, eventTypes });
    if (res.status !== 201) throw new Error(`endpoint registration answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async deliveries(endpointId: string): Promise<Array<{ id: string; state: string; attempt_count: number; event_id: string }>> {
    return this.db.query(`SELECT id, state, attempt_count, event_id FROM notifications.deliveries WHERE endpoint_id = $1`, [endpointId]);
  }

  async attempts(deliveryId: string): Promise<Array<{ attempt_number: number; status_code: number | null; error: string | null; started_at: Date; response_excerpt: string | null; latency_ms: number }>> {
    return this.db.query(`SELECT * FROM notifications.delivery_attempts WHERE delivery_id = $1 ORDER BY attempt_number`, [deliveryId]);
  }

  async waitForDelivery(endpointId: string, state: string, what = `a ${state} delivery`, timeoutMs = 45_000) {
    return waitFor(
      async () => {
        const rows = await this.deliveries(endpointId);
        return rows.find((r) => r.state === state);
      },
      { timeoutMs, what },
    );
  }
}

export async function publishTo(producer: Producer, topic: string, events: EventEnvelope[]): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    messages: events.map((e) => ({
      key: (e.data as { startupId?: string }).startupId ?? e.id,
      value: JSON.stringify(e.data),
      headers: envelopeHeaders(e),
    })),
  });
}

export function event<T extends EventType>(type: T, data: EventInput<T>): EventEnvelope<T> {
  return createEvent({ type, data, source: '/test' });
}

export interface TestProgramme {
  id: string;
  kind: 'pilot' | 'accelerator';
  organiserOrgId: string;
  partnerOrgIds: string[];
}

export function programme(organiserOrgId: string, partnerOrgIds: string[] = []): TestProgramme {
  return { id: randomUUID(), kind: 'pilot', organiserOrgId, partnerOrgIds };
}

export function applicationSubmitted(p: TestProgramme, startupId: string = randomUUID()) {
  return event('application.submitted', { applicationId: randomUUID(), startupId, programme: p, submittedAt: new Date().toISOString() });
}

/**
 * A `pilot.started` event. Given the programme, it names it as producers now must; given only the
 * programme's id, it has the earlier shape that may still sit on a v1 topic.
 */
export function pilotStarted(programmeOrId: TestProgramme | string, startupId: string = randomUUID()) {
  const data = {
    pilotId: randomUUID(),
    startupId,
    programmeId: typeof programmeOrId === 'string' ? programmeOrId : programmeOrId.id,
    siteId: randomUUID(),
    hostOrgId: randomUUID(),
    startedAt: new Date().toISOString(),
  };
  return typeof programmeOrId === 'string' ? event('pilot.started', data) : event('pilot.started', { ...data, programme: programmeOrId });
}

export function cohortOpened(programmeId: string) {
  return event('cohort.opened', {
    cohortId: randomUUID(),
    programmeId,
    name: 'Seoul spring cohort',
    hostCity: 'Seoul',
    capacity: 10,
    startsOn: '2027-03-01',
    endsOn: '2027-06-30',
  });
}

export function startupUpdated(startupId: string = randomUUID()) {
  return event('startup.updated', {
    startup: { id: startupId, name: '테스트', nameLatin: 'Test', country: 'KR', technologyFields: ['medtech'], readinessLevel: 6, languages: ['ko'] },
    changedFields: ['name'],
  });
}

/**
 * A harness and a receiver for the describe block that calls this: started before its tests, stopped
 * after them (the receiver first, so hanging requests end and the worker closes quickly).
 */
export function harnessWithReceiver(extraEnv: Record<string, string> = {}): { harness: NotificationsHarness; receiver: Receiver } {
  const harness = new NotificationsHarness(extraEnv);
  const receiver = new Receiver();
  beforeAll(async () => {
    await receiver.start();
    await harness.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await harness.stop();
  });
  return { harness, receiver };
}
