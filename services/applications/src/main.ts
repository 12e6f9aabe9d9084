import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { applicationsConfigSchema, SERVICE_NAME } from './config';
import { applicationsService } from './service';

runService({ ...applicationsService, config: loadConfigOrExit(applicationsConfigSchema, SERVICE_NAME) });
