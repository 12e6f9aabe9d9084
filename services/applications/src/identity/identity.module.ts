import { Module } from '@nestjs/common';
import { ApiKeysService } from './api-keys.service';
import { IdentityController } from './identity.controller';
import { IdentityRepository } from './identity.repository';
import { IdentityService } from './identity.service';
import { LastUsedFlusher } from './last-used-flusher';
import { PeopleAccess } from './people-access';

/**
 * Organisations, people and API keys (the identity schema, owned by this service). Exports
 * ApiKeysService so startup registration can issue the startup's key in its own transaction.
 */
@Module({
  controllers: [IdentityController],
  providers: [IdentityRepository, PeopleAccess, IdentityService, ApiKeysService, LastUsedFlusher],
  exports: [ApiKeysService],
})
export class IdentityModule {}
