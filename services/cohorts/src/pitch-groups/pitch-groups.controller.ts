import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal } from '@exchange/platform';
import { ApiProblems } from '../common/api-problems';
import { AssignPitchGroupsDto, CohortCandidatePageDto, ListCandidatesQueryDto, PitchGroupsResultDto } from './dto/pitch-groups.dto';
import { PitchGroupsService } from './pitch-groups.service';

@ApiTags('selection')
@Controller('cohorts/:cohortId')
export class PitchGroupsController {
  constructor(private readonly pitchGroups: PitchGroupsService) {}

  @Put('pitch-groups')
  @Auth('programme_manager')
  @ApiOperation({
    summary: 'Put candidates into pitch sessions (the groups of a `pitch_session` selection rule); only while the cohort is planning',
    description:
      'Each listed startup must be a candidate of the cohort (GET …/candidates): 422 names the others. The body’s version must be the ' +
      'cohort’s current version; the answer carries the new one. Startups not listed keep their session; null unassigns. Sessions are ' +
      'kept per programme, so cohorts of the same programme share them. 409 with `currentState` once selection is committed.',
  })
  @ApiOkResponse({ type: PitchGroupsResultDto })
  @ApiProblems(400, 404, 409, 422)
  assign(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('cohortId', ParseUUIDPipe) cohortId: string,
    @Body() body: AssignPitchGroupsDto,
  ): Promise<PitchGroupsResultDto> {
    return this.pitchGroups.assign(principal, cohortId, body);
  }

  @Get('candidates')
  @Auth('programme_manager', 'partner_agency')
  @ApiOperation({ summary: 'The candidates selection would consider now, with pitch session, selection group, score and successful-pilot flag' })
  @ApiOkResponse({ type: CohortCandidatePageDto })
  @ApiProblems(400, 404)
  list(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('cohortId', ParseUUIDPipe) cohortId: string,
    @Query() query: ListCandidatesQueryDto,
  ): Promise<CohortCandidatePageDto> {
    return this.pitchGroups.list(principal, cohortId, query);
  }
}
