// Prints the pilots service's OpenAPI document (JSON) without running the service: the interfaces
// generator (npm run interfaces) writes it to docs/openapi/pilots.json and builds the SDK from it.
import 'reflect-metadata';
import { printOpenApiDocument } from '@exchange/platform';
import { pilotsService } from '../service';

printOpenApiDocument(pilotsService);
