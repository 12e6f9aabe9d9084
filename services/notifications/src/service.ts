import { addWebhooksTo } from '@exchange/contracts';
import type { ServiceDefinition } from '@exchange/platform';
import { AppModule } from './app.module';
import { SERVICE_NAME } from './config';

/** The notifications service as main.ts runs it and as its OpenAPI document describes it. */
export const notificationsService: ServiceDefinition = {
  name: SERVICE_NAME,
  module: AppModule,
  description: 'Webhook endpoints, fan-out, signed delivery with retries, the delivery log, and e-mail to people.',
  // The signed webhooks partner agencies receive, beside the routes they call.
  extendOpenApi: addWebhooksTo,
  // Mail clients POST one-click unsubscribes (RFC 8058) as forms.
  formBodies: true,
};
