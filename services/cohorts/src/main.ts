import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { cohortsConfigSchema, SERVICE_NAME } from './config';
import { cohortsService } from './service';

runService({ ...cohortsService, config: loadConfigOrExit(cohortsConfigSchema, SERVICE_NAME) });
