import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { AppModule } from './app.module';
import { pilotsConfigSchema, SERVICE_NAME } from './config';

runService({
  name: SERVICE_NAME,
  module: AppModule,
  config: loadConfigOrExit(pilotsConfigSchema, SERVICE_NAME),
  description: 'Pilot sites, match proposals, pilot approval, pilot lifecycle and final reports.',
});
