import { returnedRows } from '../common/sql';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AdoptionDecision, MeasuredResult, PilotOutcome, PilotState, SuccessCriterion } from '@exchange/data';
import { organiserColumn, scopeCondition, type AccessScope } from '../common/access';
import { CREATED_AT_ID, keysetCondition, type Keyset } from '@exchange/platform';
import type { FinalReportDto, PilotDto } from './dto/pilot.dto';

export interface PilotRecord {
  id: string;
  proposal_id: string;
  site_id: string;
  candidate_id: string;
  startup_id: string;
  programme_id: string;
  application_id: string;
  host_organisation_id: string;
  state: PilotState;
  success_criteria: SuccessCriterion[];
  duration_days: number;
  host_owner_name: string;
  host_owner_email: string | null;
  host_owner_principal_id: string | null;
  approved_by: string | null;
  approved_at: Date;
  planned_start_at: Date | null;
  planned_end_at: Date | null;
  started_at: Date | null;
  completed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  report_overdue_at: Date | null;
  report_very_late_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  /** Joined by findVisible: the programme's organiser (programme projection), who may cancel. */
  organiser_org_id?: string | null;
}

export interface ReportRecord {
  id: string;
  pilot_id: string;
  outcome: PilotOutcome;
  measured_results: MeasuredResult[];
  feedback: string | null;
  adoption: AdoptionDecision;
  contract_value: string | null;
  contract_currency: string | null;
  filed_by: string | null;
  filed_at: Date;
}

export interface NewPilot {
  proposalId: string;
  siteId: string;
  candidateId: string;
  startupId: string;
  programmeId: string;
  applicationId: string;
  hostOrganisationId: string;
  successCriteria: SuccessCriterion[];
  durationDays: number;
  hostOwnerName: string;
  hostOwnerEmail: string | null;
  hostOwnerPrincipalId: string | null;
  approvedBy: string;
}

export interface NewReport {
  outcome: PilotOutcome;
  results: MeasuredResult[];
  feedback: string | null;
  adoption: AdoptionDecision;
  contractValue: number | null;
  contractCurrency: string | null;
  filedBy: string;
}

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function toReportDto(r: ReportRecord, criteria: SuccessCriterion[]): FinalReportDto {
  const targets = new Map(criteria.map((c) => [c.key, c.target]));
  return {
    id: r.id,
    outcome: r.outcome,
    results: r.measured_results.map((m) => ({
      criterion: m.criterion,
      target: targets.get(m.criterion) ?? 0,
      value: m.value,
      met: m.met ?? false,
      ...(m.note ? { note: m.note } : {}),
    })),
    feedback: r.feedback,
    adoption: r.adoption,
    contractValue: r.contract_value === null ? null : Number(r.contract_value),
    contractCurrency: r.contract_currency,
    filedBy: r.filed_by,
    filedAt: r.filed_at.toISOString(),
  };
}

