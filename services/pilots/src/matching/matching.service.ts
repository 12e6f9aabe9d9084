import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { StartupSummary } from '@exchange/contracts';
import { projectedProgrammeRefs, type PilotCandidate, type PilotSite } from '@exchange/data';
import { OutboxWriter, type OutboxEvent } from '@exchange/messaging';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { PilotsConfig } from '../config';
import {
  COMPONENT_STORAGE_KEY,
  componentsRecord,
  prepareSites,
  rankCandidatesForSite,
  rankSitesForCandidates,
  type Match,
} from './matching.engine';
import { MatchingRepository, type AcceptedCandidate, type NewProposal } from './matching.repository';

/**
 * Turns engine results into proposals and `pilot.match_proposed` events, in the caller's
 * transaction. Writes are idempotent: a (candidate, site) pair is proposed at most once, so the same
 * inputs processed twice leave one set of proposals and one event per proposal.
 */
@Injectable()
export class MatchingService {
  constructor(
    private readonly repository: MatchingRepository,
    private readonly outbox: OutboxWriter,
    @Inject(SERVICE_CONFIG) private readonly config: PilotsConfig,
  ) {}

  /** The best sites for each of these (open) candidates. Returns how many proposals are new. */
  async proposeForCandidates(tx: EntityManager, candidateIds: string[], now = new Date()): Promise<number> {
    return this.proposeFor(tx, await this.repository.openCandidates(tx, candidateIds), now);
  }

  private async proposeFor(tx: EntityManager, candidates: PilotCandidate[], now = new Date()): Promise<number> {
    if (candidates.length === 0) return 0;
    await this.repository.lockProgrammes(tx, candidates.map((c) => c.programmeId));
    const sites = await this.repository.openSitesOfProgrammes(tx, [...new Set(candidates.map((c) => c.programmeId))]);
    const ranked = rankSitesForCandidates(candidates, prepareSites(sites, now), { now, topK: this.config.PILOTS_PROPOSALS_PER_CANDIDATE });
    return this.write(tx, ranked.flat(), candidates, sites);
  }

  /** An accepted startup becomes a candidate; an open one gets its proposals at once. */
  async admitCandidate(tx: EntityManager, candidate: AcceptedCandidate): Promise<void> {
    // The upsert answers the whole row: an open candidate goes straight to matching, no re-read.
    const row = await this.repository.upsertCandidate(tx, candidate);
    if (row?.state === 'open') await this.proposeFor(tx, [row]);
  }

  /** A changed profile may fit more sites; earlier proposals stay as they are. */
  async refreshStartup(tx: EntityManager, startup: StartupSummary): Promise<void> {
    const rows = await this.repository.refreshCandidateProfiles(tx, startup);
    const open = rows.filter((r) => r.state === 'open').map((r) => r.id);
    if (open.length > 0) await this.proposeForCandidates(tx, open);
  }

  /** Startups for a site that was added, reactivated or freed capacity. Returns how many proposals are new. */
  async proposeForSite(tx: EntityManager, siteId: string, now = new Date()): Promise<number> {
    const site = await this.repository.activeSite(tx, siteId);
    if (!site || site.activePilots >= site.capacity) return 0;
    await this.repository.lockProgrammes(tx, site.programmeIds);
    const candidates = await this.repository.candidatesNewToSite(tx, site);
    const free = site.capacity - site.activePilots;
    const ranked = rankCandidatesForSite(site, candidates, { now, topK: free * this.config.PILOTS_PROPOSALS_PER_FREE_SLOT });
    return this.write(tx, ranked, candidates, [site]);
  }

  private async write(tx: EntityManager, matches: Match[], candidates: PilotCandidate[], sites: PilotSite[]): Promise<number> {
    const candidateById = new Map(candidates.map((c) => [c.id, c]));
    const siteById = new Map(sites.map((s) => [s.id, s]));
    const proposals: NewProposal[] = matches.map((m) => {
      const c = candidateById.get(m.candidateId)!;
      return {
        candidateId: c.id,
        siteId: m.siteId,
        startupId: c.startupId,
        programmeId: c.programmeId,
        applicationId: c.applicationId,
        score: m.score,
        scoreComponents: m.components.map((x) => ({ key: COMPONENT_STORAGE_KEY[x.key], weight: x.weight, value: x.value, reason: x.reason })),
      };
    });
    const inserted = await this.repository.insertProposals(tx, proposals);
    const matchOf = new Map(matches.map((m) => [`${m.candidateId}/${m.siteId}`, m]));
    const programmes = await projectedProgrammeRefs(tx, 'pilots', inserted.map((row) => candidateById.get(row.candidateId)!.programmeId));
    const events = inserted.map((row): OutboxEvent<'pilot.match_proposed'> => {
      const m = matchOf.get(`${row.candidateId}/${row.siteId}`)!;
      const c = candidateById.get(row.candidateId)!;
      const site = siteById.get(row.siteId)!;
      return {
        type: 'pilot.match_proposed',
        data: {
          proposalId: row.id,
          startupId: c.startupId,
          programmeId: c.programmeId,
          programme: programmes.get(c.programmeId)!,
          siteId: site.id,
          hostOrgId: site.hostOrganisationId,
          score: m.score,
          components: componentsRecord(m.components),
          reasons: m.components.map((x) => x.reason),
        },
      };
    });
    await this.outbox.addAll(tx, events);
    return inserted.length;
  }
}
