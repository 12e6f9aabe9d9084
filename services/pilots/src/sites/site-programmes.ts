import type { EntityManager } from 'typeorm';
import { findProjectedProgrammes } from '@exchange/data';
import { SiteError, SiteErrorCode } from './sites.errors';

/**
 * The programmes a host may attach its site to: pilot programmes this service has learned as
 * published (`programme.published`). Drafts are never announced, so a draft, an unknown id, an
 * accelerator programme and a closed one get the same answer. Programmes the site already takes part
 * in may stay when they close (`kept`): a site update does not fail because of them.
 */
export async function assertAttachableProgrammes(tx: EntityManager, programmeIds: readonly string[], kept: readonly string[] = []): Promise<void> {
  // UUIDs compare in lower case, as PostgreSQL prints them.
  const added = programmeIds.map((id, index) => ({ id: id.toLowerCase(), index })).filter(({ id }) => !kept.includes(id));
  const known = new Map((await findProjectedProgrammes(tx, 'pilots', added.map((a) => a.id))).map((p) => [p.id, p]));
  const refused = added.filter(({ id }) => {
    const programme = known.get(id);
    return !programme || programme.kind !== 'pilot' || programme.state !== 'published';
  });
  if (refused.length > 0) {
    throw new SiteError(SiteErrorCode.ProgrammeNotOpenToSites, `Not a published pilot programme: ${[...new Set(refused.map((r) => r.id))].join(', ')}`, {
      programmeIds: [...new Set(refused.map((r) => r.id))],
      errors: refused.map(({ id, index }) => ({ field: `programmeIds.${index}`, message: `${id} is not a published pilot programme` })),
    });
  }
}

/** A programme filter of the site list must name a pilot programme this service knows (422 otherwise, like a body id). */
export async function assertKnownPilotProgramme(tx: EntityManager, programmeId: string): Promise<void> {
  const [programme] = await findProjectedProgrammes(tx, 'pilots', [programmeId]);
  if (!programme || programme.kind !== 'pilot') {
    throw new SiteError(SiteErrorCode.UnknownProgramme, `Programme ${programmeId} is not a pilot programme`, {
      programmeId,
      errors: [{ field: 'programmeId', message: `${programmeId} is not a pilot programme` }],
    });
  }
}
