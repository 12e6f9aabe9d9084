import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { AppModule } from './app.module';
import { applicationsConfigSchema, SERVICE_NAME } from './config';

runService({
  name: SERVICE_NAME,
  module: AppModule,
  config: loadConfigOrExit(applicationsConfigSchema, SERVICE_NAME),
  description: 'Startups, programmes, applications, reviews, decisions and identity (organisations, API keys).',
});
