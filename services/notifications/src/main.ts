import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { notificationsConfigSchema, SERVICE_NAME } from './config';
import { notificationsService } from './service';

runService({ ...notificationsService, config: loadConfigOrExit(notificationsConfigSchema, SERVICE_NAME) });
