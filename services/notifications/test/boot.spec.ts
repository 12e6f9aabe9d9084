import { describeServiceBoot } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { notificationsConfigSchema, SERVICE_NAME } from '../src/config';

describeServiceBoot({ name: SERVICE_NAME, module: AppModule, schema: notificationsConfigSchema });
