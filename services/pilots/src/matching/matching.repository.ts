import { Injectable } from '@nestjs/common';
import type { StartupSummary } from '@exchange/contracts';
import type { EntityManager } from 'typeorm';
import { columnsOf, entitiesFrom, MatchProposal, preparedQuery, preparedWrite, PilotCandidate, PilotSite } from '@exchange/data';
import { returnedRows } from '../common/sql';

export type NewProposal = Pick<
  MatchProposal,
  'candidateId' | 'siteId' | 'startupId' | 'programmeId' | 'applicationId' | 'score' | 'scoreComponents' | 'reasonCodes'
>;

/** A startup's answer to an open call of a site, as matching counts it. */
export interface SiteAnswer {
  startupId: string;
  siteId: string;
  title: string;
  answeredAt: Date;
}

/** What an upsert or a profile refresh answers of each candidate row it touched. */
export type TouchedCandidate = Pick<PilotCandidate, 'id' | 'state'>;

export interface AcceptedCandidate {
  applicationId: string;
  programmeId: string;
  startupId: string;
  /** The startup's profile as the acceptance event carries it. */
  profile: StartupSummary;
  score: number | null;
  /** The programme's organiser and partners: who may see the candidate. */
  organisationIds: string[];
  acceptedAt: string;
  sourceEventId: string;
}

/** The reads and writes of matching, all inside the caller's transaction. */
@Injectable()
export class MatchingRepository {
  /**
   * Serialises matching per programme until the transaction ends. A new candidate is matched against
   * the sites it can read and a new site against the candidates it can read: without the lock, a site
   * and a candidate of one programme committed at the same moment would never see each other. Taken
   * after the caller's own insert and before the reads, in id order (no deadlock between two sets).
   */
  async lockProgrammes(tx: EntityManager, programmeIds: readonly string[]): Promise<void> {
    for (const id of [...new Set(programmeIds)].sort()) {
      // Its answer is empty: in a pipelined transaction the statements after it simply queue behind the lock.
      await preparedWrite(tx, `SELECT pg_advisory_xact_lock(hashtext('pilots.matching'), hashtext($1))`, [id]);
    }
  }

  openCandidates(tx: EntityManager, ids: string[]): Promise<PilotCandidate[]> {
    return tx.getRepository(PilotCandidate).createQueryBuilder('c').where('c.id = ANY (:ids::uuid[])', { ids }).andWhere("c.state = 'open'").getMany();
  }

  /**
   * Open candidates of the site's programmes that have not been proposed for this site yet. Only
   * pilot programmes this service knows count: an id a site carries without having been checked
   * (written before the check existed) never brings it a programme's startups.
   */
  async candidatesNewToSite(tx: EntityManager, site: PilotSite): Promise<PilotCandidate[]> {
    const rows = await tx.query(
      `SELECT c.* FROM pilots.candidates c
        WHERE c.programme_id = ANY ($1::uuid[]) AND c.state = 'open'
          AND EXISTS (SELECT 1 FROM pilots.programmes pr WHERE pr.id = c.programme_id AND pr.kind = 'pilot')
          AND NOT EXISTS (SELECT 1 FROM pilots.match_proposals p WHERE p.candidate_id = c.id AND p.site_id = $2)`,
      [site.programmeIds, site.id],
    );
    return entitiesFrom(tx, PilotCandidate, rows);
  }

  /** Active sites with a free slot that take part in any of the programmes. */
  async openSitesOfProgrammes(tx: EntityManager, programmeIds: string[]): Promise<PilotSite[]> {
    const { rows } = await preparedQuery(
      tx,
      `SELECT ${columnsOf(tx, PilotSite, 's')} FROM pilots.pilot_sites s
        WHERE s.state = 'active' AND s.active_pilots < s.capacity AND s.programme_ids && $1::uuid[]`,
      [programmeIds],
    );
    return entitiesFrom(tx, PilotSite, rows);
  }

  activeSite(tx: EntityManager, siteId: string): Promise<PilotSite | null> {
    return tx.getRepository(PilotSite).findOneBy({ id: siteId, state: 'active' });
  }

  /** Inserts the proposals not made before (one per candidate and site); returns the new ones. */
  async insertProposals(tx: EntityManager, proposals: NewProposal[]): Promise<Array<Pick<MatchProposal, 'id' | 'candidateId' | 'siteId'>>> {
    if (proposals.length === 0) return [];
    const rows = await tx.query(
      `INSERT INTO pilots.match_proposals (candidate_id, site_id, startup_id, programme_id, application_id, score, score_components, reason_codes)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::float8[], $7::jsonb[], $8::jsonb[])
       ON CONFLICT (candidate_id, site_id) DO NOTHING
       RETURNING id, candidate_id, site_id`,
      [
        proposals.map((p) => p.candidateId),
        proposals.map((p) => p.siteId),
        proposals.map((p) => p.startupId),
        proposals.map((p) => p.programmeId),
        proposals.map((p) => p.applicationId),
        proposals.map((p) => p.score),
        proposals.map((p) => JSON.stringify(p.scoreComponents)),
        proposals.map((p) => JSON.stringify(p.reasonCodes)),
      ],
    );
    return entitiesFrom(tx, MatchProposal, rows);
  }

