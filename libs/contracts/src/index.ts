export * from './topics';
export * from './events';
export * from './envelope';
export * from './queues';
export * from './asyncapi';
export * from './webhooks';
