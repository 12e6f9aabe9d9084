import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, Public, type AuthenticatedPrincipal } from '@exchange/platform';
import {
  AnswerOpenCallDto,
  ListOpenCallAnswersQueryDto,
  ListOpenCallsQueryDto,
  OpenCallActionDto,
  OpenCallAnswerDto,
  OpenCallAnswerPageDto,
  OpenCallDto,
  OpenCallPageDto,
  PublishOpenCallDto,
} from './dto/open-call.dto';
import { OpenCallsService } from './open-calls.service';

@ApiTags('open calls')
@Controller()
export class OpenCallsController {
  constructor(private readonly openCalls: OpenCallsService) {}

  @Post('open-calls')
  @Auth('host')
  @Idempotent()
  @ApiCreatedResponse({ type: OpenCallDto, description: 'The call, open at once and public; `open_call.published` is sent.' })
  @ApiConflictResponse({ description: 'The site is paused or archived.' })
  @ApiUnprocessableEntityResponse({
    description:
      '`siteId` is not one of your sites, `programmeId` is not one of its pilot programmes (or is missing while it has several), the window ends before it starts, or the deadline is past or after the window.',
  })
  publish(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: PublishOpenCallDto): Promise<OpenCallDto> {
    return this.openCalls.publish(principal, dto);
  }

  @Get('open-calls')
  @Public()
  @ApiOkResponse({
    type: OpenCallPageDto,
    description: 'Open calls taking answers, to anyone (no key; rate-limited per client address): newest first, or with `q` best match first.',
  })
  search(@Query() query: ListOpenCallsQueryDto): Promise<OpenCallPageDto> {
    return this.openCalls.search(query);
  }

  @Get('open-calls/:id')
  @Public()
  @ApiOkResponse({ type: OpenCallDto, description: 'An open or closed call, to anyone.' })
  @ApiNotFoundResponse({ description: 'No such open call.' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OpenCallDto> {
    return this.openCalls.get(id);
  }

  @Post('open-calls/:id/close')
  @HttpCode(200)
  @Auth('host')
  @ApiOkResponse({ type: OpenCallDto, description: 'Closed by its host; `open_call.closed` is sent.' })
  @ApiNotFoundResponse({ description: 'No such call, or another host’s.' })
  @ApiConflictResponse({ description: 'Already closed (names `currentState`), or a stale version.' })
  close(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OpenCallActionDto): Promise<OpenCallDto> {
    return this.openCalls.close(principal, id, dto);
  }

  @Post('open-calls/:id/answers')
  @Auth('startup')
  @Idempotent()
  @ApiCreatedResponse({
    type: OpenCallAnswerDto,
    description: 'Your answer; `open_call.answered` is sent and, if you are a candidate of the site’s programme, the site is proposed to you with the answer as a reason.',
  })
  @ApiNotFoundResponse({ description: 'No such open call.' })
  @ApiConflictResponse({ description: 'The call no longer takes answers, or you answered it already (one answer per call; names `answerId`).' })
  answer(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AnswerOpenCallDto): Promise<OpenCallAnswerDto> {
    return this.openCalls.answer(principal, id, dto);
  }

  @Get('open-calls/:id/answers')
  @Auth('host')
  @ApiOkResponse({ type: OpenCallAnswerPageDto, description: 'The answers to one of your calls, newest first.' })
  @ApiNotFoundResponse({ description: 'No such call, or another host’s.' })
  answers(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListOpenCallAnswersQueryDto,
  ): Promise<OpenCallAnswerPageDto> {
    return this.openCalls.answersOfCall(principal, id, query);
  }

  @Get('open-call-answers')
  @Auth('startup')
  @ApiOkResponse({ type: OpenCallAnswerPageDto, description: 'Your own answers, newest first, with how the hosts sorted them.' })
  myAnswers(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListOpenCallAnswersQueryDto): Promise<OpenCallAnswerPageDto> {
    return this.openCalls.answersOfStartup(principal, query);
  }

  @Post('open-call-answers/:id/shortlist')
  @HttpCode(200)
  @Auth('host')
  @ApiOkResponse({ type: OpenCallAnswerDto })
  @ApiNotFoundResponse({ description: 'No such answer to one of your calls.' })
  @ApiConflictResponse({ description: 'Already shortlisted or declined (names `currentState`), or a stale version.' })
  shortlist(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OpenCallActionDto): Promise<OpenCallAnswerDto> {
    return this.openCalls.decideAnswer(principal, id, 'shortlisted', dto);
  }

  @Post('open-call-answers/:id/decline')
  @HttpCode(200)
  @Auth('host')
  @ApiOkResponse({ type: OpenCallAnswerDto, description: 'Declined; a declined answer no longer counts in matching.' })
  @ApiNotFoundResponse({ description: 'No such answer to one of your calls.' })
  @ApiConflictResponse({ description: 'Already declined (names `currentState`), or a stale version.' })
  decline(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: OpenCallActionDto): Promise<OpenCallAnswerDto> {
    return this.openCalls.decideAnswer(principal, id, 'declined', dto);
  }
}