  /**
   * An accepted startup becomes (or refreshes) its candidate row; a redelivered acceptance updates the
   * same row. Answers the candidate's id and state.
   */
  async upsertCandidate(tx: EntityManager, c: AcceptedCandidate): Promise<PilotCandidate | undefined> {
    const { rows } = await preparedQuery(
      tx,
      `INSERT INTO pilots.candidates (application_id, programme_id, startup_id, startup_name, startup_name_latin, country,
          technology_fields, trl, languages, score, programme_organisation_ids, accepted_at, source_event_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (application_id) DO UPDATE SET
          startup_name = EXCLUDED.startup_name, startup_name_latin = EXCLUDED.startup_name_latin, country = EXCLUDED.country,
          technology_fields = EXCLUDED.technology_fields, trl = EXCLUDED.trl, languages = EXCLUDED.languages,
          score = EXCLUDED.score, programme_organisation_ids = EXCLUDED.programme_organisation_ids,
          accepted_at = EXCLUDED.accepted_at, source_event_id = EXCLUDED.source_event_id,
          version = pilots.candidates.version + 1, updated_at = now()
       RETURNING ${columnsOf(tx, PilotCandidate)}`,
      [
        c.applicationId,
        c.programmeId,
        c.startupId,
        c.profile.name,
        c.profile.nameLatin,
        c.profile.country,
        c.profile.technologyFields,
        c.profile.readinessLevel,
        c.profile.languages,
        c.score,
        c.organisationIds,
        c.acceptedAt,
        c.sourceEventId,
      ],
    );
    return entitiesFrom(tx, PilotCandidate, rows)[0];
  }

  /** Copies a startup's changed profile onto all its candidate rows; answers their ids and states. */
  async refreshCandidateProfiles(tx: EntityManager, startup: StartupSummary): Promise<TouchedCandidate[]> {
    const result = await tx.query(
      `UPDATE pilots.candidates SET startup_name = $2, startup_name_latin = $3, country = $4, technology_fields = $5,
          trl = $6, languages = $7, version = version + 1, updated_at = now()
        WHERE startup_id = $1
        RETURNING id, state`,
      [startup.id, startup.name, startup.nameLatin, startup.country, startup.technologyFields, startup.readinessLevel, startup.languages],
    );
    return returnedRows<TouchedCandidate>(result);
  }

  /**
   * The answers of these startups to open calls of these sites, in one query for a whole batch
   * (never per pair). A declined answer no longer counts: its host said no.
   */
  async openCallAnswers(tx: EntityManager, startupIds: readonly string[], siteIds: readonly string[]): Promise<SiteAnswer[]> {
    if (startupIds.length === 0 || siteIds.length === 0) return [];
    const rows: Array<{ startup_id: string; site_id: string; title: string; answered_at: Date }> = await tx.query(
      `SELECT a.startup_id, c.site_id, c.title, a.created_at AS answered_at
         FROM pilots.open_call_answers a JOIN pilots.open_calls c ON c.id = a.open_call_id
        WHERE a.startup_id = ANY ($1::uuid[]) AND c.site_id = ANY ($2::uuid[]) AND a.state <> 'declined'`,
      [[...new Set(startupIds)], [...new Set(siteIds)]],
    );
    return rows.map((r) => ({ startupId: r.startup_id, siteId: r.site_id, title: r.title, answeredAt: new Date(r.answered_at) }));
  }

  /** The startup's open candidates in programmes the site takes part in (pilot programmes this service knows). */
  async openCandidatesOfStartupForSite(tx: EntityManager, startupId: string, site: PilotSite): Promise<PilotCandidate[]> {
    const rows = await tx.query(
      `SELECT c.* FROM pilots.candidates c
        WHERE c.startup_id = $1 AND c.programme_id = ANY ($2::uuid[]) AND c.state = 'open'
          AND EXISTS (SELECT 1 FROM pilots.programmes pr WHERE pr.id = c.programme_id AND pr.kind = 'pilot')`,
      [startupId, site.programmeIds],
    );
    return entitiesFrom(tx, PilotCandidate, rows);
  }

  /** The proposals made so far for these candidates at the site, locked: a re-score and a decision cannot interleave. */
  async proposalsAtSite(tx: EntityManager, candidateIds: readonly string[], siteId: string): Promise<Array<Pick<MatchProposal, 'id' | 'candidateId' | 'state'>>> {
    const rows: Array<{ id: string; candidate_id: string; state: MatchProposal['state'] }> = await tx.query(
      `SELECT id, candidate_id, state FROM pilots.match_proposals WHERE candidate_id = ANY ($1::uuid[]) AND site_id = $2 FOR UPDATE`,
      [candidateIds, siteId],
    );
    return rows.map((r) => ({ id: r.id, candidateId: r.candidate_id, state: r.state }));
  }

  /** A proposal still waiting for a decision takes its new score and reasons (a new version). */
  async rescoreProposal(tx: EntityManager, id: string, proposal: Pick<NewProposal, 'score' | 'scoreComponents' | 'reasonCodes'>): Promise<void> {
    await tx.query(
      `UPDATE pilots.match_proposals SET score = $2, score_components = $3::jsonb, reason_codes = $4::jsonb, version = version + 1, updated_at = now()
        WHERE id = $1 AND state = 'proposed'`,
      [id, proposal.score, JSON.stringify(proposal.scoreComponents), JSON.stringify(proposal.reasonCodes)],
    );
  }
}
