import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What follows one unit of work (an HTTP request, a consumed event) through async calls, so logs,
 * outgoing Kafka headers and webhook logs can carry the same request id without passing it around.
 */
export interface RequestContext {
  requestId: string;
  /** W3C trace context of the incoming request, when there was one. */
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithRequestContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Accepts a caller's id only if it is short and harmless to log and echo; otherwise makes a new one. */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(headerValue: string | string[] | undefined): string {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  return value !== undefined && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

export const REQUEST_ID_HEADER = 'x-request-id';
