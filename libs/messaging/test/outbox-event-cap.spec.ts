import { randomUUID } from 'node:crypto';
import { Body, Controller, Inject, Module, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import { DataSource } from 'typeorm';
import { envelopeHeaders, createEvent, eventKey } from '@exchange/contracts';
import { MessagingModule, OutboxError, OutboxErrorCode, OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import { baseConfigSchema, bootstrapService, ConfigError, DatabaseModule, loadConfig, Public, type RunningService } from '@exchange/platform';
import { messagingTestBed, numberedEvent, uniqueName } from '@exchange/messaging/testing';
import { encodedRecordBytes } from '../src/record-size';

function namedEvent(key: string, name: string): OutboxEvent<'startup.updated'> {
  const event = numberedEvent(key, 0);
  return { ...event, data: { ...event.data, startup: { ...event.data.startup, name } } };
}

/** The size the writer computes for an event, for choosing caps relative to it. */
function sizeOf(event: OutboxEvent<'startup.updated'>): number {
  const envelope = createEvent({ type: event.type, data: event.data, source: '/test', id: event.id });
  return encodedRecordBytes(eventKey(event.type, event.data), JSON.stringify(envelope.data), envelope.data, envelopeHeaders(envelope));
}

describe('OutboxWriter refuses an event over OUTBOX_MAX_EVENT_BYTES at write time', () => {
  const bed = messagingTestBed();
  const { schema } = bed;
  let dataSource: DataSource;
  const count = async (table: 'outbox' | 'effects') =>
    ((await dataSource.query(`SELECT count(*)::int AS c FROM "${schema}".${table}`)) as { c: number }[])[0].c;

  beforeAll(async () => {
    dataSource = await bed.setUp();
  });
  afterAll(() => bed.tearDown());

  it('measures an event as the relay will send it (jsonb text of the payload, key, headers)', async () => {
    const writer = new OutboxWriter({ schema, source: '/test', context: () => ({ requestId: 'req-1' }) });
    const event = namedEvent(randomUUID(), '메디브릿지 "MediBridge" \\ Москва, 1: 2');
    event.data.startup.technologyFields = ['medtech', 'ai', 'robotics'];
    await dataSource.transaction((tx) => writer.add(tx, event));
    const [row] = await dataSource.query(
      `SELECT octet_length(key) + octet_length(payload::text) + (SELECT sum(octet_length(k) + octet_length(v)) FROM jsonb_each_text(headers) AS h(k, v)) AS bytes,
              payload, headers FROM "${schema}".outbox WHERE id = $1`,
      [event.id],
    );
    expect(encodedRecordBytes(eventKey(event.type, event.data), JSON.stringify(row.payload), row.payload, row.headers)).toBe(Number(row.bytes));
  });

  it('accepts an event at the cap and refuses one byte over, naming the largest field; nothing of the transaction commits', async () => {
    const key = randomUUID();
    const small = namedEvent(key, '가'.repeat(10));
    const large = namedEvent(key, '가'.repeat(300));
    const writer = new OutboxWriter({ schema, source: '/test', maxEventBytes: sizeOf(large) - 1 });
    const atCap = new OutboxWriter({ schema, source: '/test', maxEventBytes: sizeOf(large) });
    const before = { outbox: await count('outbox'), effects: await count('effects') };

    const attempt = dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, 1)`, [randomUUID(), key]);
      await writer.addAll(tx, [small, large]);
    });
    await expect(attempt).rejects.toBeInstanceOf(OutboxError);
    const error = (await attempt.catch((e: unknown) => e)) as OutboxError;
    expect(error.code).toBe(OutboxErrorCode.EventTooLarge);
    expect(error.details).toEqual({ eventType: 'startup.updated', eventBytes: sizeOf(large), limitBytes: sizeOf(large) - 1, field: 'startup.name' });
    expect(error.message).toContain('startup.name');
    expect({ outbox: await count('outbox'), effects: await count('effects') }).toEqual(before);

    await dataSource.transaction((tx) => atCap.add(tx, { ...large, id: randomUUID() }));
    expect(await count('outbox')).toBe(before.outbox + 1);
  });

  it('defaults to 256 KiB and refuses a nonsensical cap', () => {
    expect(new OutboxWriter({ schema, source: '/test' }).maxEventBytes).toBe(262_144);
    expect(() => new OutboxWriter({ schema, source: '/test', maxEventBytes: 0 })).toThrow(/maxEventBytes/);
  });

  it('validates OUTBOX_MAX_EVENT_BYTES at boot: below the broker maximum, named in the error', () => {
    expect(loadConfig(baseConfigSchema, {}).OUTBOX_MAX_EVENT_BYTES).toBe(262_144);
    expect(loadConfig(baseConfigSchema, { OUTBOX_MAX_EVENT_BYTES: '4096' }).OUTBOX_MAX_EVENT_BYTES).toBe(4096);
    for (const bad of ['1048588', '0', 'big', '-1']) {
      expect(() => loadConfig(baseConfigSchema, { OUTBOX_MAX_EVENT_BYTES: bad })).toThrow(ConfigError);
      expect(() => loadConfig(baseConfigSchema, { OUTBOX_MAX_EVENT_BYTES: bad })).toThrow(/OUTBOX_MAX_EVENT_BYTES: must be a whole number >= 1024 and <= 1000000/);
    }
  });
});

// The path a service takes: config → MessagingModule's writer → a transaction → the HTTP edge.
describe('a change whose event is over the cap answers 422 problem+json and commits nothing', () => {
  // The service opens its own DataSource; the bed's (one connection) only makes and drops the schema.
  const bed = messagingTestBed({ poolSize: 1 });
  const { schema } = bed;
  let running: RunningService;
  let dataSource: DataSource;

  class RenameDto {
    @IsString()
    name: string;
  }

  @Public()
  @Controller('profiles')
  class ProfilesController {
    constructor(
      @Inject(DataSource) private readonly db: DataSource,
      @Inject(OutboxWriter) private readonly outbox: OutboxWriter,
    ) {}

    @Post()
    async rename(@Body() body: RenameDto): Promise<{ id: string }> {
      const id = randomUUID();
      await this.db.transaction(async (tx) => {
        await tx.query(`INSERT INTO "${schema}".effects (event_id, key, n) VALUES ($1, $2, 1)`, [id, id]);
        await this.outbox.add(tx, namedEvent(id, body.name));
      });
      return { id };
    }
  }

  @Module({ imports: [DatabaseModule.forRoot(), MessagingModule.forService({ schema })], controllers: [ProfilesController] })
  class ProfilesModule {}

  const post = (body: unknown) =>
    fetch(`${running.url}/v1/profiles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const counts = async () =>
    (await dataSource.query(
      `SELECT (SELECT count(*)::int FROM "${schema}".outbox) AS outbox, (SELECT count(*)::int FROM "${schema}".effects) AS effects`,
    )) as [{ outbox: number; effects: number }];

  beforeAll(async () => {
    await bed.setUp();
    const config = loadConfig(baseConfigSchema, {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: bed.databaseUrl,
      DATABASE_POOL_SIZE: '2',
      OUTBOX_MAX_EVENT_BYTES: '1024',
    });
    running = await bootstrapService({ name: uniqueName('svc'), module: ProfilesModule, config, handleSignals: false });
    dataSource = running.app.get(DataSource);
  });
  afterAll(async () => {
    await running?.close();
    await bed.tearDown();
  });

  it('writes the change and its event when the event fits', async () => {
    const res = await post({ name: '메디브릿지' });
    expect(res.status).toBe(201);
    expect(await counts()).toEqual([{ outbox: 1, effects: 1 }]);
  });

  it('refuses the change when its event is over the configured cap', async () => {
    const before = await counts();
    const res = await post({ name: '가'.repeat(400) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({
      status: 422,
      code: 'OUTBOX.EVENT_TOO_LARGE',
      type: 'urn:exchange:problem:OUTBOX.EVENT_TOO_LARGE',
      eventType: 'startup.updated',
      limitBytes: 1024,
      field: 'startup.name',
    });
    expect(await counts()).toEqual(before);
  });
});