export function toPilotDto(p: PilotRecord, report: ReportRecord | null = null): PilotDto {
  return {
    id: p.id,
    proposalId: p.proposal_id,
    siteId: p.site_id,
    candidateId: p.candidate_id,
    startupId: p.startup_id,
    programmeId: p.programme_id,
    applicationId: p.application_id,
    hostOrganisationId: p.host_organisation_id,
    state: p.state,
    successCriteria: p.success_criteria.map((c) => ({ name: c.key, unit: c.unit ?? '', target: c.target, description: c.description })),
    durationDays: p.duration_days,
    hostOwner: { name: p.host_owner_name, email: p.host_owner_email, principalId: p.host_owner_principal_id },
    approvedBy: p.approved_by,
    approvedAt: p.approved_at.toISOString(),
    plannedStartAt: iso(p.planned_start_at),
    plannedEndAt: iso(p.planned_end_at),
    startedAt: iso(p.started_at),
    completedAt: iso(p.completed_at),
    cancelledAt: iso(p.cancelled_at),
    cancelReason: p.cancel_reason,
    reportStatus: report ? 'filed' : p.report_very_late_at ? 'very_late' : p.report_overdue_at ? 'overdue' : 'not_due',
    report: report ? toReportDto(report, p.success_criteria) : null,
    version: p.version,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

const FROM = `pilots.pilots p JOIN pilots.candidates c ON c.id = p.candidate_id JOIN pilots.pilot_sites s ON s.id = p.site_id`;

@Injectable()
export class PilotsRepository {
  async insert(tx: EntityManager, pilot: NewPilot): Promise<PilotRecord> {
    const rows: PilotRecord[] = await tx.query(
      `INSERT INTO pilots.pilots (proposal_id, site_id, candidate_id, startup_id, programme_id, application_id, host_organisation_id,
          success_criteria, duration_days, host_owner_name, host_owner_email, host_owner_principal_id, approved_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13) RETURNING *`,
      [
        pilot.proposalId,
        pilot.siteId,
        pilot.candidateId,
        pilot.startupId,
        pilot.programmeId,
        pilot.applicationId,
        pilot.hostOrganisationId,
        JSON.stringify(pilot.successCriteria),
        pilot.durationDays,
        pilot.hostOwnerName,
        pilot.hostOwnerEmail,
        pilot.hostOwnerPrincipalId,
        pilot.approvedBy,
      ],
    );
    return rows[0];
  }

  /** The pilot if the scope may see it; locked for the rest of the transaction when `lock`. */
  async findVisible(tx: EntityManager, id: string, scope: AccessScope, lock = false): Promise<PilotRecord | null> {
    const params: unknown[] = [id];
    const condition = scopeCondition(scope, params, 'p.startup_id');
    const rows: PilotRecord[] = await tx.query(
      `SELECT p.*, ${organiserColumn('p.programme_id')} FROM ${FROM} WHERE p.id = $1 AND ${condition}${lock ? ' FOR UPDATE OF p' : ''}`,
      params,
    );
    return rows[0] ?? null;
  }

  async report(tx: EntityManager, pilotId: string): Promise<ReportRecord | null> {
    const rows: ReportRecord[] = await tx.query(`SELECT * FROM pilots.final_reports WHERE pilot_id = $1`, [pilotId]);
    return rows[0] ?? null;
  }

  async list(
    tx: EntityManager,
    scope: AccessScope,
    filter: { state?: string; programmeId?: string; siteId?: string; report?: 'overdue' | 'very_late'; cursor: Keyset<typeof CREATED_AT_ID> | null; limit: number },
  ): Promise<PilotRecord[]> {
    const params: unknown[] = [];
    const where = [scopeCondition(scope, params, 'p.startup_id'), keysetCondition(CREATED_AT_ID, ['p.created_at', 'p.id'], filter.cursor, params, 'DESC')];
    for (const [value, column] of [
      [filter.state, 'p.state'],
      [filter.programmeId, 'p.programme_id'],
      [filter.siteId, 'p.site_id'],
    ] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    }
    if (filter.report === 'overdue') where.push('p.report_overdue_at IS NOT NULL AND p.state = \'in_progress\'');
    if (filter.report === 'very_late') where.push('p.report_very_late_at IS NOT NULL AND p.state = \'in_progress\'');
    params.push(filter.limit + 1);
    return tx.query(`SELECT p.* FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params);
  }

  /** Sets the given columns, bumps the version, returns the new row. */
  async update(tx: EntityManager, id: string, changes: Record<string, unknown>): Promise<PilotRecord> {
    const params: unknown[] = [id];
    const sets = ['version = version + 1', 'updated_at = now()'];
    for (const [column, value] of Object.entries(changes)) {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    }
    const rows = returnedRows<PilotRecord>(await tx.query(`UPDATE pilots.pilots SET ${sets.join(', ')} WHERE id = $1 RETURNING *`, params));
    return rows[0];
  }

  async insertReport(tx: EntityManager, pilotId: string, report: NewReport): Promise<ReportRecord> {
    const rows: ReportRecord[] = await tx.query(
      `INSERT INTO pilots.final_reports (pilot_id, outcome, measured_results, feedback, adoption, contract_value, contract_currency, filed_by)
       VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8) RETURNING *`,
      [pilotId, report.outcome, JSON.stringify(report.results), report.feedback, report.adoption, report.contractValue, report.contractCurrency, report.filedBy],
    );
    return rows[0];
  }

  /** A slot of the site is free again (the pilot ended or was cancelled). */
  async releaseSlot(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(
      `UPDATE pilots.pilot_sites SET active_pilots = active_pilots - 1, version = version + 1, updated_at = now() WHERE id = $1 AND active_pilots > 0`,
      [siteId],
    );
  }

  async site(tx: EntityManager, siteId: string): Promise<{ available_from: Date | null; available_until: Date | null }> {
    const rows = await tx.query(`SELECT available_from, available_until FROM pilots.pilot_sites WHERE id = $1`, [siteId]);
    return rows[0];
  }
}
