import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal } from '@exchange/platform';
import { ApiProblems } from '../common/api-problems';
import { VersionDto } from '../cohorts/dto/cohort.dto';
import { SelectionResultDto } from './dto/selection.dto';
import { SelectionService } from './selection.service';

const RANKING =
  'Candidates are ranked per group by effective score (score, 0 when missing, plus the successful-pilot bonus), ties broken by: ' +
  'a successful pilot first, then the earlier acceptance, then the startup id ascending. Candidates under the minimum score are excluded. ' +
  'Each group’s best `perGroup` are offered places; if that exceeds the capacity, places go by rank round (all rank 1, then all rank 2, …). ' +
  'The rest are waitlisted in rank order per group.';

@ApiTags('selection')
@Controller('cohorts/:id/selection')
export class SelectionController {
  constructor(private readonly selection: SelectionService) {}

  @Post('preview')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOperation({ summary: 'Preview the selection (writes nothing)', description: RANKING })
  @ApiOkResponse({ type: SelectionResultDto })
  @ApiProblems(404, 409)
  preview(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<SelectionResultDto> {
    return this.selection.preview(principal, id);
  }

  @Post('commit')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOperation({
    summary: 'Commit the selection: planning → selecting, offers and waitlist (cohort.offer_made, cohort.waitlisted)',
    description: `${RANKING} The body's version must be the cohort's current version (409 otherwise).`,
  })
  @ApiOkResponse({ type: SelectionResultDto })
  @ApiProblems(400, 404, 409)
  commit(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: VersionDto,
  ): Promise<SelectionResultDto> {
    return this.selection.commit(principal, id, body.version);
  }
}
