import { Module } from '@nestjs/common';
import { CertificationsRepositoryModule } from '../certifications/certifications-repository.module';
import { ProgrammesController } from './programmes.controller';
import { ProgrammesRepository } from './programmes.repository';
import { ProgrammesService } from './programmes.service';

@Module({
  imports: [CertificationsRepositoryModule],
  controllers: [ProgrammesController],
  providers: [ProgrammesService, ProgrammesRepository],
  exports: [ProgrammesService, ProgrammesRepository],
})
export class ProgrammesModule {}
