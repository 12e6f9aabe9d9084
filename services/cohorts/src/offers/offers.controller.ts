import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal } from '@exchange/platform';
import { ApiProblems } from '../common/api-problems';
import { ListMembersQueryDto, MemberDto, MemberPageDto } from '../cohorts/dto/member.dto';
import { DeclineOfferDto } from './dto/decline-offer.dto';
import { OffersService } from './offers.service';

/** A startup's own cohort offers and places; another startup's answer 404. */
@ApiTags('offers')
@Controller('offers')
export class OffersController {
  constructor(private readonly offers: OffersService) {}

  @Get()
  @Auth('startup')
  @ApiOperation({ summary: 'The calling startup’s offers and places in cohorts' })
  @ApiOkResponse({ type: MemberPageDto })
  @ApiProblems(400)
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListMembersQueryDto): Promise<MemberPageDto> {
    return this.offers.list(principal, query);
  }

  @Get(':id')
  @Auth('startup')
  @ApiOperation({ summary: 'One of the calling startup’s offers' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404)
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<MemberDto> {
    return this.offers.get(principal, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Auth('startup')
  @ApiOperation({ summary: 'Accept an open offer before its deadline (cohort.offer_accepted)' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404, 409)
  accept(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<MemberDto> {
    return this.offers.accept(principal, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Auth('startup')
  @ApiOperation({ summary: 'Decline an open offer (cohort.offer_declined); the group’s next waitlisted startup is offered the place at once' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(400, 404, 409)
  decline(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DeclineOfferDto,
  ): Promise<MemberDto> {
    return this.offers.decline(principal, id, body.reason ?? null);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth('startup')
  @ApiOperation({ summary: 'Give up an accepted place (drop out); the group’s next waitlisted startup is offered it at once' })
  @ApiOkResponse({ type: MemberDto })
  @ApiProblems(404, 409)
  withdraw(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string): Promise<MemberDto> {
    return this.offers.withdraw(principal, id);
  }
}
