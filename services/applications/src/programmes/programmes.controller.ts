import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, type AuthenticatedPrincipal } from '@exchange/platform';
import { CreateProgrammeDto, ListProgrammesQuery, ProgrammePageResponse, ProgrammeResponse, UpdateProgrammeDto } from './dto/programme.dto';
import { ProgrammesService } from './programmes.service';

const EVERYONE = ['admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup'] as const;

@ApiTags('programmes')
@Controller('programmes')
export class ProgrammesController {
  constructor(private readonly programmes: ProgrammesService) {}

  @Post()
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({ summary: "Create a draft programme organised by the caller's organisation" })
  @ApiCreatedResponse({ type: ProgrammeResponse })
  @ApiUnprocessableEntityResponse({ description: 'Invalid window, time zone, rubric or eligibility rules' })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreateProgrammeDto) {
    return this.programmes.create(principal, dto);
  }

  @Get()
  @Auth(...EVERYONE)
  @ApiOperation({ summary: "Programmes open to everyone, plus the drafts of the caller's organisation" })
  @ApiOkResponse({ type: ProgrammePageResponse })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListProgrammesQuery) {
    return this.programmes.list(principal, query);
  }

  @Get(':id')
  @Auth(...EVERYONE)
  @ApiOkResponse({ type: ProgrammeResponse })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.programmes.get(principal, id);
  }

  @Patch(':id')
  @Auth('programme_manager')
  @ApiOperation({ summary: 'Edit a draft programme' })
  @ApiOkResponse({ type: ProgrammeResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Not a draft, or changed since you read it' })
  @ApiForbiddenResponse({ description: "A partner organisation's staff (PROGRAMME.NOT_ORGANISER): only the organiser's programme managers edit it" })
  update(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateProgrammeDto) {
    return this.programmes.update(principal, id, dto);
  }

  @Post(':id/publish')
  @Auth('programme_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a draft: startups can apply within its window' })
  @ApiOkResponse({ type: ProgrammeResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: "A partner organisation's staff (PROGRAMME.NOT_ORGANISER): only the organiser's programme managers publish it" })
  @ApiConflictResponse({ description: 'Not a draft' })
  publish(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.programmes.transition(principal, id, 'publish');
  }

  @Post(':id/close')
  @Auth('programme_manager')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a published programme to new applications' })
  @ApiOkResponse({ type: ProgrammeResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: "A partner organisation's staff (PROGRAMME.NOT_ORGANISER): only the organiser's programme managers close it" })
  @ApiConflictResponse({ description: 'Not published' })
  close(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.programmes.transition(principal, id, 'close');
  }
}
