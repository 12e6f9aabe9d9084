import { describeServiceBoot } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema, SERVICE_NAME } from '../src/config';

describeServiceBoot({ name: SERVICE_NAME, module: AppModule, schema: pilotsConfigSchema });
