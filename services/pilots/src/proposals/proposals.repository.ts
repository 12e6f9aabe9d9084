import { returnedRows } from '../common/sql';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MatchProposalState, ScoreComponent } from '@exchange/data';
import { organiserColumn, scopeCondition, type AccessScope } from '../common/access';
import { CREATED_AT_ID, keysetCondition, type Keyset } from '@exchange/platform';
import type { MatchProposalDto } from './dto/proposal.dto';

export interface ProposalRecord {
  id: string;
  candidate_id: string;
  site_id: string;
  startup_id: string;
  programme_id: string;
  application_id: string;
  score: number;
  score_components: ScoreComponent[];
  state: MatchProposalState;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  version: number;
  created_at: Date;
  /** Joined. */
  site_name: string;
  host_organisation_id: string;
  startup_name: string;
  candidate_state: string;
  pilot_id: string | null;
  /** The programme's organiser, from the programme projection: who decides the proposal. */
  organiser_org_id: string | null;
}

export function toProposalDto(r: ProposalRecord): MatchProposalDto {
  return {
    id: r.id,
    candidateId: r.candidate_id,
    siteId: r.site_id,
    siteName: r.site_name,
    hostOrganisationId: r.host_organisation_id,
    startupId: r.startup_id,
    startupName: r.startup_name,
    programmeId: r.programme_id,
    applicationId: r.application_id,
    score: r.score,
    components: r.score_components,
    reasons: r.score_components.map((c) => c.reason),
    state: r.state,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionReason: r.decision_reason,
    pilotId: r.pilot_id,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}

const SELECT = `SELECT p.*, s.name AS site_name, s.host_organisation_id, c.startup_name, c.state AS candidate_state,
    (SELECT x.id FROM pilots.pilots x WHERE x.proposal_id = p.id) AS pilot_id, ${organiserColumn('p.programme_id')}
  FROM pilots.match_proposals p
  JOIN pilots.candidates c ON c.id = p.candidate_id
  JOIN pilots.pilot_sites s ON s.id = p.site_id`;

@Injectable()
export class ProposalsRepository {
  /** The proposal if the scope may see it; with `lock`, the proposal and its candidate are locked. */
  async findVisible(tx: EntityManager, id: string, scope: AccessScope, lock = false): Promise<ProposalRecord | null> {
    const params: unknown[] = [id];
    const condition = scopeCondition(scope, params, 'p.startup_id');
    const rows: ProposalRecord[] = await tx.query(`${SELECT} WHERE p.id = $1 AND ${condition}${lock ? ' FOR UPDATE OF p, c' : ''}`, params);
    return rows[0] ?? null;
  }

  async list(
    tx: EntityManager,
    scope: AccessScope,
    filter: { state?: string; programmeId?: string; siteId?: string; startupId?: string; cursor: Keyset<typeof CREATED_AT_ID> | null; limit: number },
  ): Promise<ProposalRecord[]> {
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
    return tx.query(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params);
  }

  /**
   * Takes one slot of the site. The conditional increment (and the table's CHECK active_pilots ≤
   * capacity) makes two approvals racing for the last slot serialise on the site row: the second
   * re-reads the incremented row, matches nothing and loses.
   */
  async takeSlot(tx: EntityManager, siteId: string): Promise<{ capacity: number; active_pilots: number } | null> {
    const result = await tx.query(
      `UPDATE pilots.pilot_sites SET active_pilots = active_pilots + 1, version = version + 1, updated_at = now()
        WHERE id = $1 AND state = 'active' AND active_pilots < capacity
        RETURNING capacity, active_pilots`,
      [siteId],
    );
    return returnedRows<{ capacity: number; active_pilots: number }>(result)[0] ?? null;
  }

  /** Whether the principal is an active person of the organisation (identity is readable by every service). */
  async isPersonOf(tx: EntityManager, principalId: string, organisationId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM identity.principals WHERE id = $1 AND organisation_id = $2 AND state = 'active'`, [
      principalId,
      organisationId,
    ]);
    return rows.length > 0;
  }

  async siteCapacity(tx: EntityManager, siteId: string): Promise<{ capacity: number; active_pilots: number; state: string }> {
    const rows = await tx.query(`SELECT capacity, active_pilots, state FROM pilots.pilot_sites WHERE id = $1`, [siteId]);
    return rows[0];
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
