import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal } from '@exchange/platform';
import { DeliveriesService } from './deliveries.service';
import { DeliveryDetailDto, DeliveryDto, DeliveryPageDto, ListDeliveriesQuery } from './dto/delivery.dto';

@ApiTags('webhook deliveries')
@Controller('webhook-deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: "List deliveries to the organisation's endpoints (filter by endpoint, event type, state, time)" })
  @ApiOkResponse({ type: DeliveryPageDto })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListDeliveriesQuery): Promise<DeliveryPageDto> {
    return this.deliveries.list(principal, query);
  }

  @Get(':id')
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Show a delivery with every attempt (status, latency, response excerpt, error)' })
  @ApiOkResponse({ type: DeliveryDetailDto })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DeliveryDetailDto> {
    return this.deliveries.get(principal, id);
  }

  @Post(':id/retry')
  @HttpCode(202)
  @Auth('partner_agency', 'admin')
  @ApiOperation({ summary: 'Attempt the delivery now' })
  @ApiAcceptedResponse({ type: DeliveryDto })
  retry(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', new ParseUUIDPipe()) id: string): Promise<DeliveryDto> {
    return this.deliveries.retry(principal, id);
  }
}
