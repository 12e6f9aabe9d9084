import type { ServiceDefinition } from '@exchange/platform';
import { AppModule } from './app.module';
import { SERVICE_NAME } from './config';

/** The pilots service as main.ts runs it and as its OpenAPI document describes it. */
export const pilotsService: ServiceDefinition = {
  name: SERVICE_NAME,
  module: AppModule,
  description: 'Pilot sites, match proposals, pilot approval, pilot lifecycle and final reports.',
};
