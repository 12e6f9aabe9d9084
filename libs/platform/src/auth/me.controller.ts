import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ROLES, type Role } from '@exchange/data';
import { Auth, CurrentPrincipal } from './auth.decorators';
import type { AuthenticatedPrincipal } from './authenticated-principal';

class PrincipalDto implements AuthenticatedPrincipal {
  @ApiProperty({ format: 'uuid' }) principalId: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) startupId: string | null;
  @ApiProperty({ format: 'uuid' }) apiKeyId: string;
}

/** `GET /v1/me` in every service: who this service takes the API key for (role and tenant). */
@ApiTags('identity')
@Controller('me')
export class MeController {
  @Get()
  @Auth(...ROLES)
  @ApiOperation({ summary: 'The caller as this service sees its API key: principal, role, organisation or startup' })
  @ApiOkResponse({ type: PrincipalDto })
  me(@CurrentPrincipal() principal: AuthenticatedPrincipal): AuthenticatedPrincipal {
    return principal;
  }
}
