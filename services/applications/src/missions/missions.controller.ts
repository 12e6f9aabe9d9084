import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, PageQueryDto, ReplyLanguage, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import {
  AddParticipantDto,
  CreateMissionDto,
  ListMeetingsQuery,
  ListMissionsQuery,
  MeetingPageResponse,
  MeetingResponse,
  MissionPageResponse,
  MissionResponse,
  ParticipantPageResponse,
  ParticipantResponse,
  ProposalsResponse,
  RecordOutcomeDto,
  ScheduleResponse,
} from './dto/mission.dto';
import { MissionsService } from './missions.service';

/** Who runs a mission: the organiser's admins and programme managers. */
const ORGANISERS = ['admin', 'programme_manager'] as const;
/** Who reads it: the organiser's and partners' people, the taking-part organisations' people (a host's coordinators too) and startups. */
const READERS = ['admin', 'programme_manager', 'partner_agency', 'host', 'startup'] as const;
const NOT_VISIBLE = 'Unknown, or a mission the caller neither runs, partners in nor takes part in (MISSION.NOT_FOUND)';
const MEETING_NOT_VISIBLE = 'Unknown mission, or a meeting the caller may not see (MISSION.NOT_FOUND, MISSION.MEETING_NOT_FOUND)';

@ApiTags('missions')
@Controller('missions')
export class MissionsController {
  constructor(private readonly missions: MissionsService) {}

