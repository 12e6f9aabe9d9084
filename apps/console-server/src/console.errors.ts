import { assertUnreachable, defineMessages, DomainError, mapDomainErrorsToHttp, type ParamsOf, registerCatalogue } from '@exchange/platform';
import type { ServiceName } from '@exchange/sdk';

/** What the console server itself refuses; everything else a person sees is the services' own problem. */
export enum ConsoleErrorCode {
  ApiKeyNotAccepted = 'CONSOLE.API_KEY_NOT_ACCEPTED',
  SessionMissing = 'CONSOLE.SESSION_MISSING',
  SessionExpired = 'CONSOLE.SESSION_EXPIRED',
  CsrfTokenInvalid = 'CONSOLE.CSRF_TOKEN_INVALID',
  SignInRateLimited = 'CONSOLE.SIGN_IN_RATE_LIMITED',
  NotFound = 'CONSOLE.NOT_FOUND',
  PathNotAllowed = 'CONSOLE.PATH_NOT_ALLOWED',
  ServiceUnreachable = 'CONSOLE.SERVICE_UNREACHABLE',
  ServiceTimedOut = 'CONSOLE.SERVICE_TIMED_OUT',
  SignInUnavailable = 'CONSOLE.SIGN_IN_UNAVAILABLE',
  AppNotBuilt = 'CONSOLE.APP_NOT_BUILT',
}

/** A refusal of the console server (its HTTP status is chosen below, its texts are the catalogue's). */
export class ConsoleError extends DomainError<ConsoleErrorCode> {
  /** Headers its problem goes out with: when to try again, for a limit. */
  get headers(): Record<string, string> {
    const retryAfterSeconds = this.details.retryAfterSeconds;
    return typeof retryAfterSeconds === 'number' ? { 'Retry-After': String(retryAfterSeconds) } : {};
  }
}

