import 'reflect-metadata';
import { loadConfigOrExit, runService } from '@exchange/platform';
import { pilotsConfigSchema, SERVICE_NAME } from './config';
import { pilotsService } from './service';

runService({ ...pilotsService, config: loadConfigOrExit(pilotsConfigSchema, SERVICE_NAME) });
