import { eventKey } from '@exchange/contracts';
import type { OutboxEvent, OutboxWriter } from '@exchange/messaging';
import type { EntityManager } from 'typeorm';
import type { EndpointsRepository } from '../endpoints/endpoints.repository';
import { EndpointDisabler } from './endpoint-disabler';

const tx = {} as EntityManager;

function disabler(disabled: Awaited<ReturnType<EndpointsRepository['disable']>>) {
  const events: OutboxEvent<'webhook.endpoint_disabled'>[] = [];
  const asked: Array<[string, string]> = [];
  const endpoints = {
    disable: async (_tx: EntityManager, id: string, reason: string) => {
      asked.push([id, reason]);
      return disabled;
    },
  } as unknown as EndpointsRepository;
  const outbox = { add: async (_tx: EntityManager, event: OutboxEvent<'webhook.endpoint_disabled'>) => void events.push(event) } as unknown as OutboxWriter;
  return { disabler: new EndpointDisabler(endpoints, outbox), events, asked };
}

describe('EndpointDisabler', () => {
  it('tells the organisation once the endpoint is disabled, with when it last succeeded', async () => {
    const lastSuccessAt = new Date('2026-04-01T10:00:00.000Z');
    const { disabler: d, events, asked } = disabler({ id: 'e1', organisationId: 'org-1', url: 'https://partner.example/hook', lastSuccessAt });
    await expect(d.disable(tx, 'e1', 'no_success')).resolves.toBe(true);
    expect(asked).toEqual([['e1', 'no_success']]);
    expect(events).toEqual([
      {
        type: 'webhook.endpoint_disabled',
        subject: 'e1',
        data: { endpointId: 'e1', organisationId: 'org-1', url: 'https://partner.example/hook', reason: 'no_success', lastSuccessAt: lastSuccessAt.toISOString() },
      },
    ]);
    expect(eventKey(events[0].type, events[0].data)).toBe('org-1');
  });

  it('says an endpoint that never succeeded never did', async () => {
    const { disabler: d, events } = disabler({ id: 'e1', organisationId: 'org-1', url: 'https://partner.example/hook', lastSuccessAt: null });
    await d.disable(tx, 'e1', 'gone');
    expect(events[0].data).toMatchObject({ reason: 'gone', lastSuccessAt: null });
  });

  it('tells nobody when the endpoint was already disabled or deleted', async () => {
    const { disabler: d, events } = disabler(null);
    await expect(d.disable(tx, 'e1', 'gone')).resolves.toBe(false);
    expect(events).toEqual([]);
  });
});
