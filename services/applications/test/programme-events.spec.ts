import { decodeEvent, Topics } from '@exchange/contracts';
import { OutboxWriter } from '@exchange/messaging';
import { collectMessages, testKafkaSettings } from '@exchange/messaging/testing';
import { waitFor, type TestApiKey } from '@exchange/platform/testing';
import { programmeBody, startApplications, type Service } from './helpers';

interface OutboxRow {
  type: string;
  key: string;
  topic: string;
  subject: string | null;
  payload: Record<string, unknown>;
}

/** Publishing and closing a programme tell every consumer who runs it, in the transition's transaction. */
describe('programme events', () => {
  let svc: Service;
  let manager: TestApiKey;
  let organiserId: string;
  let partnerId: string;

  beforeAll(async () => {
    svc = await startApplications();
    organiserId = (await svc.organisation('organising_agency', 'RU')).id;
    partnerId = (await svc.organisation('partner_agency', 'KR')).id;
    manager = await svc.key('programme_manager', { organisationId: organiserId });
  });
  afterAll(async () => {
    await svc?.close();
  });

  const programmeRows = (programmeId: string): Promise<OutboxRow[]> =>
    svc.dataSource.query(`SELECT type, key, topic, subject, payload FROM applications.outbox WHERE payload->'programme'->>'id' = $1 ORDER BY seq`, [
      programmeId,
    ]);

  async function draft(over: Record<string, unknown> = {}): Promise<{ id: string; opensAt: string; closesAt: string; name: string }> {
    const res = await svc.call('POST', '/programmes', manager, programmeBody({ kind: 'accelerator', partnerOrganisationIds: [partnerId], nameLatin: 'Moscow Accelerator', ...over }));
    expect(res.status).toBe(201);
    return { id: res.body.id, opensAt: res.body.window.opensAt, closesAt: res.body.window.closesAt, name: res.body.name };
  }

  it('writes one programme.published with who runs the programme on publishing, and programme.closed on closing', async () => {
    const programme = await draft();
    expect(await programmeRows(programme.id)).toEqual([]); // a draft is nobody's business yet

    const published = await svc.call('POST', `/programmes/${programme.id}/publish`, manager);
    expect(published.status).toBe(200);
    const ref = { id: programme.id, kind: 'accelerator', organiserOrgId: organiserId, partnerOrgIds: [partnerId] };
    const afterPublish = await programmeRows(programme.id);
    expect(afterPublish).toHaveLength(1);
    expect(afterPublish[0]).toMatchObject({ type: 'programme.published', key: programme.id, subject: programme.id, topic: Topics.applications });
    expect(afterPublish[0].payload).toEqual({
      programme: ref,
      name: programme.name,
      nameLatin: 'Moscow Accelerator',
      hostCountry: 'RU',
      hostCity: 'Moscow',
      opensAt: programme.opensAt,
      closesAt: programme.closesAt,
      publishedAt: expect.any(String),
    });

    // Publishing again is an illegal transition: 409 and no second event.
    expect((await svc.call('POST', `/programmes/${programme.id}/publish`, manager)).status).toBe(409);
    expect(await programmeRows(programme.id)).toHaveLength(1);

    const closed = await svc.call('POST', `/programmes/${programme.id}/close`, manager);
    expect(closed.status).toBe(200);
    const rows = await programmeRows(programme.id);
    expect(rows.map((r) => r.type)).toEqual(['programme.published', 'programme.closed']);
    expect(rows[1]).toMatchObject({ key: programme.id, payload: { programme: ref, closedAt: expect.any(String) } });
    expect((await svc.call('POST', `/programmes/${programme.id}/close`, manager)).status).toBe(409);
    expect(await programmeRows(programme.id)).toHaveLength(2);
  });

  it('commits the state change and its event together: a failure after the event was written leaves the draft and no event', async () => {
    const programme = await draft();
    const outbox = svc.running.app.get(OutboxWriter);
    const add = outbox.add.bind(outbox);
    const spy = jest.spyOn(outbox, 'add').mockImplementationOnce(async (tx, event) => {
      await add(tx, event);
      throw new Error('crash after the event was written');
    });
    try {
      expect((await svc.call('POST', `/programmes/${programme.id}/publish`, manager)).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect((await svc.call('GET', `/programmes/${programme.id}`, manager)).body.state).toBe('draft');
    expect(await programmeRows(programme.id)).toEqual([]);
  });

  it('two concurrent publishes: one wins, one event', async () => {
    const programme = await draft();
    const race = await Promise.all([
      svc.call('POST', `/programmes/${programme.id}/publish`, manager),
      svc.call('POST', `/programmes/${programme.id}/publish`, manager),
    ]);
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await programmeRows(programme.id)).map((r) => r.type)).toEqual(['programme.published']);
  });

  it('reaches Kafka keyed by the programme id', async () => {
    const programme = await draft();
    const collector = await collectMessages(testKafkaSettings('applications-programme-events'), Topics.applications);
    try {
      expect((await svc.call('POST', `/programmes/${programme.id}/publish`, manager)).status).toBe(200);
      const message = await waitFor(
        () => collector.messages.find((m) => m.headers?.ce_type?.toString() === 'programme.published' && m.key?.toString() === programme.id),
        { timeoutMs: 30_000, what: 'programme.published on Kafka' },
      );
      const event = decodeEvent({ headers: message.headers as never, value: message.value });
      expect(event).toMatchObject({
        type: 'programme.published',
        subject: programme.id,
        data: { programme: { id: programme.id, kind: 'accelerator', organiserOrgId: organiserId, partnerOrgIds: [partnerId] } },
      });
    } finally {
      await collector.stop();
    }
  });
});
