import { Global, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@exchange/platform';
import type { NotificationsConfig } from '../config';
import { EndpointsModule } from '../endpoints/endpoints.module';
import { EndpointSecrets } from './endpoint-secrets';
import { StoredSecretsCheck } from './stored-secrets-check';

/** The keys that seal webhook signing secrets at rest, for the endpoints API and the delivery worker. */
@Global()
@Module({
  imports: [EndpointsModule],
  providers: [
    { provide: EndpointSecrets, useFactory: (config: NotificationsConfig) => EndpointSecrets.fromConfig(config), inject: [SERVICE_CONFIG] },
    StoredSecretsCheck,
  ],
  exports: [EndpointSecrets],
})
export class SigningModule {}
