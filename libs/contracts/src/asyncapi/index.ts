export * from './event-catalogue';
export * from './payload-json-schema';
export * from './asyncapi-document';
