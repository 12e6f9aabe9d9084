// Prints the applications service's OpenAPI document (JSON) without running the service: the interfaces
// generator (npm run interfaces) writes it to docs/openapi/applications.json and builds the SDK from it.
import 'reflect-metadata';
import { printOpenApiDocument } from '@exchange/platform';
import { applicationsService } from '../service';

printOpenApiDocument(applicationsService);