export const consoleErrorMessages = registerCatalogue(
  'console.errors',
  defineMessages({
    [ConsoleErrorCode.ApiKeyNotAccepted]: {
      en: () => 'This API key is not accepted: it is unknown, revoked or expired',
      ko: () => '이 API 키는 사용할 수 없습니다. 알 수 없거나 폐기되었거나 만료된 키입니다',
      ru: () => 'Этот API-ключ не принят: он неизвестен, отозван или просрочен',
    },
    [ConsoleErrorCode.SessionMissing]: {
      en: () => 'You are not signed in: sign in with your API key',
      ko: () => '로그인되어 있지 않습니다. API 키로 로그인하세요',
      ru: () => 'Вы не вошли: войдите с вашим API-ключом',
    },
    [ConsoleErrorCode.SessionExpired]: {
      en: () => 'Your API key is no longer accepted (revoked or expired): sign in again',
      ko: () => 'API 키를 더 이상 사용할 수 없습니다(폐기 또는 만료). 다시 로그인하세요',
      ru: () => 'Ваш API-ключ больше не принимается (отозван или просрочен): войдите снова',
    },
    [ConsoleErrorCode.CsrfTokenInvalid]: {
      en: () => 'The request lacks the session’s CSRF token (X-CSRF-Token): nothing was changed',
      ko: () => '요청에 세션의 CSRF 토큰(X-CSRF-Token)이 없거나 틀립니다. 아무것도 변경되지 않았습니다',
      ru: () => 'В запросе нет верного CSRF-токена сессии (X-CSRF-Token): ничего не изменено',
    },
    [ConsoleErrorCode.SignInRateLimited]: {
      en: (p: { retryAfterSeconds: number }) => `Too many sign-in attempts: try again in ${p.retryAfterSeconds} s`,
      ko: (p) => `로그인 시도가 너무 많습니다. ${p.retryAfterSeconds}초 후에 다시 시도하세요`,
      ru: (p) => `Слишком много попыток входа: повторите через ${p.retryAfterSeconds} с`,
    },
    [ConsoleErrorCode.NotFound]: {
      en: () => 'Nothing here: the console forwards /api/<service>/v1/… for applications, pilots, cohorts and notifications',
      ko: () => '여기에는 아무것도 없습니다. 콘솔은 applications, pilots, cohorts, notifications의 /api/<service>/v1/… 요청만 전달합니다',
      ru: () => 'Здесь ничего нет: консоль передаёт только /api/<service>/v1/… для applications, pilots, cohorts и notifications',
    },
    [ConsoleErrorCode.PathNotAllowed]: {
      en: () => 'The path is not forwarded: it has a dot segment, an empty segment or an encoded separator',
      ko: () => '이 경로는 전달되지 않습니다. 점 세그먼트, 빈 세그먼트 또는 인코딩된 구분자가 있습니다',
      ru: () => 'Путь не передаётся: в нём есть сегмент из точек, пустой сегмент или закодированный разделитель',
    },
    [ConsoleErrorCode.ServiceUnreachable]: {
      en: (p: { service: ServiceName }) => `The ${p.service} service cannot be reached: try again shortly`,
      ko: (p) => `${p.service} 서비스에 연결할 수 없습니다. 잠시 후 다시 시도하세요`,
      ru: (p) => `Сервис ${p.service} недоступен: повторите чуть позже`,
    },
    [ConsoleErrorCode.ServiceTimedOut]: {
      en: (p: { service: ServiceName; timeoutMs: number }) => `The ${p.service} service did not answer within ${p.timeoutMs} ms`,
      ko: (p) => `${p.service} 서비스가 ${p.timeoutMs}ms 안에 응답하지 않았습니다`,
      ru: (p) => `Сервис ${p.service} не ответил за ${p.timeoutMs} мс`,
    },
    [ConsoleErrorCode.SignInUnavailable]: {
      en: () => 'Sign-in is unavailable: the applications service cannot check the key now, try again shortly',
      ko: () => '지금은 로그인할 수 없습니다. applications 서비스가 키를 확인할 수 없으니 잠시 후 다시 시도하세요',
      ru: () => 'Вход сейчас невозможен: сервис applications не может проверить ключ, повторите чуть позже',
    },
    [ConsoleErrorCode.AppNotBuilt]: {
      en: () => 'The console application is not built yet (npm run console:build)',
      ko: () => '콘솔 애플리케이션이 아직 빌드되지 않았습니다(npm run console:build)',
      ru: () => 'Приложение консоли ещё не собрано (npm run console:build)',
    },
  }),
  {
    [ConsoleErrorCode.SignInRateLimited]: { retryAfterSeconds: 42 },
    [ConsoleErrorCode.ServiceUnreachable]: { service: 'pilots' },
    [ConsoleErrorCode.ServiceTimedOut]: { service: 'cohorts', timeoutMs: 30_000 },
  },
);

mapDomainErrorsToHttp(
  ConsoleError,
  (code) => {
    switch (code) {
      case ConsoleErrorCode.PathNotAllowed:
        return 400;
      case ConsoleErrorCode.ApiKeyNotAccepted:
      case ConsoleErrorCode.SessionMissing:
      case ConsoleErrorCode.SessionExpired:
        return 401;
      case ConsoleErrorCode.CsrfTokenInvalid:
        return 403;
      case ConsoleErrorCode.NotFound:
        return 404;
      case ConsoleErrorCode.SignInRateLimited:
        return 429;
      case ConsoleErrorCode.ServiceUnreachable:
        return 502;
      case ConsoleErrorCode.SignInUnavailable:
      case ConsoleErrorCode.AppNotBuilt:
        return 503;
      case ConsoleErrorCode.ServiceTimedOut:
        return 504;
      default:
        return assertUnreachable(code);
    }
  },
  consoleErrorMessages,
);

type DetailsOf<C extends ConsoleErrorCode> = ParamsOf<typeof consoleErrorMessages, C>;

/** The console's refusal of `code` with the parameters its texts need; the English text is for logs. */
export function consoleError<C extends ConsoleErrorCode>(code: C, ...details: DetailsOf<C> extends undefined ? [] : [DetailsOf<C>]): ConsoleError {
  const params = (details[0] ?? {}) as Record<string, unknown>;
  return new ConsoleError(code, consoleErrorMessages[code].en(params as never), params);
}
