import type { ServiceDefinition } from '@exchange/platform';
import { AppModule } from './app.module';
import { SERVICE_NAME } from './config';

/** The cohorts service as main.ts runs it and as its OpenAPI document describes it. */
export const cohortsService: ServiceDefinition = {
  name: SERVICE_NAME,
  module: AppModule,
  description: 'Accelerator cohorts, offers, enrolment, waitlist and graduation.',
};
