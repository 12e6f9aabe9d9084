import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from '@exchange/platform';

/** What every capability of the service shares: the clock. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class CommonModule {}
