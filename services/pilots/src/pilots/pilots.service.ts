import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { OutboxWriter } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal } from '@exchange/platform';
import { decidesFor, scopeOf } from '../common/access';
import { unresolvedIdFilters } from '../common/id-filters.repository';
import { MatchingService } from '../matching/matching.service';
import type { CancelPilotDto, FinalReportInputDto, ListPilotsQueryDto, PilotDto, PilotPageDto, SchedulePilotDto } from './dto/pilot.dto';
import { assertTransition, type PilotAction } from './pilots.lifecycle';
import { PilotError, PilotErrorCode } from './pilots.errors';
import { projectedProgrammeRef, type Pilot, type PilotState } from '@exchange/data';
import { PilotsRepository, toPilotDto } from './pilots.repository';

const DAY_MS = 86_400_000;

function dateOnly(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The pilot lifecycle after approval: scheduling, start, the final report, cancellation. */
@Injectable()
export class PilotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PilotsRepository,
    private readonly outbox: OutboxWriter,
    private readonly matching: MatchingService,
  ) {}

  async get(principal: AuthenticatedPrincipal, id: string): Promise<PilotDto> {
    const tx = this.dataSource.manager;
    const visible = await this.repository.findVisible(tx, id, scopeOf(principal));
    if (!visible) throw new PilotError(PilotErrorCode.NotFound, `Pilot ${id} not found`);
    return toPilotDto(visible.pilot, await this.repository.report(tx, id));
  }

  async list(principal: AuthenticatedPrincipal, query: ListPilotsQueryDto): Promise<PilotPageDto> {
    const limit = query.limit ?? 20;
    const scope = scopeOf(principal);
    const unresolved = await unresolvedIdFilters(this.dataSource.manager, scope, query);
    if (unresolved.length > 0) {
      throw new PilotError(PilotErrorCode.UnknownFilterId, `Unknown ${unresolved.map((e) => e.field).join(', ')}`, { errors: unresolved });
    }
    const rows = await this.repository.list(this.dataSource.manager, scope, {
      state: query.state,
      programmeId: query.programmeId,
      siteId: query.siteId,
      report: query.report,
      cursor: decodeCursor(CREATED_AT_ID, query.cursor),
      limit,
    });
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.createdAt.toISOString(), row.id], (p) => toPilotDto(p)) as PilotPageDto;
  }

  /** The host confirms the dates: approved → scheduled. */
  schedule(principal: AuthenticatedPrincipal, id: string, dto: SchedulePilotDto): Promise<PilotDto> {
    return this.transition(principal, id, 'schedule', dto.version, async (tx, pilot, to) => {
      const start = new Date(`${dto.startsOn}T00:00:00Z`);
      const end = new Date(start.getTime() + pilot.durationDays * DAY_MS);
      const site = await this.repository.site(tx, pilot.siteId);
      if ((site.availableFrom && start < site.availableFrom) || (site.availableUntil && end > site.availableUntil)) {
        throw new PilotError(PilotErrorCode.OutsideSiteAvailability, 'The pilot’s dates fall outside the site’s available dates', {
          availableFrom: site.availableFrom?.toISOString() ?? null,
          availableUntil: site.availableUntil?.toISOString() ?? null,
        });
      }
      const updated = await this.repository.update(tx, id, { state: to, plannedStartAt: start, plannedEndAt: end });
      await this.outbox.add(tx, {
        type: 'pilot.scheduled',
        data: { ...(await this.base(tx, pilot)), startsOn: dto.startsOn, endsOn: dateOnly(end) },
      });
      return updated;
    });
  }

  /** scheduled → in_progress. Criteria, duration and owner were fixed at approval (the table requires them). */
  start(principal: AuthenticatedPrincipal, id: string, version?: number): Promise<PilotDto> {
    return this.transition(principal, id, 'start', version, async (tx, pilot, to) => {
      const now = new Date();
      const updated = await this.repository.update(tx, id, { state: to, startedAt: now });
      await this.outbox.add(tx, { type: 'pilot.started', data: { ...(await this.base(tx, pilot)), startedAt: now.toISOString() } });
      return updated;
    });
  }

  /** in_progress → completed, with the host's final report; the site's slot is freed. */
  complete(principal: AuthenticatedPrincipal, id: string, dto: FinalReportInputDto): Promise<PilotDto> {
    return this.transition(principal, id, 'complete', dto.version, async (tx, pilot, to) => {
      const criteria = new Map(pilot.successCriteria.map((c) => [c.key, c]));
      const given = dto.results.map((r) => r.criterion);
      const missing = [...criteria.keys()].filter((k) => !given.includes(k));
      const unknown = given.filter((k) => !criteria.has(k));
      const repeated = given.filter((k, i) => given.indexOf(k) !== i);
      if (missing.length || unknown.length || repeated.length) {
        throw new PilotError(PilotErrorCode.ResultsDoNotMatchCriteria, 'The report needs exactly one measured value for each success criterion', {
          missing,
          unknown,
          repeated: [...new Set(repeated)],
        });
      }
      if ((dto.contractCurrency === undefined) !== (dto.contractValue === undefined)) {
        throw new PilotError(PilotErrorCode.CurrencyWithoutValue, 'contractValue and contractCurrency go together');
      }
      const now = new Date();
      const results = dto.results.map((r) => ({
        criterion: r.criterion,
        value: r.value,
        met: r.value >= criteria.get(r.criterion)!.target,
        ...(r.note ? { note: r.note } : {}),
      }));
      await this.repository.insertReport(tx, id, {
        outcome: dto.outcome,
        measuredResults: results,
        feedback: dto.feedback ?? null,
        adoption: dto.adoption,
        contractValue: dto.contractValue ?? null,
        contractCurrency: dto.contractCurrency ?? null,
        filedBy: principal.principalId,
      });
      const updated = await this.repository.update(tx, id, { state: to, completedAt: now });
      await this.outbox.add(tx, {
        type: 'pilot.completed',
        data: {
          ...(await this.base(tx, pilot)),
          outcome: dto.outcome,
          adoption: dto.adoption,
          contractValue: dto.contractValue ?? null,
          results: results.map((r) => ({ criterion: r.criterion, target: criteria.get(r.criterion)!.target, measured: r.value })),
          completedAt: now.toISOString(),
        },
      });
      await this.freeSlot(tx, pilot);
      return updated;
    });
  }

  /** approved | scheduled | in_progress → cancelled; the site's slot is freed. */
  cancel(principal: AuthenticatedPrincipal, id: string, dto: CancelPilotDto): Promise<PilotDto> {
    return this.transition(principal, id, 'cancel', dto.version, async (tx, pilot, to) => {
      const updated = await this.repository.update(tx, id, { state: to, cancelledAt: new Date(), cancelReason: dto.reason });
      await this.outbox.add(tx, { type: 'pilot.cancelled', data: { ...(await this.base(tx, pilot)), reason: dto.reason } });
      await this.freeSlot(tx, pilot);
      return updated;
    });
  }

  private async freeSlot(tx: EntityManager, pilot: Pilot): Promise<void> {
    await this.repository.releaseSlot(tx, pilot.siteId);
    await this.matching.proposeForSite(tx, pilot.siteId);
  }

  /** The fields every pilot event carries, with its programme as this service's projection knows it. */
  private async base(tx: EntityManager, p: Pilot) {
    const programme = await projectedProgrammeRef(tx, 'pilots', p.programmeId);
    return { pilotId: p.id, startupId: p.startupId, programmeId: p.programmeId, programme, siteId: p.siteId, hostOrgId: p.hostOrganisationId };
  }

  /**
   * Locks the pilot, checks visibility (404), who may act (403: a host acts on pilots at its own
   * sites, which its scope already ensures; anyone else only as a programme manager of the organiser,
   * never as a partner), the transition (409 with the current state) and the version (409).
   */
  private async transition(
    principal: AuthenticatedPrincipal,
    id: string,
    action: PilotAction,
    version: number | undefined,
    apply: (tx: EntityManager, pilot: Pilot, to: PilotState) => Promise<Pilot>,
  ): Promise<PilotDto> {
    return this.dataSource.transaction(async (tx) => {
      const visible = await this.repository.findVisible(tx, id, scopeOf(principal), true);
      if (!visible) throw new PilotError(PilotErrorCode.NotFound, `Pilot ${id} not found`);
      const { pilot } = visible;
      if (principal.role !== 'host' && !decidesFor(principal, visible.organiserOrgId)) {
        throw new PilotError(PilotErrorCode.NotOrganiser, 'Only programme managers of the organising organisation or the host act on a pilot');
      }
      const to = assertTransition(action, pilot.state);
      if (version !== undefined && version !== pilot.version) {
        throw new PilotError(PilotErrorCode.StaleVersion, `The pilot changed since version ${version}`, {
          yourVersion: version,
          currentVersion: pilot.version,
          currentState: pilot.state,
        });
      }
      const updated = await apply(tx, pilot, to);
      return toPilotDto(updated, await this.repository.report(tx, id));
    });
  }
}
