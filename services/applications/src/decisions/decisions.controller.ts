import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, ReplyLanguage, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import { ApplicationResponse } from '../applications/dto/application.dto';
import { DecisionsService } from './decisions.service';
import { DecideDto, RankingQuery, RankingResponse } from './dto/decision.dto';

@ApiTags('decisions')
@Controller()
export class DecisionsController {
  constructor(private readonly decisions: DecisionsService) {}

  @Post('applications/:id/decision')
  @Auth('programme_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept, reject or waitlist an application, with a reason' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: "A partner organisation's staff (DECISION.NOT_ORGANISER): only the organiser's programme managers decide" })
  @ApiConflictResponse({ description: 'Not in a state that can be decided, or another manager decided first (currentState, currentVersion)' })
  decide(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DecideDto, @ReplyLanguage() language: Language) {
    return this.decisions.decide(principal, id, dto, language);
  }

  @Get('programmes/:id/ranking')
  @Auth('programme_manager', 'partner_agency')
  @ApiOperation({ summary: "The programme's applications ranked by score" })
  @ApiOkResponse({ type: RankingResponse })
  @ApiNotFoundResponse()
  ranking(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: RankingQuery) {
    return this.decisions.ranking(principal, id, query);
  }

  @Get('programmes/:id/ranking.csv')
  @Auth('programme_manager', 'partner_agency')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="ranking.csv"')
  @ApiOperation({ summary: 'The ranking as a CSV file' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV, one row per application, best first', schema: { type: 'string' } })
  @ApiNotFoundResponse()
  rankingCsv(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: RankingQuery) {
    return this.decisions.rankingCsv(principal, id, query);
  }
}
