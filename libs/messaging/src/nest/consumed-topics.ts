/**
 * Injection token, optional: topics a service's consumer reads instead of the ones its consumers
 * name. Only a test provides it (scratch topics, so parallel runs never share events); a running
 * service reads the contracts' topics, never names from its environment.
 */
export const CONSUMED_TOPICS = Symbol('CONSUMED_TOPICS');
