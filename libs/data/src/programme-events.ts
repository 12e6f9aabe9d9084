import type { EventData, ProgrammeRef } from '@exchange/contracts';
import type { Programme } from './entities/applications';

type ProgrammeFields = Pick<
  Programme,
  'id' | 'kind' | 'organiserOrganisationId' | 'partnerOrganisationIds' | 'name' | 'nameLatin' | 'hostCountry' | 'hostCity' | 'windowOpensAt' | 'windowClosesAt'
>;

/** Who a programme belongs to, carried on every application and programme event. */
export function programmeRef(p: Pick<Programme, 'id' | 'kind' | 'organiserOrganisationId' | 'partnerOrganisationIds'>): ProgrammeRef {
  return { id: p.id, kind: p.kind, organiserOrgId: p.organiserOrganisationId, partnerOrgIds: p.partnerOrganisationIds };
}

/** The data of `programme.published`: written by the applications service, and by the seed for its programmes. */
export function programmePublishedData(p: ProgrammeFields, publishedAt: Date): EventData<'programme.published'> {
  return {
    programme: programmeRef(p),
    name: p.name,
    nameLatin: p.nameLatin,
    hostCountry: p.hostCountry,
    hostCity: p.hostCity,
    opensAt: p.windowOpensAt.toISOString(),
    closesAt: p.windowClosesAt.toISOString(),
    publishedAt: publishedAt.toISOString(),
  };
}
