import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, ReplyLanguage, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import { ApplicationsService } from './applications.service';
import {
  ApplicationPageResponse,
  ApplicationResponse,
  CreateApplicationDto,
  ListApplicationsQuery,
  NotEligibleProblem,
  StatusHistoryResponse,
  UpdateApplicationDto,
  WithdrawApplicationDto,
} from './dto/application.dto';

@ApiTags('applications')
@ApiExtraModels(NotEligibleProblem)
@Controller('applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @Auth('startup')
  @Idempotent()
  @ApiOperation({ summary: 'Start a draft application to a programme' })
  @ApiCreatedResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse({ description: 'No such programme open to you' })
  @ApiConflictResponse({ description: 'An active application to this programme exists' })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreateApplicationDto, @ReplyLanguage() language: Language) {
    return this.applications.create(principal, dto, language);
  }

  @Get()
  @Auth('startup', 'programme_manager', 'partner_agency', 'admin')
  @ApiOperation({ summary: "The startup's own applications, or the applications of the caller organisation's programmes" })
  @ApiOkResponse({ type: ApplicationPageResponse })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListApplicationsQuery, @ReplyLanguage() language: Language) {
    return this.applications.list(principal, query, language);
  }

  @Get(':id')
  @Auth('startup', 'programme_manager', 'partner_agency', 'admin')
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @ReplyLanguage() language: Language) {
    return this.applications.get(principal, id, language);
  }

  @Get(':id/history')
  @Auth('startup', 'programme_manager', 'partner_agency', 'admin')
  @ApiOperation({ summary: 'Every status change with its time and reason, and the status in plain words' })
  @ApiOkResponse({ type: StatusHistoryResponse })
  @ApiNotFoundResponse()
  history(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @ReplyLanguage() language: Language) {
    return this.applications.history(principal, id, language);
  }

  @Patch(':id')
  @Auth('startup')
  @ApiOperation({ summary: "Edit a draft's answers" })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not a draft (currentState), or changed since read' })
  update(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateApplicationDto,
    @ReplyLanguage() language: Language,
  ) {
    return this.applications.updateAnswers(principal, id, dto, language);
  }

  @Post(':id/submit')
  @Auth('startup')
  @HttpCode(200)
  @ApiOperation({ summary: "Submit: checks the window and every eligibility rule, and lists every rule that fails (each with its code and its text in the caller's language)" })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not a draft (currentState)' })
  @ApiUnprocessableEntityResponse({ description: 'Rules not met', schema: { $ref: getSchemaPath(NotEligibleProblem) } })
  submit(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @ReplyLanguage() language: Language) {
    return this.applications.submit(principal, id, language);
  }

  @Post(':id/withdraw')
  @Auth('startup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw before a decision' })
  @ApiOkResponse({ type: ApplicationResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already decided or withdrawn (currentState)' })
  withdraw(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: WithdrawApplicationDto,
    @ReplyLanguage() language: Language,
  ) {
    return this.applications.withdraw(principal, id, dto, language);
  }
}
