import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal, Idempotent } from '@exchange/platform';
import { ApiProblems } from '../common/api-problems';
import { CohortsService } from './cohorts.service';
import { CohortDto, CohortPageDto, ListCohortsQueryDto, VersionDto } from './dto/cohort.dto';
import { CreateCohortDto } from './dto/create-cohort.dto';
import { GraduateCohortDto, ListMembersQueryDto, MemberPageDto } from './dto/member.dto';

/** Programme managers of the organising organisation run a cohort; its partners' people read it. */
@ApiTags('cohorts')
@Controller('cohorts')
export class CohortsController {
  constructor(private readonly cohorts: CohortsService) {}

  @Post()
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({
    summary: 'Create a cohort of an accelerator programme, organised by the caller’s organisation (cohort.opened)',
    description:
      '`programmeId` must be a published accelerator programme the caller’s organisation organises, and every ' +
      '`partnerOrganisationIds` entry an organisation that partners in it; otherwise 422 names the field and nothing is written.',
  })
  @ApiCreatedResponse({ type: CohortDto })
  @ApiProblems(400, 422)
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() body: CreateCohortDto): Promise<CohortDto> {
    return this.cohorts.create(principal, body);
  }

  @Get()
  @Auth('programme_manager', 'partner_agency')
  @ApiOperation({
    summary: 'Cohorts the caller’s organisation organises or partners in, newest first',
    description: '`programmeId` must name a programme the caller’s organisation organises or partners in (422 otherwise).',
  })
  @ApiOkResponse({ type: CohortPageDto })
  @ApiProblems(400, 422)
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListCohortsQueryDto): Promise<CohortPageDto> {
    return this.cohorts.list(principal, query);
  }

  @Get(':id')
  @Auth('programme_manager', 'partner_agency')
  @ApiOperation({ summary: 'One cohort' })
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<CohortDto> {
    return this.cohorts.get(principal, id);
  }

  @Get(':id/members')
  @Auth('programme_manager', 'partner_agency')
  @ApiOperation({ summary: 'The cohort’s members (offered, accepted, waitlisted, …) by group and rank' })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiProblems(400, 404)
  members(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListMembersQueryDto,
  ): Promise<MemberPageDto> {
    return this.cohorts.listMembers(principal, id, query);
  }

  @Post(':id/start')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOperation({ summary: 'selecting → in_progress (cohort.started)' })
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(400, 404, 409)
  start(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() body: VersionDto): Promise<CohortDto> {
    return this.cohorts.start(principal, id, body.version);
  }

  @Post(':id/graduate')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOperation({ summary: 'in_progress → graduated: an outcome and note for every accepted member (cohort.graduated per member)' })
  @ApiOkResponse({ type: CohortDto })
  @ApiProblems(400, 404, 409, 422)
  graduate(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: GraduateCohortDto,
  ): Promise<CohortDto> {
    return this.cohorts.graduate(principal, id, body);
  }
}
