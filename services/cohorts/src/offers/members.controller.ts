import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal } from '@exchange/platform';
import { ApiProblems } from '../common/api-problems';
import { MemberDto } from '../cohorts/dto/member.dto';
import { OffersService } from './offers.service';

@ApiTags('cohorts')
@Controller('cohorts/:cohortId/members')
export class CohortMembersController {
  constructor(private readonly offers: OffersService) {}

  @Post(':memberId/drop-out')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOperation({ summary: 'Record that an accepted startup dropped out; the group’s next waitlisted startup is offered the place at once' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404, 409)
  dropOut(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('cohortId', ParseUUIDPipe) cohortId: string,
    @Param('memberId', ParseUUIDPipe) memberId: string,
  ): Promise<MemberDto> {
    return this.offers.dropOutByManager(principal, cohortId, memberId);
  }
}
