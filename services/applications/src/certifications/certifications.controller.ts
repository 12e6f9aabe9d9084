import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Auth, CurrentPrincipal, Idempotent, Public, RateLimit, ReplyLanguage, type AuthenticatedPrincipal, type Language } from '@exchange/platform';
import { CertificationsService } from './certifications.service';
import {
  ApplicationFlagPageResponse,
  CertificateVerificationResponse,
  GradeScaleListResponse,
  GradeScaleResponse,
  IssueCertificationDto,
  IssuedCertificationPageResponse,
  IssuedCertificationResponse,
  ListApplicationFlagsQuery,
  ListIssuedCertificationsQuery,
  RenewCertificationDto,
  RevokeCertificationDto,
  SetGradeScaleDto,
} from './dto/certification.dto';

/** The people of a certification body who act for it. */
const BODY_STAFF = ['admin', 'programme_manager'] as const;

/**
 * Verifications per client address and window: a person checking certificates by hand never gets
 * near it, and guessing a 100-bit code at this pace is hopeless.
 */
export const VERIFICATIONS_PER_ADDRESS = 30;
export const VERIFICATIONS_WINDOW_SECONDS = 60;

@ApiTags('certification bodies')
@Controller()
export class CertificationsController {
  constructor(private readonly certifications: CertificationsService) {}

  @Put('certification-bodies/:organisationId/grade-scales')
  @Auth(...BODY_STAFF)
  @ApiOperation({ summary: "Set the body's ordered grades (lowest first) for one kind of certificate" })
  @ApiOkResponse({ type: GradeScaleResponse })
  @ApiForbiddenResponse({ description: 'The caller is not of a certification body' })
  @ApiNotFoundResponse({ description: "Not the caller's own body" })
  @ApiConflictResponse({ description: 'Certificates that are not revoked carry a grade the new scale drops (gradesInUse)' })
  setScale(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() dto: SetGradeScaleDto,
  ) {
    return this.certifications.setScale(principal, organisationId, dto);
  }

  @Get('certification-bodies/:organisationId/grade-scales')
  @Auth('admin', 'programme_manager', 'reviewer', 'host', 'partner_agency', 'startup')
  @ApiOperation({ summary: "A certification body's grade scales, one per kind of certificate" })
  @ApiOkResponse({ type: GradeScaleListResponse })
  @ApiNotFoundResponse({ description: 'No such certification body' })
  scales(@Param('organisationId', ParseUUIDPipe) organisationId: string) {
    return this.certifications.scales(organisationId);
  }

  @Post('certifications')
  @Auth(...BODY_STAFF)
  @Idempotent()
  @ApiOperation({ summary: 'Issue a certificate to a startup, with a grade on the body’s scale; the answer holds its public verification code' })
  @ApiCreatedResponse({ type: IssuedCertificationResponse })
  @ApiForbiddenResponse({ description: 'The caller is not of a certification body' })
  @ApiUnprocessableEntityResponse({ description: 'Unknown startupId, no scale for the kind, a grade off the scale, or validUntil not after validFrom' })
  issue(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Body() dto: IssueCertificationDto) {
    return this.certifications.issue(principal, dto);
  }

  @Get('certifications')
  @Auth(...BODY_STAFF)
  @ApiOperation({ summary: 'The certificates the caller’s body issued, oldest first' })
  @ApiOkResponse({ type: IssuedCertificationPageResponse })
  list(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Query() query: ListIssuedCertificationsQuery) {
    return this.certifications.list(principal, query);
  }

  @Get('certifications/:id')
  @Auth(...BODY_STAFF)
  @ApiOkResponse({ type: IssuedCertificationResponse })
  @ApiNotFoundResponse({ description: "Not a certificate the caller's body issued" })
  get(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string) {
    return this.certifications.get(principal, id);
  }

  @Post('certifications/:id/renew')
  @Auth(...BODY_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Renew a certificate with a new validity' })
  @ApiOkResponse({ type: IssuedCertificationResponse })
  @ApiNotFoundResponse({ description: "Not a certificate the caller's body issued" })
  @ApiConflictResponse({ description: 'The certificate is revoked' })
  renew(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RenewCertificationDto) {
    return this.certifications.renew(principal, id, dto);
  }

  @Post('certifications/:id/revoke')
  @Auth(...BODY_STAFF)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a certificate with the reason; open applications that relied on it are flagged to their managers' })
  @ApiOkResponse({ type: IssuedCertificationResponse })
  @ApiNotFoundResponse({ description: "Not a certificate the caller's body issued" })
  @ApiConflictResponse({ description: 'Revoked already' })
  revoke(@CurrentPrincipal() principal: AuthenticatedPrincipal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RevokeCertificationDto) {
    return this.certifications.revoke(principal, id, dto);
  }

  @Get('programmes/:id/application-flags')
  @Auth('programme_manager', 'admin', 'partner_agency')
  @ApiOperation({ summary: "The flags raised on the programme's applications: a certificate they relied on was revoked or ended" })
  @ApiOkResponse({ type: ApplicationFlagPageResponse })
  @ApiNotFoundResponse()
  flags(
    @CurrentPrincipal() principal: AuthenticatedPrincipal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListApplicationFlagsQuery,
    @ReplyLanguage() language: Language,
  ) {
    return this.certifications.programmeFlags(principal, id, query, language);
  }
}

@ApiTags('certification bodies')
@Controller('certificate-verifications')
export class CertificateVerificationsController {
  constructor(private readonly certifications: CertificationsService) {}

  @Get(':code')
  @Public()
  @RateLimit({ limit: VERIFICATIONS_PER_ADDRESS, windowSeconds: VERIFICATIONS_WINDOW_SECONDS })
  @ApiOperation({
    summary: 'Verify a certificate by its public code (no key): its kind, grade, issuer, startup, validity and state',
    description: `Any case; spaces and hyphens between groups are ignored. Every code that names no certificate gets the same 404. At most ${VERIFICATIONS_PER_ADDRESS} per ${VERIFICATIONS_WINDOW_SECONDS} s per client address.`,
  })
  @ApiOkResponse({ type: CertificateVerificationResponse })
  @ApiNotFoundResponse({ description: 'No certificate has this code' })
  @ApiTooManyRequestsResponse({ description: 'Too many verifications from this address: retry after Retry-After' })
  verify(@Param('code') code: string) {
    return this.certifications.verify(code);
  }
}
