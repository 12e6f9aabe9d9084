// What a browser can load too (types, problems, pagination), then the Node clients.
export * from './browser';
export * from './exchange-sdk';
export * from './service-client';
export * from './resilient-fetch';
export * from './response-validation';
