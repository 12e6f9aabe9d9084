import { returnedRows } from '../common/sql';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, MatchProposal, PilotSite, type MatchProposalState, type PilotCandidateState } from '@exchange/data';
import { organiserColumn, scopeCondition, type AccessScope } from '../common/access';
import { CREATED_AT_ID, keysetCondition, type Keyset } from '@exchange/platform';
import type { Language } from '@exchange/platform';
import { isMatchReasonCode, renderMatchReason, type MatchReason } from '../matching/match-reasons.messages';
import type { LocalisedReasonDto, MatchProposalDto } from './dto/proposal.dto';

/** A proposal with what its views and decisions read from the joined rows. */
export interface ProposalView {
  proposal: MatchProposal;
  siteName: string;
  hostOrganisationId: string;
  startupName: string;
  candidateState: PilotCandidateState;
  pilotId: string | null;
  /** The programme's organiser, from the programme projection: who decides the proposal. */
  organiserOrgId: string | null;
}

/** The columns SELECT joins to the proposal's own. */
interface JoinedColumns {
  site_name: string;
  host_organisation_id: string;
  startup_name: string;
  candidate_state: PilotCandidateState;
  pilot_id: string | null;
  organiser_org_id: string | null;
}

/**
 * The reasons in `language`, each with its code. A proposal made before reasons had codes (or a
 * code this version does not know) keeps its English text, with no code.
 */
export function localisedReasons(p: Pick<MatchProposal, 'scoreComponents' | 'reasonCodes'>, language: Language): LocalisedReasonDto[] {
  return p.scoreComponents.map((component, i) => {
    const coded = p.reasonCodes[i];
    if (coded && isMatchReasonCode(coded.code)) {
      try {
        return renderMatchReason(coded as MatchReason, language);
      } catch {
        // Parameters this version cannot render: the English text still says it.
      }
    }
    return { code: null, message: component.reason };
  });
}

export function toProposalDto({ proposal: p, ...joined }: ProposalView, language: Language): MatchProposalDto {
  return {
    id: p.id,
    candidateId: p.candidateId,
    siteId: p.siteId,
    siteName: joined.siteName,
    hostOrganisationId: joined.hostOrganisationId,
    startupId: p.startupId,
    startupName: joined.startupName,
    programmeId: p.programmeId,
    applicationId: p.applicationId,
    score: p.score,
    components: p.scoreComponents,
    reasons: p.scoreComponents.map((c) => c.reason),
    localisedReasons: localisedReasons(p, language),
    state: p.state,
    decidedBy: p.decidedBy,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    decisionReason: p.decisionReason,
    pilotId: joined.pilotId,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
  };
}

function toViews(tx: EntityManager, rows: Array<Record<string, unknown> & JoinedColumns>): ProposalView[] {
  const proposals = entitiesFrom(tx, MatchProposal, rows);
  return rows.map((row, i) => ({
    proposal: proposals[i],
    siteName: row.site_name,
    hostOrganisationId: row.host_organisation_id,
    startupName: row.startup_name,
    candidateState: row.candidate_state,
    pilotId: row.pilot_id,
    organiserOrgId: row.organiser_org_id,
  }));
}

const SELECT = `SELECT p.*, s.name AS site_name, s.host_organisation_id, c.startup_name, c.state AS candidate_state,
    (SELECT x.id FROM pilots.pilots x WHERE x.proposal_id = p.id) AS pilot_id, ${organiserColumn('p.programme_id')}
  FROM pilots.match_proposals p
  JOIN pilots.candidates c ON c.id = p.candidate_id
  JOIN pilots.pilot_sites s ON s.id = p.site_id`;

@Injectable()
export class ProposalsRepository {
  /** The proposal if the scope may see it; with `lock`, the proposal and its candidate are locked. */
  async findVisible(tx: EntityManager, id: string, scope: AccessScope, lock = false): Promise<ProposalView | null> {
    const params: unknown[] = [id];
    const condition = scopeCondition(scope, params, 'p.startup_id');
    const rows = await tx.query(`${SELECT} WHERE p.id = $1 AND ${condition}${lock ? ' FOR UPDATE OF p, c' : ''}`, params);
    return toViews(tx, rows)[0] ?? null;
  }

  async list(
    tx: EntityManager,
    scope: AccessScope,
    filter: { state?: string; programmeId?: string; siteId?: string; startupId?: string; cursor: Keyset<typeof CREATED_AT_ID> | null; limit: number },
  ): Promise<ProposalView[]> {
    const params: unknown[] = [];
    const where = [scopeCondition(scope, params, 'p.startup_id'), keysetCondition(CREATED_AT_ID, ['p.created_at', 'p.id'], filter.cursor, params, 'DESC')];
    for (const [value, column] of [
      [filter.state, 'p.state'],
      [filter.programmeId, 'p.programme_id'],
      [filter.siteId, 'p.site_id'],
      [filter.startupId, 'p.startup_id'],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    params.push(filter.limit + 1);
    return toViews(tx, await tx.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params));
  }

  /**
   * Takes one slot of the site. The conditional increment (and the table's CHECK active_pilots ≤
   * capacity) makes two approvals racing for the last slot serialise on the site row: the second
   * re-reads the incremented row, matches nothing and loses.
   */
  async takeSlot(tx: EntityManager, siteId: string): Promise<boolean> {
    const result = await tx.query(
      `UPDATE pilots.pilot_sites SET active_pilots = active_pilots + 1, version = version + 1, updated_at = now()
        WHERE id = $1 AND state = 'active' AND active_pilots < capacity
        RETURNING id`,
      [siteId],
    );
    return returnedRows(result).length > 0;
  }

  /** Whether the principal is an active person of the organisation (identity is readable by every service). */
  async isPersonOf(tx: EntityManager, principalId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM identity.principals WHERE id = $1 AND organisation_id = $2 AND state = 'active'`, [
      principalId,
      organisationId,
    ]);
    return rows.length > 0;
  }

  siteCapacity(tx: EntityManager, siteId: string): Promise<Pick<PilotSite, 'capacity' | 'activePilots' | 'state'>> {
    return tx.getRepository(PilotSite).findOneOrFail({ select: { capacity: true, activePilots: true, state: true }, where: { id: siteId } });
  }

  async decide(tx: EntityManager, id: string, state: MatchProposalState, decidedBy: string, reason: string | null): Promise<void> {
    await tx.query(
      `UPDATE pilots.match_proposals SET state = $2, decided_by = $3, decided_at = now(), decision_reason = $4,
          version = version + 1, updated_at = now()
        WHERE id = $1`,
      [id, state, decidedBy, reason],
    );
  }

  /** The candidate has its pilot: its other open proposals are superseded. */
  async matchCandidate(tx: EntityManager, candidateId: string, approvedProposalId: string): Promise<void> {
    await tx.query(
      `UPDATE pilots.match_proposals SET state = 'superseded', version = version + 1, updated_at = now()
        WHERE candidate_id = $1 AND id <> $2 AND state = 'proposed'`,
      [candidateId, approvedProposalId],
    );
    await tx.query(`UPDATE pilots.candidates SET state = 'matched', version = version + 1, updated_at = now() WHERE id = $1`, [candidateId]);
  }
}
