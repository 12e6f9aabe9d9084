import type { ServiceDefinition } from '@exchange/platform';
import { AppModule } from './app.module';
import { SERVICE_NAME } from './config';

/** The applications service as main.ts runs it and as its OpenAPI document describes it. */
export const applicationsService: ServiceDefinition = {
  name: SERVICE_NAME,
  module: AppModule,
  description: 'Startups, programmes, applications, reviews, decisions and identity (organisations, API keys).',
};
