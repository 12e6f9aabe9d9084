import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { PRINCIPAL_REQUEST_KEY } from '../auth/auth.decorators';
import type { AuthenticatedPrincipal } from '../auth/authenticated-principal';
import type { Language } from './messages';
import { negotiateLanguage } from './negotiate';

interface RequestLike {
  headers: Record<string, string | string[] | undefined>;
  [key: string]: unknown;
}

/** The language to answer this request in: `Accept-Language`, else the caller's preferred language, else English. */
export function requestLanguage(request: RequestLike): Language {
  const principal = request[PRINCIPAL_REQUEST_KEY] as AuthenticatedPrincipal | undefined;
  return negotiateLanguage(request.headers['accept-language'], principal?.language);
}

/** `@ReplyLanguage() language: Language` in a controller method (public routes included). */
export const ReplyLanguage = createParamDecorator((_: unknown, context: ExecutionContext): Language =>
  requestLanguage(context.switchToHttp().getRequest<RequestLike>()),
);
