import { type FieldError, getLogger, ValidationProblemException } from '@exchange/platform';
import { consoleError, ConsoleError, ConsoleErrorCode } from '../console.errors';
import type { ServiceCaller } from '../proxy/service-caller';
import { principalSchema, type Principal } from './principal';

export const API_KEY_MIN_LENGTH = 10;
export const API_KEY_MAX_LENGTH = 256;
/** Printable ASCII without the space: every key the exchange issues, and nothing that could split a header. */
const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;

const field = 'apiKey';

/** The API key of a sign-in body `{ "apiKey": "…" }`, or a 400 naming what is wrong (as the services name fields). */
export function apiKeyOfSignInBody(body: unknown): string {
  if (body === undefined || body === null || body === '') throw invalid({ field: 'body', code: 'bodyRequired', message: 'a JSON body is required' });
  if (typeof body !== 'object' || Array.isArray(body)) throw invalid({ field: 'body', code: 'bodyNotObject', message: 'the body must be a JSON object' });
  const extra = Object.keys(body).filter((name) => name !== field);
  const errors: FieldError[] = extra.map((name) => ({ field: name, code: 'whitelistValidation', message: `property ${name} should not exist` }));
  const apiKey = (body as Record<string, unknown>)[field];
  if (apiKey === undefined) errors.push({ field, code: 'required', message: `${field} is required` });
  else if (typeof apiKey !== 'string') errors.push({ field, code: 'isString', message: `${field} must be a string` });
  else if (apiKey.length < API_KEY_MIN_LENGTH || apiKey.length > API_KEY_MAX_LENGTH) {
    errors.push({
      field,
      code: 'isLength',
      message: `${field} must be longer than or equal to ${API_KEY_MIN_LENGTH} and shorter than or equal to ${API_KEY_MAX_LENGTH} characters`,
    });
  } else if (!PRINTABLE_ASCII.test(apiKey)) errors.push({ field, code: 'matches', message: `${field} must match ${PRINTABLE_ASCII} regular expression` });
  if (errors.length > 0) throw new ValidationProblemException(errors);
  return apiKey as string;
}

function invalid(error: FieldError): ValidationProblemException {
  return new ValidationProblemException([error]);
}

/** Seconds in a `Retry-After` header, or the fallback when it gives none that can be read. */
function retryAfterSeconds(header: string | null, fallback: number): number {
  const seconds = Number(header);
  return header !== null && Number.isInteger(seconds) && seconds > 0 ? seconds : fallback;
}

/**
 * Who the applications service takes the key for (`GET /v1/me`): the only judge of a key. Refused
 * (401/403): API_KEY_NOT_ACCEPTED. Its own limit on failed keys (429) is passed on as the console's
 * sign-in limit. Unreachable, slow or answering nonsense: SIGN_IN_UNAVAILABLE (503), nothing stored.
 */
export async function principalOfApiKey(callService: ServiceCaller, apiKey: string, forwarded: { clientAddress: string; requestId: string }): Promise<Principal> {
  const headers = new Headers({ accept: 'application/json', authorization: `Bearer ${apiKey}`, 'x-forwarded-for': forwarded.clientAddress, 'x-request-id': forwarded.requestId });
  let response: Response;
  try {
    response = await callService('applications', { method: 'GET', path: '/v1/me', headers });
  } catch (err) {
    if (err instanceof ConsoleError) throw consoleError(ConsoleErrorCode.SignInUnavailable);
    throw err;
  }
  if (response.status === 401 || response.status === 403) {
    await response.body?.cancel();
    throw consoleError(ConsoleErrorCode.ApiKeyNotAccepted);
  }
  if (response.status === 429) {
    await response.body?.cancel();
    throw consoleError(ConsoleErrorCode.SignInRateLimited, { retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after'), 60) });
  }
  const body: unknown = response.ok ? await response.json().catch(() => undefined) : await response.body?.cancel();
  const principal = principalSchema.safeParse(body);
  if (!principal.success) {
    getLogger({ component: 'sign-in' }).error({ status: response.status }, 'the applications service answered GET /v1/me with something other than a principal');
    throw consoleError(ConsoleErrorCode.SignInUnavailable);
  }
  return principal.data;
}
