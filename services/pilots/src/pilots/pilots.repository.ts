import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { entitiesFrom, entityFrom, Pilot, PilotFinalReport, PilotSite, type SuccessCriterion } from '@exchange/data';
import { organiserColumn, scopeCondition, type AccessScope } from '../common/access';
import { CREATED_AT_ID, keysetCondition, type Keyset } from '@exchange/platform';
import type { FinalReportDto, PilotDto } from './dto/pilot.dto';

/** A pilot with its programme's organiser (programme projection; null while unknown): who may cancel. */
export interface VisiblePilot {
  pilot: Pilot;
  organiserOrgId: string | null;
}

/** What approving fixes; every other column starts at the table's default. */
export type NewPilot = Pick<
  Pilot,
  | 'proposalId'
  | 'siteId'
  | 'candidateId'
  | 'startupId'
  | 'programmeId'
  | 'applicationId'
  | 'hostOrganisationId'
  | 'successCriteria'
  | 'durationDays'
  | 'hostOwnerName'
  | 'hostOwnerEmail'
  | 'hostOwnerPrincipalId'
  | 'approvedBy'
>;

export type NewReport = Pick<PilotFinalReport, 'outcome' | 'measuredResults' | 'feedback' | 'adoption' | 'contractValue' | 'contractCurrency' | 'filedBy'>;

/** What a lifecycle step may change; the version and `updatedAt` move with every change. */
export type PilotChanges = Partial<Pick<Pilot, 'state' | 'plannedStartAt' | 'plannedEndAt' | 'startedAt' | 'completedAt' | 'cancelledAt' | 'cancelReason'>>;

function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

function toReportDto(r: PilotFinalReport, criteria: SuccessCriterion[]): FinalReportDto {
  const targets = new Map(criteria.map((c) => [c.key, c.target]));
  return {
    id: r.id,
    outcome: r.outcome,
    results: r.measuredResults.map((m) => ({
      criterion: m.criterion,
      target: targets.get(m.criterion) ?? 0,
      value: m.value,
      met: m.met ?? false,
      ...(m.note ? { note: m.note } : {}),
    })),
    feedback: r.feedback,
    adoption: r.adoption,
    contractValue: r.contractValue,
    contractCurrency: r.contractCurrency,
    filedBy: r.filedBy,
    filedAt: r.filedAt.toISOString(),
  };
}

export function toPilotDto(p: Pilot, report: PilotFinalReport | null = null): PilotDto {
  return {
    id: p.id,
    proposalId: p.proposalId,
    siteId: p.siteId,
    candidateId: p.candidateId,
    startupId: p.startupId,
    programmeId: p.programmeId,
    applicationId: p.applicationId,
    hostOrganisationId: p.hostOrganisationId,
    state: p.state,
    successCriteria: p.successCriteria.map((c) => ({ name: c.key, unit: c.unit ?? '', target: c.target, description: c.description })),
    durationDays: p.durationDays,
    hostOwner: { name: p.hostOwnerName, email: p.hostOwnerEmail, principalId: p.hostOwnerPrincipalId },
    approvedBy: p.approvedBy,
    approvedAt: p.approvedAt.toISOString(),
    plannedStartAt: iso(p.plannedStartAt),
    plannedEndAt: iso(p.plannedEndAt),
    startedAt: iso(p.startedAt),
    completedAt: iso(p.completedAt),
    cancelledAt: iso(p.cancelledAt),
    cancelReason: p.cancelReason,
    reportStatus: report ? 'filed' : p.reportVeryLateAt ? 'very_late' : p.reportOverdueAt ? 'overdue' : 'not_due',
    report: report ? toReportDto(report, p.successCriteria) : null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

const FROM = `pilots.pilots p JOIN pilots.candidates c ON c.id = p.candidate_id JOIN pilots.pilot_sites s ON s.id = p.site_id`;

@Injectable()
export class PilotsRepository {
  async insert(tx: EntityManager, pilot: NewPilot): Promise<Pilot> {
    const result = await tx.createQueryBuilder().insert().into(Pilot).values(pilot).returning('*').updateEntity(false).execute();
    return entitiesFrom(tx, Pilot, result.raw)[0];
  }

  /** The pilot if the scope may see it; locked for the rest of the transaction when `lock`. */
  async findVisible(tx: EntityManager, id: string, scope: AccessScope, lock = false): Promise<VisiblePilot | null> {
    const params: unknown[] = [id];
    const condition = scopeCondition(scope, params, 'p.startup_id');
    const rows: Array<Record<string, unknown> & { organiser_org_id: string | null }> = await tx.query(
      `SELECT p.*, ${organiserColumn('p.programme_id')} FROM ${FROM} WHERE p.id = $1 AND ${condition}${lock ? ' FOR UPDATE OF p' : ''}`,
      params,
    );
    const pilot = entityFrom(tx, Pilot, rows);
    return pilot && { pilot, organiserOrgId: rows[0].organiser_org_id };
  }

  report(tx: EntityManager, pilotId: string): Promise<PilotFinalReport | null> {
    return tx.getRepository(PilotFinalReport).findOneBy({ pilotId });
  }

  async list(
    tx: EntityManager,
    scope: AccessScope,
    filter: { state?: string; programmeId?: string; siteId?: string; report?: 'overdue' | 'very_late'; cursor: Keyset<typeof CREATED_AT_ID> | null; limit: number },
  ): Promise<Pilot[]> {
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
    const rows = await tx.query(`SELECT p.* FROM ${FROM} WHERE ${where.join(' AND ')} ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`, params);
    return entitiesFrom(tx, Pilot, rows);
  }

  /** Sets the given properties (TypeORM bumps the version and `updatedAt`), returns the new row. */
  async update(tx: EntityManager, id: string, changes: PilotChanges): Promise<Pilot> {
    const result = await tx.createQueryBuilder().update(Pilot).set(changes).where('id = :id', { id }).returning('*').updateEntity(false).execute();
    return entitiesFrom(tx, Pilot, result.raw)[0];
  }

  async insertReport(tx: EntityManager, pilotId: string, report: NewReport): Promise<PilotFinalReport> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(PilotFinalReport)
      .values({ pilotId, ...report })
      .returning('*')
      .updateEntity(false)
      .execute();
    return entitiesFrom(tx, PilotFinalReport, result.raw)[0];
  }

  /** A slot of the site is free again (the pilot ended or was cancelled). */
  async releaseSlot(tx: EntityManager, siteId: string): Promise<void> {
    await tx.query(
      `UPDATE pilots.pilot_sites SET active_pilots = active_pilots - 1, version = version + 1, updated_at = now() WHERE id = $1 AND active_pilots > 0`,
      [siteId],
    );
  }

  site(tx: EntityManager, siteId: string): Promise<PilotSite> {
    return tx.getRepository(PilotSite).findOneByOrFail({ id: siteId });
  }
}
