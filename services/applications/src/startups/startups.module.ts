import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module';
import { IdentityModule } from '../identity/identity.module';
import { StartupCredentials } from './startup-credentials';
import { StartupsController } from './startups.controller';
import { StartupsRepository } from './startups.repository';
import { StartupsService } from './startups.service';

@Module({
  imports: [CommonModule, IdentityModule],
  controllers: [StartupsController],
  providers: [StartupsService, StartupsRepository, StartupCredentials],
  exports: [StartupsRepository],
})
export class StartupsModule {}
