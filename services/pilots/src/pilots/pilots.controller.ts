import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, type AuthenticatedPrincipal } from '@exchange/platform';
import { CancelPilotDto, FinalReportInputDto, ListPilotsQueryDto, PilotDto, PilotPageDto, SchedulePilotDto, VersionedActionDto } from './dto/pilot.dto';
import { PilotsService } from './pilots.service';

const ILLEGAL = 'Illegal transition (the problem names `currentState`) or a stale version.';

@ApiTags('pilots')
@Controller('pilots')
export class PilotsController {
  constructor(private readonly pilots: PilotsService) {}

  @Get()
  @Auth('startup', 'host', 'programme_manager', 'partner_agency', 'admin')
  @ApiOkResponse({ type: PilotPageDto, description: 'Startups see theirs, hosts those at their sites, managers their programmes’.' })
  @ApiUnprocessableEntityResponse({ description: 'A `programmeId` or `siteId` filter names nothing the caller may see.' })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListPilotsQueryDto): Promise<PilotPageDto> {
    return this.pilots.list(principal, query);
  }

  @Get(':id')
  @Auth('startup', 'host', 'programme_manager', 'partner_agency', 'admin')
  @ApiOkResponse({ type: PilotDto, description: 'The pilot with its final report, once filed.' })
  @ApiNotFoundResponse({ description: 'No such pilot, or not yours to see.' })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<PilotDto> {
    return this.pilots.get(principal, id);
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @Auth('host')
  @ApiOkResponse({ type: PilotDto, description: 'The host confirmed the dates: approved → scheduled.' })
  @ApiNotFoundResponse({ description: 'No such pilot at your sites.' })
  @ApiConflictResponse({ description: ILLEGAL })
  @ApiUnprocessableEntityResponse({ description: 'Dates outside the site’s availability.' })
  schedule(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SchedulePilotDto): Promise<PilotDto> {
    return this.pilots.schedule(principal, id, dto);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Auth('host')
  @ApiOkResponse({ type: PilotDto, description: 'scheduled → in_progress.' })
  @ApiNotFoundResponse({ description: 'No such pilot at your sites.' })
  @ApiConflictResponse({ description: ILLEGAL })
  start(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VersionedActionDto): Promise<PilotDto> {
    return this.pilots.start(principal, id, dto.version);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Auth('host')
  @ApiOkResponse({ type: PilotDto, description: 'in_progress → completed, with the final report.' })
  @ApiNotFoundResponse({ description: 'No such pilot at your sites.' })
  @ApiConflictResponse({ description: ILLEGAL })
  @ApiUnprocessableEntityResponse({ description: 'The results do not match the success criteria one to one.' })
  complete(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FinalReportInputDto): Promise<PilotDto> {
    return this.pilots.complete(principal, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Auth('programme_manager', 'host')
  @ApiOkResponse({ type: PilotDto, description: 'approved | scheduled | in_progress → cancelled.' })
  @ApiNotFoundResponse({ description: 'No such pilot in your programmes or at your sites.' })
  @ApiForbiddenResponse({ description: 'A partner organisation’s manager: only the organiser’s programme managers (or the host) cancel.' })
  @ApiConflictResponse({ description: ILLEGAL })
  cancel(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CancelPilotDto): Promise<PilotDto> {
    return this.pilots.cancel(principal, id, dto);
  }
}
