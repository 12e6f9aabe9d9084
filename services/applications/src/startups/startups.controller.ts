import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, Public, RateLimit, type AuthenticatedPrincipal } from '@exchange/platform';
import { CertificationDto, CertificationResponse, RegisterStartupDto, SearchStartupsQuery, StartupPageResponse, StartupRegisteredResponse, StartupResponse, UpdateStartupDto } from './dto/startup.dto';
import { StartupsService } from './startups.service';

@ApiTags('startups')
@Controller('startups')
export class StartupsController {
  constructor(private readonly startups: StartupsService) {}

  @Post()
  @Public()
  @RateLimit({ limit: 'RATE_LIMIT_REGISTRATIONS_PER_IP', windowSeconds: 'RATE_LIMIT_REGISTRATIONS_WINDOW_SECONDS' })
  @ApiOperation({ summary: 'Register a startup: returns its profile and its API key (shown only once)' })
  @ApiCreatedResponse({ type: StartupRegisteredResponse })
  @ApiConflictResponse({ description: 'A startup with this registration number is already registered in this country' })
  register(@Body() dto: RegisterStartupDto) {
    return this.startups.register(dto);
  }

  @Get()
  @Auth('admin', 'programme_manager', 'partner_agency')
  @ApiOperation({
    summary: 'Search startups by name (original script or Latin letters, any case) and country',
    description: 'Each item is the full profile for staff of an organisation the startup applied to or joined, the public profile otherwise (`profile`).',
  })
  @ApiOkResponse({ type: StartupPageResponse })
  search(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: SearchStartupsQuery) {
    return this.startups.search(principal, query);
  }

  @Get(':id')
  @Auth('admin', 'programme_manager', 'partner_agency', 'startup')
  @ApiOperation({ summary: 'A startup: the full profile for itself and related staff, the public profile for other staff' })
  @ApiOkResponse({ type: StartupResponse })
  @ApiNotFoundResponse()
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.startups.get(principal, id);
  }

  @Patch(':id')
  @Auth('startup')
  @ApiOperation({ summary: "Update the startup's own profile (send the version you read to detect concurrent edits)" })
  @ApiOkResponse({ type: StartupResponse })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The profile changed since you read it' })
  update(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateStartupDto) {
    return this.startups.update(principal, id, dto);
  }

  @Post(':id/certifications')
  @Auth('startup')
  @Idempotent()
  @ApiOperation({ summary: 'Add a certification (issuer, grade, validity) to the own profile' })
  @ApiCreatedResponse({ type: CertificationResponse })
  @ApiUnprocessableEntityResponse({ description: 'Invalid validity period or unknown issuer organisation' })
  addCertification(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CertificationDto) {
    return this.startups.addCertification(principal, id, dto);
  }

  @Delete(':id/certifications/:certificationId')
  @Auth('startup')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  removeCertification(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('certificationId', ParseUUIDPipe) certificationId: string,
  ) {
    return this.startups.removeCertification(principal, id, certificationId);
  }
}
