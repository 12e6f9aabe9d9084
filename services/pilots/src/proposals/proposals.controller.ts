import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, ReplyLanguage, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import { PilotDto } from '../pilots/dto/pilot.dto';
import { ApproveProposalDto, DeclineProposalDto, ListProposalsQueryDto, MatchProposalDto, MatchProposalPageDto } from './dto/proposal.dto';
import { ProposalsService } from './proposals.service';

@ApiTags('match proposals')
@Controller('match-proposals')
export class ProposalsController {
  constructor(private readonly proposals: ProposalsService) {}

  @Get()
  @Auth('startup', 'host', 'programme_manager', 'partner_agency', 'admin')
  @ApiOkResponse({ type: MatchProposalPageDto, description: 'Startups see theirs, hosts those for their sites, managers their programmes’ — with reasons.' })
  @ApiUnprocessableEntityResponse({ description: 'A `programmeId`, `siteId` or `startupId` filter names nothing the caller may see.' })
  list(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Query() query: ListProposalsQueryDto,
    @ReplyLanguage() language: Language,
  ): Promise<MatchProposalPageDto> {
    return this.proposals.list(principal, query, language);
  }

  @Get(':id')
  @Auth('startup', 'host', 'programme_manager', 'partner_agency', 'admin')
  @ApiOkResponse({ type: MatchProposalDto })
  @ApiNotFoundResponse({ description: 'No such proposal, or not yours to see.' })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @ReplyLanguage() language: Language): Promise<MatchProposalDto> {
    return this.proposals.get(principal, id, language);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Auth('programme_manager')
  // Approving creates the pilot: a retried approval replays it instead of answering 409.
  @Idempotent()
  @ApiOkResponse({ type: PilotDto, description: 'The approved pilot, with its success criteria, duration and host owner.' })
  @ApiNotFoundResponse({ description: 'No such proposal in your programmes.' })
  @ApiConflictResponse({ description: 'Already decided (names `currentState`), stale version, site at capacity, or the startup already matched.' })
  @ApiForbiddenResponse({ description: 'A partner organisation’s manager: only the organiser’s programme managers decide.' })
  @ApiUnprocessableEntityResponse({ description: 'Success criteria names repeat, or `hostOwner.principalId` is not a person of the site’s host.' })
  approve(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ApproveProposalDto): Promise<PilotDto> {
    return this.proposals.approve(principal, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOkResponse({ type: MatchProposalDto })
  @ApiNotFoundResponse({ description: 'No such proposal in your programmes.' })
  @ApiForbiddenResponse({ description: 'A partner organisation’s manager: only the organiser’s programme managers decide.' })
  @ApiConflictResponse({ description: 'Already decided (names `currentState`) or stale version.' })
  decline(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DeclineProposalDto,
    @ReplyLanguage() language: Language,
  ): Promise<MatchProposalDto> {
    return this.proposals.decline(principal, id, dto, language);
  }
}
