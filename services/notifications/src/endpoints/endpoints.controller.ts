import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal } from '@exchange/platform';
import {
  CreatedEndpointDto,
  CreateEndpointDto,
  EndpointDto,
  EndpointPageDto,
  ListEndpointsQuery,
  ReplayDto,
  ReplayResultDto,
  RotatedSecretDto,
  RotateSecretDto,
  TestEventResultDto,
  UpdateEndpointDto,
} from './dto/endpoint.dto';
import { EndpointsService } from './endpoints.service';

const uuid = new ParseUUIDPipe();

@ApiTags('webhook endpoints')
@Controller('webhook-endpoints')
export class EndpointsController {
  constructor(private readonly endpoints: EndpointsService) {}

  @Post()
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Register a webhook endpoint; its signing secret is shown only in this answer' })
  @ApiCreatedResponse({ type: CreatedEndpointDto })
  create(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() body: CreateEndpointDto): Promise<CreatedEndpointDto> {
    return this.endpoints.create(principal, body);
  }

  @Get()
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: "List the organisation's webhook endpoints" })
  @ApiOkResponse({ type: EndpointPageDto })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListEndpointsQuery): Promise<EndpointPageDto> {
    return this.endpoints.list(principal, query.cursor, query.limit);
  }

  @Get(':id')
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Show a webhook endpoint (never its secret)' })
  @ApiOkResponse({ type: EndpointDto })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string): Promise<EndpointDto> {
    return this.endpoints.get(principal, id);
  }

  @Patch(':id')
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Change the URL, event types or description (with the version read)' })
  @ApiOkResponse({ type: EndpointDto })
  update(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string, @Body() body: UpdateEndpointDto): Promise<EndpointDto> {
    return this.endpoints.update(principal, id, body);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Make a new secret; the old one keeps signing too during the overlap asked for' })
  @ApiOkResponse({ type: RotatedSecretDto })
  rotate(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string, @Body() body: RotateSecretDto): Promise<RotatedSecretDto> {
    return this.endpoints.rotateSecret(principal, id, body.overlapSeconds);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Pause deliveries (they wait and go out on resume)' })
  @ApiOkResponse({ type: EndpointDto })
  pause(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string): Promise<EndpointDto> {
    return this.endpoints.pause(principal, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Resume a paused endpoint or re-enable a disabled one' })
  @ApiOkResponse({ type: EndpointDto })
  resume(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string): Promise<EndpointDto> {
    return this.endpoints.resume(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Delete the endpoint; its pending deliveries are cancelled' })
  @ApiNoContentResponse()
  remove(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string): Promise<void> {
    return this.endpoints.remove(principal, id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Send a signed `webhook.test` event to this endpoint' })
  @ApiAcceptedResponse({ type: TestEventResultDto })
  test(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string): Promise<TestEventResultDto> {
    return this.endpoints.sendTest(principal, id);
  }

  @Post(':id/replay')
  @HttpCode(202)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Send again every event of a time range that the endpoint matches and may see' })
  @ApiAcceptedResponse({ type: ReplayResultDto })
  replay(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', uuid) id: string, @Body() body: ReplayDto): Promise<ReplayResultDto> {
    return this.endpoints.replay(principal, id, body);
  }
}
