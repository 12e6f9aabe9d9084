import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { AppModule } from './app.module';
import { cohortsConfigSchema, SERVICE_NAME } from './config';

runService({
  name: SERVICE_NAME,
  module: AppModule,
  config: loadConfigOrExit(cohortsConfigSchema, SERVICE_NAME),
  description: 'Accelerator cohorts, offers, enrolment, waitlist and graduation.',
});
