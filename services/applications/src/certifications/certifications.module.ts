import { Module } from '@nestjs/common';
import { ProgrammesModule } from '../programmes/programmes.module';
import { CertificateVerificationsController, CertificationsController } from './certifications.controller';
import { CertificationsRepositoryModule } from './certifications-repository.module';
import { CertificationsService } from './certifications.service';
import { CertificationExpirySweeper } from './expiry-sweeper';

/** Certification bodies: grade scales, issued certificates, public verification, and flags on applications that relied on them. */
@Module({
  imports: [ProgrammesModule, CertificationsRepositoryModule],
  controllers: [CertificationsController, CertificateVerificationsController],
  providers: [CertificationsService, CertificationExpirySweeper],
  exports: [CertificationsService, CertificationExpirySweeper],
})
export class CertificationsModule {}
