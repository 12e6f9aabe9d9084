import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import type { Role } from '@exchange/data';
import type { AuthenticatedPrincipal } from './authenticated-principal';

export const ROLES_METADATA = 'exchange:roles';
export const PUBLIC_METADATA = 'exchange:public';

/**
 * The roles that may call a route. Every route needs an API key unless marked @Public(); a key of
 * another role is answered 403.
 */
export const Auth = (...roles: Role[]) => SetMetadata(ROLES_METADATA, roles);

/**
 * A route anyone may call without a key (for example startup registration); still rate limited.
 * Its OpenAPI operation says `security: [{}]` (anonymous allowed), overriding the document's API-key requirement.
 */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_METADATA, true), ApiSecurity({}));

/** Where the guard leaves the caller on the request. */
export const PRINCIPAL_REQUEST_KEY = 'principal';

/** `@CurrentPrincipal() principal: AuthenticatedPrincipal` in a controller method. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): AuthenticatedPrincipal => {
  const request = context.switchToHttp().getRequest<Record<string, unknown>>();
  const principal = request[PRINCIPAL_REQUEST_KEY] as AuthenticatedPrincipal | undefined;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Auth()');
  return principal;
});
