import { Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';
import { ExchangeFactsRepository } from './exchange-facts.repository';

/** Agreements between organisations and the reciprocity report (the facts are written by the consumers, see ConsumersModule). */
@Module({
  controllers: [AgreementsController],
  providers: [AgreementsService, AgreementsRepository, ExchangeFactsRepository],
})
export class AgreementsModule {}
