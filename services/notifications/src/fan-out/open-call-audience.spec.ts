import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createEvent, EVENT_CATALOGUE } from '@exchange/contracts';
import type { PostCommitDispatch } from '../webhook-sending/post-commit-dispatch';
import type { FanOutRepository, StoredEvent } from './fan-out.repository';
import { FanOutService } from './fan-out.service';

/**
 * Open call events belong to a site, and to a programme only when the call was published in one:
 * with `programme` they reach its organiser and partners, without it no partner agency.
 */
describe('fan-out of open call events', () => {
  const recorded: StoredEvent[] = [];
  const repository = {
    recordWithDeliveries: (_tx: EntityManager, event: StoredEvent) => {
      recorded.push(event);
      return Promise.resolve([]);
    },
    programmeOrganisations: () => Promise.reject(new Error('an open call event never asks the projection')),
  } as unknown as FanOutRepository;
  const dispatch = { afterCommit: () => Promise.resolve(), leaseUntil: () => null } as unknown as PostCommitDispatch;
  const fanOut = new FanOutService(repository, dispatch);

  beforeEach(() => {
    recorded.length = 0;
  });

  it("delivers a call published in a programme to the programme's organiser and partners", async () => {
    const programme = { id: randomUUID(), kind: 'pilot' as const, organiserOrgId: randomUUID(), partnerOrgIds: [randomUUID(), randomUUID()] };
    const example = EVENT_CATALOGUE['open_call.answered'].example;
    await fanOut.fanOut(createEvent({ type: 'open_call.answered', source: '/services/pilots', data: { ...example, programme } }), {} as EntityManager);
    expect(recorded).toEqual([expect.objectContaining({ type: 'open_call.answered', programmeId: programme.id, organisationIds: [programme.organiserOrgId, ...programme.partnerOrgIds] })]);
  });

  it('delivers a call of a site in no programme to no partner agency', async () => {
    const { programme: _none, ...example } = EVENT_CATALOGUE['open_call.closed'].example;
    await fanOut.fanOut(createEvent({ type: 'open_call.closed', source: '/services/pilots', data: example }), {} as EntityManager);
    expect(recorded).toEqual([expect.objectContaining({ type: 'open_call.closed', programmeId: null, organisationIds: [] })]);
  });
});
