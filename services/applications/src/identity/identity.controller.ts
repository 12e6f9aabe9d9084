import { ROLES } from '@exchange/data';
import { Auth, type AuthenticatedPrincipal, CurrentPrincipal, Idempotent, type Page, versionFromIfMatch } from '@exchange/platform';
import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from './api-keys.service';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  CreateApiKeyDto,
  CreateOrganisationDto,
  CreatePersonDto,
  IssuedApiKeyDto,
  ListOrganisationsQueryDto,
  ListPeopleQueryDto,
  OrganisationDto,
  OrganisationPageDto,
  PersonDto,
  PersonPageDto,
  UpdateOrganisationDto,
  UpdatePersonDto,
} from './dto/identity.dto';
import { PageQueryDto } from '@exchange/platform';
import { IdentityService } from './identity.service';

const ORGANISATION_ROLES = ROLES.filter((r) => r !== 'startup');
const uuid = new ParseUUIDPipe();

@ApiTags('identity')
@Controller()
export class IdentityController {
  constructor(
    private readonly identity: IdentityService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  @Post('organisations')
  @Auth('admin')
  @Idempotent()
  @ApiOperation({ summary: 'Create an organisation (partner agency, host, accelerator, ...)' })
  @ApiCreatedResponse({ type: OrganisationDto })
  createOrganisation(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.identity.createOrganisation(caller, body);
  }

  @Get('organisations')
  @Auth(...ORGANISATION_ROLES)
  @ApiOperation({ summary: 'Organisations: all of them for admins, one’s own for everyone else' })
  @ApiOkResponse({ type: OrganisationPageDto })
  listOrganisations(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Query() query: ListOrganisationsQueryDto): Promise<Page<OrganisationDto>> {
    return this.identity.listOrganisations(caller, query);
  }

  @Get('organisations/:organisationId')
  @Auth(...ORGANISATION_ROLES)
  @ApiOkResponse({ type: OrganisationDto })
  getOrganisation(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Param('organisationId', uuid) organisationId: string): Promise<OrganisationDto> {
    return this.identity.getOrganisation(caller, organisationId);
  }

  @Patch('organisations/:organisationId')
  @Auth('admin')
  @ApiHeader({ name: 'if-match', required: false, description: 'The organisation’s version ("<version>"); a stale one answers 409' })
  @ApiOkResponse({ type: OrganisationDto })
  updateOrganisation(
    @CurrentPrincipal() caller: AuthenticatedPrincipal,
    @Param('organisationId', uuid) organisationId: string,
    @Body() body: UpdateOrganisationDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<OrganisationDto> {
    return this.identity.updateOrganisation(caller, organisationId, body, versionFromIfMatch(ifMatch));
  }

  @Post('organisations/:organisationId/people')
  @Auth('admin', 'programme_manager')
  @Idempotent()
  @ApiOperation({ summary: 'Create a person of the organisation with one role' })
  @ApiCreatedResponse({ type: PersonDto })
  createPerson(
    @CurrentPrincipal() caller: AuthenticatedPrincipal,
    @Param('organisationId', uuid) organisationId: string,
    @Body() body: CreatePersonDto,
  ): Promise<PersonDto> {
    return this.identity.createPerson(caller, organisationId, body);
  }

  @Get('organisations/:organisationId/people')
  @Auth('admin', 'programme_manager')
  @ApiOperation({ summary: 'The organisation’s people of the roles the caller could create (a manager does not see admins)' })
  @ApiOkResponse({ type: PersonPageDto })
  listPeople(
    @CurrentPrincipal() caller: AuthenticatedPrincipal,
    @Param('organisationId', uuid) organisationId: string,
    @Query() query: ListPeopleQueryDto,
  ): Promise<Page<PersonDto>> {
    return this.identity.listPeople(caller, organisationId, query);
  }

  @Get('people/:personId')
  @Auth('admin', 'programme_manager')
  @ApiOperation({ summary: 'A person of a role the caller could create (403 for one above it)' })
  @ApiOkResponse({ type: PersonDto })
  getPerson(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Param('personId', uuid) personId: string): Promise<PersonDto> {
    return this.identity.getPerson(caller, personId);
  }

  @Patch('people/:personId')
  @Auth('admin', 'programme_manager')
  @ApiOperation({ summary: 'Change a person’s name, e-mail address, language or time zone (a role the caller could create)' })
  @ApiHeader({ name: 'if-match', required: false, description: 'The person’s version ("<version>"); a stale one answers 409' })
  @ApiOkResponse({ type: PersonDto })
  updatePerson(
    @CurrentPrincipal() caller: AuthenticatedPrincipal,
    @Param('personId', uuid) personId: string,
    @Body() body: UpdatePersonDto,
    @Headers('if-match') ifMatch?: string,
  ): Promise<PersonDto> {
    return this.identity.updatePerson(caller, personId, body, versionFromIfMatch(ifMatch));
  }

  // Not idempotent on purpose: a replay would have to store the secret key to show it again.
  @Post('people/:personId/api-keys')
  @Auth('admin', 'programme_manager')
  @ApiOperation({ summary: 'Issue an API key for the person; the key is in this response only' })
  @ApiCreatedResponse({ type: IssuedApiKeyDto })
  issueApiKey(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Param('personId', uuid) personId: string, @Body() body: CreateApiKeyDto): Promise<IssuedApiKeyDto> {
    return this.apiKeys.issueForPerson(caller, personId, body);
  }

  @Get('people/:personId/api-keys')
  @Auth('admin', 'programme_manager')
  @ApiOperation({ summary: 'The person’s keys: prefix, label, last use, expiry, revocation' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  listApiKeys(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Param('personId', uuid) personId: string, @Query() query: PageQueryDto): Promise<Page<ApiKeyDto>> {
    return this.apiKeys.list(caller, personId, query);
  }

  @Post('api-keys/:apiKeyId/revoke')
  @Auth(...ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: anyone their own, admins any, programme managers those of their organisation’s people below admin. Refused everywhere within seconds.' })
  @ApiOkResponse({ type: ApiKeyDto })
  revokeApiKey(@CurrentPrincipal() caller: AuthenticatedPrincipal, @Param('apiKeyId', uuid) apiKeyId: string): Promise<ApiKeyDto> {
    return this.apiKeys.revoke(caller, apiKeyId);
  }
}
