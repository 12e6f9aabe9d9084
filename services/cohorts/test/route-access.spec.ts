import { describeRouteAccess } from '@exchange/platform/testing';
import { AppModule } from '../src/app.module';
import { cohortsConfigSchema, SERVICE_NAME } from '../src/config';
import { routeAccessTable } from './route-access.table';

describeRouteAccess({ name: SERVICE_NAME, module: AppModule, schema: cohortsConfigSchema }, routeAccessTable);
