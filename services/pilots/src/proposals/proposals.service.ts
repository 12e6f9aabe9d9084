import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { projectedProgrammeRef } from '@exchange/data';
import { OutboxWriter } from '@exchange/messaging';
import { CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import { decidesFor, scopeOf } from '../common/access';
import { unresolvedIdFilters } from '../common/id-filters.repository';
import type { PilotDto } from '../pilots/dto/pilot.dto';
import { PilotsRepository, toPilotDto } from '../pilots/pilots.repository';
import type { ApproveProposalDto, DeclineProposalDto, ListProposalsQueryDto, MatchProposalDto, MatchProposalPageDto } from './dto/proposal.dto';
import { ProposalError, ProposalErrorCode } from './proposals.errors';
import { ProposalsRepository, toProposalDto, type ProposalView } from './proposals.repository';

/** Programme managers approve (fixing success criteria, duration, host owner) or decline proposals. */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ProposalsRepository,
    private readonly pilots: PilotsRepository,
    private readonly outbox: OutboxWriter,
  ) {}

  async get(principal: AuthenticatedPrincipal, id: string, language: Language = 'en'): Promise<MatchProposalDto> {
    const proposal = await this.repository.findVisible(this.dataSource.manager, id, scopeOf(principal));
    if (!proposal) throw new ProposalError(ProposalErrorCode.NotFound, `Match proposal ${id} not found`);
    return toProposalDto(proposal, language);
  }

  async list(principal: AuthenticatedPrincipal, query: ListProposalsQueryDto, language: Language = 'en'): Promise<MatchProposalPageDto> {
    const limit = query.limit ?? 20;
    const scope = scopeOf(principal);
    const unresolved = await unresolvedIdFilters(this.dataSource.manager, scope, query);
    if (unresolved.length > 0) {
      throw new ProposalError(ProposalErrorCode.UnknownFilterId, `Unknown ${unresolved.map((e) => e.field).join(', ')}`, { errors: unresolved });
    }
    const rows = await this.repository.list(this.dataSource.manager, scope, {
      state: query.state,
      programmeId: query.programmeId,
      siteId: query.siteId,
      startupId: query.startupId,
      cursor: decodeCursor(CREATED_AT_ID, query.cursor),
      limit,
    });
    return pageOf(CREATED_AT_ID, rows, limit, ({ proposal }) => [proposal.createdAt.toISOString(), proposal.id], (view) => toProposalDto(view, language)) as MatchProposalPageDto;
  }

  approve(principal: AuthenticatedPrincipal, id: string, dto: ApproveProposalDto): Promise<PilotDto> {
    const names = dto.successCriteria.map((c) => c.name);
    const repeated = names.filter((n, i) => names.indexOf(n) !== i);
    if (repeated.length) {
      throw new ProposalError(ProposalErrorCode.DuplicateCriterion, `Success criteria names must be unique: ${[...new Set(repeated)].join(', ')}`, {
        names: [...new Set(repeated)],
      });
    }
    return this.dataSource.transaction(async (tx) => {
      const view = await this.decidable(tx, principal, id, dto.version);
      const { proposal, hostOrganisationId } = view;
      const ownerId = dto.hostOwner.principalId;
      if (ownerId !== undefined && !(await this.repository.isPersonOf(tx, ownerId, hostOrganisationId))) {
        throw new ProposalError(ProposalErrorCode.UnknownHostOwner, 'The host owner must be a person of the site’s host organisation', {
          errors: [{ field: 'hostOwner.principalId', message: `${ownerId} is not a person of the host organisation` }],
        });
      }
      if (view.candidateState !== 'open') {
        throw new ProposalError(ProposalErrorCode.CandidateAlreadyMatched, 'The startup already has a pilot in this programme', {
          candidateState: view.candidateState,
        });
      }
      if (!(await this.repository.takeSlot(tx, proposal.siteId))) {
        const site = await this.repository.siteCapacity(tx, proposal.siteId);
        throw new ProposalError(ProposalErrorCode.SiteAtCapacity, 'The site has no free pilot slot', {
          capacity: site.capacity,
          activePilots: site.activePilots,
          siteState: site.state,
        });
      }
      await this.repository.decide(tx, id, 'approved', principal.principalId, dto.reason ?? null);
      await this.repository.matchCandidate(tx, proposal.candidateId, id);
      const pilot = await this.pilots.insert(tx, {
        proposalId: id,
        siteId: proposal.siteId,
        candidateId: proposal.candidateId,
        startupId: proposal.startupId,
        programmeId: proposal.programmeId,
        applicationId: proposal.applicationId,
        hostOrganisationId,
        successCriteria: dto.successCriteria.map((c) => ({ key: c.name, metric: c.name, description: c.description ?? c.name, target: c.target, unit: c.unit })),
        durationDays: dto.durationDays,
        hostOwnerName: dto.hostOwner.name,
        hostOwnerEmail: dto.hostOwner.email ?? null,
        hostOwnerPrincipalId: dto.hostOwner.principalId ?? null,
        approvedBy: principal.principalId,
      });
      await this.outbox.add(tx, {
        type: 'pilot.approved',
        data: {
          pilotId: pilot.id,
          proposalId: id,
          startupId: proposal.startupId,
          programmeId: proposal.programmeId,
          programme: await projectedProgrammeRef(tx, 'pilots', proposal.programmeId),
          siteId: proposal.siteId,
          hostOrgId: hostOrganisationId,
          successCriteria: dto.successCriteria.map((c) => ({ name: c.name, unit: c.unit, target: c.target })),
          durationDays: dto.durationDays,
          hostOwner: dto.hostOwner.name,
          approvedBy: principal.principalId,
        },
      });
      return toPilotDto(pilot);
    });
  }

  decline(principal: AuthenticatedPrincipal, id: string, dto: DeclineProposalDto, language: Language = 'en'): Promise<MatchProposalDto> {
    return this.dataSource.transaction(async (tx) => {
      const { proposal } = await this.decidable(tx, principal, id, dto.version);
      await this.repository.decide(tx, id, 'declined', principal.principalId, dto.reason);
      await this.outbox.add(tx, {
        type: 'pilot.declined',
        data: {
          proposalId: id,
          startupId: proposal.startupId,
          programmeId: proposal.programmeId,
          programme: await projectedProgrammeRef(tx, 'pilots', proposal.programmeId),
          siteId: proposal.siteId,
          reason: dto.reason,
        },
      });
      return toProposalDto((await this.repository.findVisible(tx, id, { kind: 'all' }))!, language);
    });
  }

  /**
   * Locks the proposal: 404 outside the caller's programmes, 403 for a partner organisation (only the
   * organiser decides), 409 unless still proposed or on a stale version.
   */
  private async decidable(tx: EntityManager, principal: AuthenticatedPrincipal, id: string, version: number | undefined): Promise<ProposalView> {
    const view = await this.repository.findVisible(tx, id, scopeOf(principal), true);
    if (!view) throw new ProposalError(ProposalErrorCode.NotFound, `Match proposal ${id} not found`);
    const { proposal } = view;
    if (!decidesFor(principal, view.organiserOrgId)) {
      throw new ProposalError(ProposalErrorCode.NotOrganiser, 'Only programme managers of the organising organisation decide match proposals');
    }
    if (proposal.state !== 'proposed') {
      throw new ProposalError(ProposalErrorCode.AlreadyDecided, `The proposal is already ${proposal.state}`, { currentState: proposal.state });
    }
    if (version !== undefined && version !== proposal.version) {
      throw new ProposalError(ProposalErrorCode.StaleVersion, `The proposal changed since version ${version}`, {
        yourVersion: version,
        currentVersion: proposal.version,
        currentState: proposal.state,
      });
    }
    return view;
  }
}
