// Prints the notifications service's OpenAPI document (JSON) without running the service: the interfaces
// generator (npm run interfaces) writes it to docs/openapi/notifications.json and builds the SDK from it.
import 'reflect-metadata';
import { printOpenApiDocument } from '@exchange/platform';
import { notificationsService } from '../service';

printOpenApiDocument(notificationsService);
