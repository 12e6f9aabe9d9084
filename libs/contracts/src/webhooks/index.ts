export * from './webhook-events';
export * from './webhook-openapi';
export * from './organisation-audiences';
