export * from './kafka-client';
export * from './logger';
export * from './backoff';
export * from './metrics';
export * from './outbox-writer';
export * from './outbox-relay';
export * from './event-consumer';
export * from './topics-admin';
