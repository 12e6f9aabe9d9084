import { describeRouteAccess } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { pilotsConfigSchema, SERVICE_NAME } from '../src/config';
import { routeAccessTable } from './route-access.table';

describeRouteAccess({ name: SERVICE_NAME, module: AppModule, schema: pilotsConfigSchema }, routeAccessTable);
