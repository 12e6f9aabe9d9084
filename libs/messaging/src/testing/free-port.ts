// One free-port helper for every test: the platform's.
export { getFreePort as freePort } from '@exchange/platform/testing';
