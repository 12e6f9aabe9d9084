import { Module } from '@nestjs/common';
import { PilotsModule } from '../pilots/pilots.module';
import { ProposalsController } from './proposals.controller';
import { ProposalsRepository } from './proposals.repository';
import { ProposalsService } from './proposals.service';

@Module({ imports: [PilotsModule], controllers: [ProposalsController], providers: [ProposalsService, ProposalsRepository] })
export class ProposalsModule {}
