import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { Observable } from 'rxjs';
import { type FieldError, ValidationProblemException } from '../errors/problem';

/** The field a problem names when the body as a whole is wrong (missing, `null`, an array...). */
export const BODY_FIELD = 'body';

/**
 * Whether a handler declares a `@Body()` parameter. Nest keeps a handler's parameters under
 * ROUTE_ARGS_METADATA on its controller, keyed `<RouteParamtypes>:<index>`.
 */
export function handlerTakesBody(controller: object, handlerName: string): boolean {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, handlerName) ?? {}) as Record<string, unknown>;
  return Object.keys(args).some((key) => key.split(':')[0] === String(RouteParamtypes.BODY));
}

const isJsonObject = (body: unknown): body is Record<string, unknown> => typeof body === 'object' && body !== null && !Array.isArray(body);

/**
 * What is wrong with a request's body, given whether its route takes one. A route with a body DTO
 * (documented `required: true`) needs a JSON object: without this, a missing body or `null` would
 * read as `{}` and pass a DTO whose fields are all optional. A route without one (publish, pause,
 * retry...) takes no body: an absent one or `{}` is fine, anything else would be silently ignored,
 * so it is refused and its fields named.
 */
export function bodyProblems(takesBody: boolean, body: unknown): FieldError[] {
  if (takesBody) {
    if (body === undefined || body === '') return [{ field: BODY_FIELD, code: 'bodyRequired', message: 'a JSON body is required' }];
    return isJsonObject(body) ? [] : [{ field: BODY_FIELD, code: 'bodyNotObject', message: 'the body must be a JSON object' }];
  }
  if (body === undefined || body === '') return [];
  if (!isJsonObject(body)) return [{ field: BODY_FIELD, code: 'noBody', message: 'this route takes no body; send none or {}' }];
  return Object.keys(body).map((field) => ({ field, code: 'notAccepted', message: `${field} is not accepted: this route takes no body` }));
}

/**
 * Applies bodyProblems to every route, after authentication (a stranger learns nothing of a route's
 * body) and before any route interceptor, pipe or handler (a refused request changes nothing).
 */
@Injectable()
export class RequestBodyRulesInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const { body } = context.switchToHttp().getRequest<{ body?: unknown }>();
    const problems = bodyProblems(handlerTakesBody(context.getClass(), context.getHandler().name), body);
    if (problems.length > 0) throw new ValidationProblemException(problems);
    return next.handle();
  }
}
