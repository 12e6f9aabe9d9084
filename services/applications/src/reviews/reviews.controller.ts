import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, type AuthenticatedPrincipal } from '@exchange/platform';
import { AssignmentsService } from './assignments.service';
import {
  AbstainDto,
  AssignmentPageResponse,
  AssignmentResponse,
  AssignReviewerDto,
  AutoAssignDto,
  AutoAssignResponse,
  DeclareConflictDto,
  ListAssignmentsQuery,
  RecuseDto,
  ReviewerApplicationView,
  ReviewProgressResponse,
  ReviewResponse,
  SubmitReviewDto,
} from './dto/review.dto';
import { ReviewsService } from './reviews.service';

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(
    private readonly assignments: AssignmentsService,
    private readonly reviews: ReviewsService,
  ) {}

  @Post('programmes/:id/review-assignments')
  @Auth('programme_manager')
  @Idempotent()
  @ApiOperation({ summary: 'Assign a reviewer to an application by hand, with a due date' })
  @ApiCreatedResponse({ type: AssignmentResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already assigned, or the application is not open for review' })
  @ApiUnprocessableEntityResponse({ description: 'The reviewer has a conflict with the startup' })
  @ApiForbiddenResponse({ description: "A partner organisation's staff (REVIEW.NOT_ORGANISER): only the organiser's programme managers assign reviewers" })
  assign(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignReviewerDto) {
    return this.assignments.assign(principal, id, dto);
  }

  @Post('programmes/:id/review-assignments/auto')
  @Auth('programme_manager')
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign reviewers automatically: balanced load, per-reviewer quota, no conflicted or linked reviewer' })
  @ApiOkResponse({ type: AutoAssignResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: "A partner organisation's staff (REVIEW.NOT_ORGANISER): only the organiser's programme managers assign reviewers" })
  autoAssign(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AutoAssignDto) {
    return this.assignments.autoAssign(principal, id, dto);
  }

  @Get('programmes/:id/review-progress')
  @Auth('programme_manager')
  @ApiOperation({ summary: 'Review progress per application and per reviewer (done, due, overdue)' })
  @ApiOkResponse({ type: ReviewProgressResponse })
  @ApiNotFoundResponse()
  @ApiForbiddenResponse({ description: "A partner organisation's staff (REVIEW.NOT_ORGANISER): only the organiser's programme managers follow review progress" })
  progress(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.assignments.progress(principal, id);
  }

  @Post('review-assignments/:id/recuse')
  @Auth('programme_manager', 'reviewer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Recuse a reviewer (a review already given stops counting): the organiser\'s manager, or the reviewer of the assignment themself' })
  @ApiOkResponse({ type: AssignmentResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already recused' })
  @ApiForbiddenResponse({ description: "A partner organisation's staff (REVIEW.NOT_ORGANISER): only the organiser's programme managers recuse reviewers" })
  recuse(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RecuseDto) {
    return this.assignments.recuse(principal, id, dto);
  }

  @Get('review-assignments')
  @Auth('reviewer')
  @ApiOperation({ summary: "The caller's review assignments" })
  @ApiOkResponse({ type: AssignmentPageResponse })
  listOwn(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListAssignmentsQuery) {
    return this.reviews.listOwn(principal, query);
  }

  @Get('review-assignments/:id')
  @Auth('reviewer')
  @ApiOperation({ summary: "The assigned application as the reviewer may see it (blind review hides the startup's identity)" })
  @ApiOkResponse({ type: ReviewerApplicationView })
  @ApiNotFoundResponse()
  view(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviews.view(principal, id);
  }

  @Post('review-assignments/:id/review')
  @Auth('reviewer')
  @Idempotent()
  @ApiOperation({ summary: 'Score every criterion of the rubric, with comments' })
  @ApiCreatedResponse({ type: ReviewResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already reviewed, recused, or the application left review (currentState)' })
  @ApiUnprocessableEntityResponse({ description: 'Missing, unknown or out-of-scale scores' })
  submit(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitReviewDto) {
    return this.reviews.submit(principal, id, dto);
  }

  @Post('review-assignments/:id/abstain')
  @Auth('reviewer')
  @Idempotent()
  @ApiOperation({ summary: 'Abstain from reviewing this application' })
  @ApiCreatedResponse({ type: ReviewResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already reviewed or recused' })
  abstain(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AbstainDto) {
    return this.reviews.abstain(principal, id, dto);
  }

  @Post('conflicts-of-interest')
  @Auth('reviewer')
  @Idempotent()
  @ApiOperation({ summary: 'Declare a conflict of interest with a startup; open assignments on it are recused' })
  @ApiCreatedResponse({ schema: { properties: { recusedAssignmentIds: { type: 'array', items: { type: 'string' } } } } })
  @ApiNotFoundResponse()
  declareConflict(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: DeclareConflictDto) {
    return this.reviews.declareConflict(principal, dto);
  }

  @Get('applications/:id/reviews')
  @Auth('programme_manager', 'partner_agency', 'admin')
  @ApiOperation({ summary: "Every review of an application (programme's organiser and partners)" })
  @ApiOkResponse({ type: [ReviewResponse] })
  @ApiNotFoundResponse()
  reviewsOfApplication(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reviews.reviewsOfApplication(principal, id);
  }
}
