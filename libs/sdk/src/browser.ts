/**
 * The parts of the SDK a browser can load (no Node built-ins): the console's typed clients are
 * openapi-fetch clients over these types, calling the console server's same-origin `/api/<service>`.
 */
export * from './service-names';
export * from './problem-error';
export * from './pagination';
export { IDEMPOTENT_ROUTES } from './generated/idempotent-routes';
export type * as ApplicationsApi from './generated/applications';
export type * as PilotsApi from './generated/pilots';
export type * as CohortsApi from './generated/cohorts';
export type * as NotificationsApi from './generated/notifications';