  @Post()
  @Auth(...ORGANISERS)
  @Idempotent()
  @ApiOperation({ summary: "Create a business mission (a draft) run by the caller's organisation: host city, days, meeting hours cut into slots, rooms" })
  @ApiCreatedResponse({ type: MissionResponse })
  @ApiUnprocessableEntityResponse({ description: 'Unknown partner organisation (MISSION.UNKNOWN_ORGANISATION) or an unusable calendar (MISSION.INVALID_CALENDAR)' })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: CreateMissionDto) {
    return this.missions.create(principal, dto);
  }

  @Get()
  @Auth(...READERS)
  @ApiOperation({ summary: 'The missions the caller runs, partners in or takes part in, oldest first' })
  @ApiOkResponse({ type: MissionPageResponse })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListMissionsQuery) {
    return this.missions.list(principal, query);
  }

  @Get(':id')
  @Auth(...READERS)
  @ApiOkResponse({ type: MissionResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.missions.get(principal, id);
  }

  @Post(':id/participants')
  @Auth(...ORGANISERS)
  @Idempotent()
  @ApiOperation({ summary: 'Add a company (an organisation or a startup) to the delegation or the local side, with what it offers and seeks and when it can meet' })
  @ApiCreatedResponse({ type: ParticipantResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'A partner or participant of the mission, not its organiser (MISSION.NOT_ORGANISER)' })
  @ApiConflictResponse({ description: 'Already taking part (MISSION.ALREADY_PARTICIPANT), 500 companies (MISSION.TOO_MANY_PARTICIPANTS), or scheduled (MISSION.ILLEGAL_STATE)' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown organisation or startup, or availability outside the mission days (MISSION.INVALID_AVAILABILITY)' })
  addParticipant(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddParticipantDto) {
    return this.missions.addParticipant(principal, id, dto);
  }

  @Get(':id/participants')
  @Auth(...READERS)
  @ApiOperation({ summary: "The mission's companies, oldest first" })
  @ApiOkResponse({ type: ParticipantPageResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  participants(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto) {
    return this.missions.participants(principal, id, query);
  }

  @Post(':id/publish')
  @Auth(...ORGANISERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the mission to matchmaking and answers (mission.published to the organiser and partners)' })
  @ApiOkResponse({ type: MissionResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not the organiser (MISSION.NOT_ORGANISER)' })
  @ApiConflictResponse({ description: 'Not a draft (MISSION.ILLEGAL_STATE, currentState)' })
  publish(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.missions.publish(principal, id);
  }

  @Post(':id/proposals')
  @Auth(...ORGANISERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Run matchmaking: propose one-to-one meetings between delegation and local companies, explained by shared fields, complementary offer and need, and a shared language',
  })
  @ApiOkResponse({ type: ProposalsResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not the organiser (MISSION.NOT_ORGANISER)' })
  @ApiConflictResponse({ description: 'Already scheduled (MISSION.ILLEGAL_STATE)' })
  propose(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.missions.propose(principal, id);
  }

  @Get(':id/meetings')
  @Auth(...READERS)
  @ApiOperation({ summary: "Proposed meetings with their score and reasons in the reader's language: all for the organiser and partners, its own for a company" })
  @ApiOkResponse({ type: MeetingPageResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  meetings(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: ListMeetingsQuery, @ReplyLanguage() language: Language) {
    return this.missions.meetings(principal, id, query, language);
  }

  @Post(':id/meetings/:meetingId/accept')
  @Auth(...READERS)
  @HttpCode(200)
  @ApiOperation({ summary: "Accept a proposed meeting for the caller's company; it is accepted once both companies accept" })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiNotFoundResponse({ description: MEETING_NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not one of the meeting’s companies (MISSION.NOT_A_SIDE)' })
  @ApiConflictResponse({ description: 'The mission is not open to answers (MISSION.ILLEGAL_STATE)' })
  accept(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @ReplyLanguage() language: Language,
  ) {
    return this.missions.answer(principal, id, meetingId, 'accepted', language);
  }

  @Post(':id/meetings/:meetingId/decline')
  @Auth(...READERS)
  @HttpCode(200)
  @ApiOperation({ summary: "Decline a proposed meeting for the caller's company" })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiNotFoundResponse({ description: MEETING_NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not one of the meeting’s companies (MISSION.NOT_A_SIDE)' })
  @ApiConflictResponse({ description: 'The mission is not open to answers (MISSION.ILLEGAL_STATE)' })
  decline(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @ReplyLanguage() language: Language,
  ) {
    return this.missions.answer(principal, id, meetingId, 'declined', language);
  }

  @Post(':id/schedule')
  @Auth(...ORGANISERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Place the accepted meetings into slots and rooms and publish the schedule (no company or room twice in a slot, availability kept); answers close',
  })
  @ApiOkResponse({ type: ScheduleResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Not the organiser (MISSION.NOT_ORGANISER)' })
  @ApiConflictResponse({ description: 'Not published, or already scheduled (MISSION.ILLEGAL_STATE)' })
  schedule(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.missions.schedule(principal, id);
  }

  @Get(':id/agenda')
  @Auth(...READERS)
  @ApiOperation({ summary: "Scheduled meetings by start time: a company's own, or all of them for the organiser and partners" })
  @ApiOkResponse({ type: MeetingPageResponse })
  @ApiNotFoundResponse({ description: NOT_VISIBLE })
  agenda(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto, @ReplyLanguage() language: Language) {
    return this.missions.meetings(principal, id, query, language, true);
  }

  @Post(':id/meetings/:meetingId/outcome')
  @Auth(...READERS)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Record what came of a meeting (once, after it started): follow_up, agreement_signed, pilot_proposed (optionally opening a draft pilot application of its startup) or none',
  })
  @ApiOkResponse({ type: MeetingResponse })
  @ApiNotFoundResponse({ description: MEETING_NOT_VISIBLE })
  @ApiForbiddenResponse({ description: 'Neither one of its companies nor the organiser (MISSION.NOT_A_SIDE)' })
  @ApiConflictResponse({
    description: 'Not scheduled, not placed, not started yet, already recorded, or the startup already applied (MISSION.ILLEGAL_STATE, MEETING_NOT_PLACED, MEETING_NOT_HELD, OUTCOME_RECORDED, ALREADY_APPLIED)',
  })
  @ApiUnprocessableEntityResponse({ description: 'A pilot application without pilot_proposed, for a startup not in the meeting, or to a programme that is not a published pilot programme' })
  recordOutcome(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('meetingId', ParseUUIDPipe) meetingId: string,
    @Body() dto: RecordOutcomeDto,
    @ReplyLanguage() language: Language,
  ) {
    return this.missions.recordOutcome(principal, id, meetingId, dto, language);
  }
}
