import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_CATALOGUE, type AnyEventEnvelope } from '@exchange/contracts';
import type { EntityManager } from 'typeorm';
import type { PostCommitDispatch } from '../webhook-sending/post-commit-dispatch';
import type { FanOutRepository, StoredEvent } from './fan-out.repository';
import { FanOutService } from './fan-out.service';

/** The audience fan-out gives an event, with the repository and the dispatch replaced by fakes. */
async function audienceOf(event: AnyEventEnvelope): Promise<Pick<StoredEvent, 'programmeId' | 'organisationIds'>> {
  let recorded: StoredEvent | undefined;
  const repository = {
    recordWithDeliveries: async (_tx: EntityManager, e: StoredEvent) => {
      recorded = e;
      return [];
    },
    programmeOrganisations: async () => null,
  } as unknown as FanOutRepository;
  const dispatch = { afterCommit: async () => undefined, leaseUntil: () => null } as unknown as PostCommitDispatch;
  await new FanOutService(repository, dispatch).fanOut(event, {} as EntityManager);
  return { programmeId: recorded!.programmeId, organisationIds: recorded!.organisationIds };
}

describe('fan-out audience of certification bodies’ events (issue 17)', () => {
  it.each(['certification.issued', 'certification.renewed', 'certification.revoked'] as const)('%s goes to the issuing body only', async (type) => {
    const event = createEvent({ type, source: '/services/applications', data: EVENT_CATALOGUE[type].example } as never) as AnyEventEnvelope;
    expect(await audienceOf(event)).toEqual({ programmeId: null, organisationIds: [EVENT_CATALOGUE[type].example.issuerOrganisationId] });
  });

  it("application.flagged goes to the programme's organiser and partners", async () => {
    const example = EVENT_CATALOGUE['application.flagged'].example;
    const event = createEvent({ type: 'application.flagged', source: '/services/applications', data: { ...example, flagId: randomUUID() } } as never) as AnyEventEnvelope;
    expect(await audienceOf(event)).toEqual({ programmeId: example.programme.id, organisationIds: [example.programme.organiserOrgId, ...example.programme.partnerOrgIds] });
  });
});

describe('fan-out audience of business missions’ events (issue 18)', () => {
  it.each(['mission.published', 'mission.schedule_published', 'mission.meeting_outcome_recorded'] as const)(
    "%s goes to the mission's organiser and partner organisations only",
    async (type) => {
      const { mission } = EVENT_CATALOGUE[type].example;
      const event = createEvent({ type, source: '/services/applications', data: EVENT_CATALOGUE[type].example } as never) as AnyEventEnvelope;
      expect(await audienceOf(event)).toEqual({ programmeId: null, organisationIds: [mission.organiserOrgId, ...mission.partnerOrgIds] });
    },
  );
});

describe('fan-out audience of pitch days’ events (issue 18)', () => {
  it("pitch_day.results_published goes to the programme's organiser and partners, under the programme", async () => {
    const example = EVENT_CATALOGUE['pitch_day.results_published'].example;
    const event = createEvent({ type: 'pitch_day.results_published', source: '/services/cohorts', data: example } as never) as AnyEventEnvelope;
    expect(example.programme.partnerOrgIds.length).toBeGreaterThan(0);
    expect(await audienceOf(event)).toEqual({ programmeId: example.programme.id, organisationIds: [example.programme.organiserOrgId, ...example.programme.partnerOrgIds] });
  });
});
