import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, type AuthenticatedPrincipal } from '@exchange/platform';
import { CreatePilotSiteDto, ListPilotSitesQueryDto, PilotSiteDto, PilotSitePageDto, UpdatePilotSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('pilot sites')
@Controller('pilot-sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Auth('host')
  @Idempotent()
  @ApiCreatedResponse({ type: PilotSiteDto, description: 'The site; startups of its programmes are proposed for it at once.' })
  @ApiUnprocessableEntityResponse({
    description: 'TRL range or availability dates are inconsistent, or a `programmeIds` entry is not a published pilot programme (named in `errors`).',
  })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreatePilotSiteDto): Promise<PilotSiteDto> {
    return this.sites.create(principal, dto);
  }

  @Get()
  @Auth('host', 'programme_manager', 'admin')
  @ApiOkResponse({ type: PilotSitePageDto, description: 'Hosts see their own sites; managers all published sites.' })
  @ApiUnprocessableEntityResponse({ description: '`programmeId` is not a pilot programme this service knows.' })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListPilotSitesQueryDto): Promise<PilotSitePageDto> {
    return this.sites.list(principal, query);
  }

  @Get(':id')
  @Auth('host', 'programme_manager', 'admin')
  @ApiOkResponse({ type: PilotSiteDto })
  @ApiNotFoundResponse({ description: 'No such site, or another host’s site.' })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<PilotSiteDto> {
    return this.sites.get(principal, id);
  }

  @Patch(':id')
  @Auth('host')
  @ApiOkResponse({ type: PilotSiteDto, description: 'Freed capacity or a reactivated site gets new proposals.' })
  @ApiNotFoundResponse({ description: 'No such site, or another host’s site.' })
  @ApiConflictResponse({ description: 'Stale version, or capacity below the pilots running.' })
  @ApiUnprocessableEntityResponse({
    description: 'A `programmeIds` entry the site did not have is not a published pilot programme (the ones it has may stay after they close).',
  })
  update(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdatePilotSiteDto,
  ): Promise<PilotSiteDto> {
    return this.sites.update(principal, id, dto);
  }
}
