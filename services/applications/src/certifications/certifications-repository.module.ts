import { Module } from '@nestjs/common';
import { CertificationsRepository } from './certifications.repository';

/** The certificates' SQL for other capabilities: submissions hold the startup lock and read bodies' scales; application views show flags. */
@Module({ providers: [CertificationsRepository], exports: [CertificationsRepository] })
export class CertificationsRepositoryModule {}
