import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CREATED_AT_ID, decodeCursor, pageOf, type AuthenticatedPrincipal } from '@exchange/platform';
import { MatchingService } from '../matching/matching.service';
import type { CreatePilotSiteDto, ListPilotSitesQueryDto, PilotSiteDto, PilotSitePageDto, UpdatePilotSiteDto } from './dto/site.dto';
import { assertAttachableProgrammes, assertKnownPilotProgramme } from './site-programmes';
import { SiteError, SiteErrorCode } from './sites.errors';
import type { PilotSite } from '@exchange/data';
import { SitesRepository, toSiteDto } from './sites.repository';

function checkRanges(next: { minTrl: number; maxTrl: number; availableFrom: string | Date | null; availableUntil: string | Date | null }) {
  if (next.minTrl > next.maxTrl) {
    throw new SiteError(SiteErrorCode.InvalidTrlRange, `minTrl ${next.minTrl} is above maxTrl ${next.maxTrl}`, { minTrl: next.minTrl, maxTrl: next.maxTrl });
  }
  if (next.availableFrom && next.availableUntil && new Date(next.availableUntil) <= new Date(next.availableFrom)) {
    throw new SiteError(SiteErrorCode.InvalidDates, 'availableUntil must be after availableFrom');
  }
}

/** Host organisations publish pilot sites; a new or freed site gets startups proposed at once. */
@Injectable()
export class SitesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SitesRepository,
    private readonly matching: MatchingService,
  ) {}

  async create(principal: AuthenticatedPrincipal, dto: CreatePilotSiteDto): Promise<PilotSiteDto> {
    checkRanges({ ...dto, availableFrom: dto.availableFrom ?? null, availableUntil: dto.availableUntil ?? null });
    return this.dataSource.transaction(async (tx) => {
      await assertAttachableProgrammes(tx, dto.programmeIds);
      const site = await this.repository.insert(tx, principal.organisationId!, dto);
      await this.matching.proposeForSite(tx, site.id);
      return toSiteDto(site);
    });
  }

  async get(principal: AuthenticatedPrincipal, id: string): Promise<PilotSiteDto> {
    const site = await this.repository.find(this.dataSource.manager, id);
    return toSiteDto(this.visible(principal, site, id));
  }

  async list(principal: AuthenticatedPrincipal, query: ListPilotSitesQueryDto): Promise<PilotSitePageDto> {
    const limit = query.limit ?? 20;
    if (query.programmeId) await assertKnownPilotProgramme(this.dataSource.manager, query.programmeId);
    const rows = await this.repository.list(this.dataSource.manager, {
      hostOrganisationId: principal.role === 'host' ? principal.organisationId! : undefined,
      programmeId: query.programmeId,
      state: query.state,
      city: query.city,
      cursor: decodeCursor(CREATED_AT_ID, query.cursor),
      limit,
    });
    return pageOf(CREATED_AT_ID, rows, limit, (row) => [row.createdAt.toISOString(), row.id], toSiteDto) as PilotSitePageDto;
  }

  async update(principal: AuthenticatedPrincipal, id: string, dto: UpdatePilotSiteDto): Promise<PilotSiteDto> {
    return this.dataSource.transaction(async (tx) => {
      const current = this.visible(principal, await this.repository.find(tx, id, true), id);
      if (current.version !== dto.version) {
        throw new SiteError(SiteErrorCode.StaleVersion, `The site changed since version ${dto.version}`, { yourVersion: dto.version, currentVersion: current.version });
      }
      checkRanges({
        minTrl: dto.minTrl ?? current.minTrl,
        maxTrl: dto.maxTrl ?? current.maxTrl,
        availableFrom: dto.availableFrom ?? current.availableFrom,
        availableUntil: dto.availableUntil ?? current.availableUntil,
      });
      if (dto.programmeIds) await assertAttachableProgrammes(tx, dto.programmeIds, current.programmeIds);
      if (dto.capacity !== undefined && dto.capacity < current.activePilots) {
        throw new SiteError(SiteErrorCode.CapacityBelowActivePilots, `The site runs ${current.activePilots} pilots; capacity cannot go below that`, {
          activePilots: current.activePilots,
        });
      }
      const updated = (await this.repository.update(tx, id, dto.version, dto))!;
      const freed = updated.capacity - updated.activePilots > current.capacity - current.activePilots;
      const reopened = updated.state === 'active' && current.state !== 'active';
      if (updated.state === 'active' && (freed || reopened || dto.programmeIds || dto.technologyFields)) {
        await this.matching.proposeForSite(tx, id);
      }
      return toSiteDto(updated);
    });
  }

  /** A host sees only its own sites; another host's site is "not found". */
  private visible(principal: AuthenticatedPrincipal, site: PilotSite | null, id: string): PilotSite {
    if (!site || (principal.role === 'host' && site.hostOrganisationId !== principal.organisationId)) {
      throw new SiteError(SiteErrorCode.NotFound, `Pilot site ${id} not found`);
    }
    return site;
  }
}
