import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal, Idempotent, type Language, ReplyLanguage } from '@exchange/platform';
import { ApiProblems } from '../common/api-problems';
import {
  AddJurorDto,
  CreatePitchDayDto,
  CreatePitchSessionDto,
  CreatePitchSlotDto,
  PitchDayDto,
  PitchJurorDto,
  PitchResultDto,
  PitchScoreDto,
  PitchSessionDto,
  PitchSlotDto,
  RecusalDto,
  RecusalResultDto,
  SlotAttendanceDto,
  SubmitPitchScoreDto,
} from './dto/pitch-days.dto';
import { PitchDaysService } from './pitch-days.service';

const WHILE_PLANNING = 'Only while the cohort is planning and the session open (409 otherwise).';

/** A cohort's pitch day and its sessions, run by the organiser's programme managers. */
@ApiTags('pitch days')
@Controller('cohorts/:cohortId/pitch-day')
export class PitchDaysController {
  constructor(private readonly pitchDays: PitchDaysService) {}

  @Post()
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({
    summary: 'Run the cohort’s selection as a pitch day: selection then ranks each session’s pitches by jury score',
    description:
      'One pitch day per cohort (409 for a second), only while the cohort is planning. `perGroup` (default 3): the best N of each session are offered places. ' +
      'The selection preview and commit (…/selection) then rank by the mean weighted jury score; a candidate without a slot, absent, or whose pitch missed the quorum is excluded. ' +
      '`agreementId` (optional) names the agreement the pitch day runs under for the reciprocity report; it is carried, not checked (400 when it is not a UUID).',
  })
  @ApiCreatedResponse({ type: PitchDayDto })
  @ApiProblems(400, 404, 409)
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('cohortId', ParseUUIDPipe) cohortId: string, @Body() body: CreatePitchDayDto): Promise<PitchDayDto> {
    return this.pitchDays.create(principal, cohortId, body);
  }

  @Get()
  @Auth('programme_manager', 'partner_agency')
  @ApiOperation({ summary: 'The cohort’s pitch day and its sessions' })
  @ApiOkResponse({ type: PitchDayDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('cohortId', ParseUUIDPipe) cohortId: string): Promise<PitchDayDto> {
    return this.pitchDays.get(principal, cohortId);
  }

  @Get('result')
  @Auth('startup')
  @ApiOperation({
    summary: 'The calling startup’s own result of the pitch day: selected, waitlisted, or not selected and why',
    description:
      'Once the cohort’s selection is committed (409 `PITCH_DAY.RESULTS_NOT_PUBLISHED` before, for a candidate). Every candidate of the cohort has a result: ' +
      'the offered and waitlisted ones with their rank and jury score, the others with the reason (`did_not_pitch`: no slot; `absent`; `below_quorum`: fewer counted jury scores than the quorum). ' +
      '`explanation` says it in the reply language (Accept-Language, else the startup’s), with its code. Only the caller’s own result: 404 for any startup that was no candidate.',
  })
  @ApiOkResponse({ type: PitchResultDto })
  @ApiProblems(404, 409)
  result(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('cohortId', ParseUUIDPipe) cohortId: string,
    @ReplyLanguage() language: Language,
  ): Promise<PitchResultDto> {
    return this.pitchDays.result(principal, cohortId, language);
  }

  @Post('sessions')
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({
    summary: 'Add the session of one pitch group: its day and time zone, rubric and quorum',
    description: 'One session per pitch group (409 for a second). The rubric’s criterion keys are unique (422 names the repeated one).',
  })
  @ApiCreatedResponse({ type: PitchSessionDto })
  @ApiProblems(400, 404, 409, 422)
  createSession(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('cohortId', ParseUUIDPipe) cohortId: string,
    @Body() body: CreatePitchSessionDto,
  ): Promise<PitchSessionDto> {
    return this.pitchDays.createSession(principal, cohortId, body);
  }
}

/** One pitch session: slots and jury (the organiser's managers), scores and recusals (its jurors). */
@ApiTags('pitch days')
@Controller('pitch-sessions/:sessionId')
export class PitchSessionsController {
  constructor(private readonly pitchDays: PitchDaysService) {}

