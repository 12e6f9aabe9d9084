import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { AppModule } from './app.module';
import { notificationsConfigSchema, SERVICE_NAME } from './config';

runService({
  name: SERVICE_NAME,
  module: AppModule,
  config: loadConfigOrExit(notificationsConfigSchema, SERVICE_NAME),
  description: 'Webhook endpoints, fan-out, signed delivery with retries and the delivery log.',
});
