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
  type CandidateInput,
  type Match,
  type OpenCallAnswerInput,
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
    const inputs = await this.withOpenCallAnswers(tx, candidates, sites);
    const ranked = rankSitesForCandidates(inputs, prepareSites(sites, now), { now, topK: this.config.PILOTS_PROPOSALS_PER_CANDIDATE });
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
    const inputs = await this.withOpenCallAnswers(tx, candidates, [site]);
    const ranked = rankCandidatesForSite(site, inputs, { now, topK: free * this.config.PILOTS_PROPOSALS_PER_FREE_SLOT });
    return this.write(tx, ranked, candidates, [site]);
  }

  /**
   * A startup answered an open call of the site: each of its open candidates in the site's programmes
   * is matched with the site again, the answer counting as a strong reason. A proposal not made before
   * is made (with its event); one still waiting for a decision takes the new score and reasons;
   * a decided one stays as decided. Returns how many proposals were made or re-scored.
   */
  async matchOpenCallAnswer(tx: EntityManager, startupId: string, siteId: string, now = new Date()): Promise<number> {
    const site = await this.repository.activeSite(tx, siteId);
    if (!site || site.activePilots >= site.capacity) return 0;
    const candidates = await this.repository.openCandidatesOfStartupForSite(tx, startupId, site);
    if (candidates.length === 0) return 0;
    await this.repository.lockProgrammes(tx, candidates.map((c) => c.programmeId));
    const inputs = await this.withOpenCallAnswers(tx, candidates, [site]);
    const ranked = rankCandidatesForSite(site, inputs, { now, topK: candidates.length });
    const existing = new Map((await this.repository.proposalsAtSite(tx, candidates.map((c) => c.id), site.id)).map((p) => [p.candidateId, p]));
    const fresh = ranked.filter((m) => !existing.has(m.candidateId));
    let changed = await this.write(tx, fresh, candidates, [site]);
    for (const m of ranked) {
      const proposal = existing.get(m.candidateId);
      if (proposal?.state !== 'proposed') continue;
      await this.repository.rescoreProposal(tx, proposal.id, storedForm(m));
      changed++;
    }
    return changed;
  }

  /** The candidates as the engine reads them, with their startups' answers to open calls of these sites (one query). */
  private async withOpenCallAnswers(tx: EntityManager, candidates: PilotCandidate[], sites: PilotSite[]): Promise<CandidateInput[]> {
    const answers = await this.repository.openCallAnswers(
      tx,
      candidates.map((c) => c.startupId),
      sites.map((s) => s.id),
    );
    if (answers.length === 0) return candidates;
    const byStartup = new Map<string, OpenCallAnswerInput[]>();
    for (const a of answers) byStartup.set(a.startupId, [...(byStartup.get(a.startupId) ?? []), { siteId: a.siteId, title: a.title, answeredAt: a.answeredAt }]);
    return candidates.map((c) => {
      const openCallAnswers = byStartup.get(c.startupId);
      return openCallAnswers ? { id: c.id, programmeId: c.programmeId, technologyFields: c.technologyFields, trl: c.trl, languages: c.languages, openCallAnswers } : c;
    });
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
        ...storedForm(m),
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
          reasonCodes: m.reasonCodes,
        },
      };
    });
    await this.outbox.addAll(tx, events);
    return inserted.length;
  }
}

/** A match as a proposal stores it: score, components with English reasons, and the reasons' codes. */
function storedForm(m: Match): Pick<NewProposal, 'score' | 'scoreComponents' | 'reasonCodes'> {
  return {
    score: m.score,
    scoreComponents: m.components.map((x) => ({ key: COMPONENT_STORAGE_KEY[x.key], weight: x.weight, value: x.value, reason: x.reason })),
    reasonCodes: m.reasonCodes,
  };
}