  @Get()
  @Auth('programme_manager', 'partner_agency', 'reviewer')
  @ApiOperation({ summary: 'The session with its slots (by start time) and jury; a reviewer sees only the sessions it judges' })
  @ApiOkResponse({ type: PitchSessionDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<PitchSessionDto> {
    return this.pitchDays.getSession(principal, sessionId);
  }

  @Post('slots')
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({
    summary: 'Give a startup of the session’s pitch group its slot',
    description:
      `The slot starts and ends on the session’s day in its time zone (422). A startup has one slot per pitch day and never two slots at once on any pitch day; ` +
      `the session has one pitch at a time (409 names the startup or the slot). ${WHILE_PLANNING}`,
  })
  @ApiCreatedResponse({ type: PitchSlotDto })
  @ApiProblems(400, 404, 409, 422)
  addSlot(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('sessionId', ParseUUIDPipe) sessionId: string, @Body() body: CreatePitchSlotDto): Promise<PitchSlotDto> {
    return this.pitchDays.addSlot(principal, sessionId, body);
  }

  @Put('slots/:slotId/attendance')
  @Auth('programme_manager')
  @ApiOperation({ summary: 'Mark a startup absent (it did not pitch: not selectable), or undo it', description: WHILE_PLANNING })
  @ApiOkResponse({ type: PitchSlotDto })
  @ApiProblems(400, 404, 409)
  setAttendance(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
    @Body() body: SlotAttendanceDto,
  ): Promise<PitchSlotDto> {
    return this.pitchDays.setAttendance(principal, sessionId, slotId, body);
  }

  @Post('jurors')
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({
    summary: 'Add a juror (or a replacement for one who recused): an active reviewer of the organising organisation',
    description:
      `422 names \`principalId\` for anyone else; 409 for someone already on the jury (a recused juror stays off it). ` +
      'The answer lists the session’s startups the juror does not judge (`conflicts`): its organisation issued one of their certifications, as reviews exclude such reviewers. ' +
      WHILE_PLANNING,
  })
  @ApiCreatedResponse({ type: PitchJurorDto })
  @ApiProblems(400, 404, 409, 422)
  addJuror(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('sessionId', ParseUUIDPipe) sessionId: string, @Body() body: AddJurorDto): Promise<PitchJurorDto> {
    return this.pitchDays.addJuror(principal, sessionId, body);
  }

  @Post('close')
  @HttpCode(200)
  @Auth('programme_manager')
  @ApiOperation({ summary: 'Close the session: its slots, jury and scores become final; the selection commits once every session is closed' })
  @ApiOkResponse({ type: PitchSessionDto })
  @ApiProblems(404, 409)
  close(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<PitchSessionDto> {
    return this.pitchDays.closeSession(principal, sessionId);
  }

  @Put('slots/:slotId/score')
  @Auth('reviewer')
  @ApiOperation({
    summary: 'A juror’s scores of one pitch against the session’s rubric',
    description:
      'Every criterion once, 0..maxScore in whole or half points (422 names the field). Submitting again replaces the juror’s scores until the session closes (409 after). ' +
      'Only the session’s jurors (404 for anyone else); a recused juror, one with a declared conflict with the startup, and an absent startup’s slot get 409; ' +
      'so does a juror whose organisation issued one of the startup’s certifications (`PITCH_DAY.JUROR_CONFLICTED`: a conflict of interest, as in reviews).',
  })
  @ApiOkResponse({ type: PitchScoreDto })
  @ApiProblems(400, 404, 409, 422)
  score(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('slotId', ParseUUIDPipe) slotId: string,
    @Body() body: SubmitPitchScoreDto,
  ): Promise<PitchScoreDto> {
    return this.pitchDays.score(principal, sessionId, slotId, body);
  }

  @Post('recusals')
  @HttpCode(200)
  @Auth('reviewer')
  @ApiOperation({
    summary: 'A juror recuses, with a reason: from one startup (a declared conflict of interest) or from the whole session',
    description:
      'The juror’s scores of the startup (or of the session) stop counting. A pitch is scored only when at least `minJurors` counted scores exist; ' +
      'otherwise it is not scored and the startup is not selectable. The organiser may add a replacement juror while the session is open.',
  })
  @ApiOkResponse({ type: RecusalResultDto })
  @ApiProblems(400, 404, 409, 422)
  recuse(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('sessionId', ParseUUIDPipe) sessionId: string, @Body() body: RecusalDto): Promise<RecusalResultDto> {
    return this.pitchDays.recuse(principal, sessionId, body);
  }
}
