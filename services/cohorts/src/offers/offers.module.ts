import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { CohortMembersController } from './members.controller';
import { OfferExpirySweeper } from './offer-expiry.sweeper';
import { OffersController } from './offers.controller';
import { OffersService } from './offers.service';
import { WaitlistPromotionService } from './waitlist-promotion.service';

@Module({
  imports: [MembersModule],
  controllers: [OffersController, CohortMembersController],
  providers: [OffersService, WaitlistPromotionService, OfferExpirySweeper],
  exports: [OffersService, OfferExpirySweeper],
})
export class OffersModule {}
