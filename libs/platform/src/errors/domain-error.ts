import type { Language, Translations } from '../i18n/messages';
/**
 * Base class for errors of the domain rules: each carries a stable code from its module's enum
 * (e.g. `'APPLICATION.WINDOW_CLOSED'`) and says nothing about HTTP. The HTTP status is chosen at the
 * edge, by one exhaustive mapping per module registered with `mapDomainErrorsToHttp`:
 *
 *   export enum ApplicationErrorCode { WindowClosed = 'APPLICATION.WINDOW_CLOSED', ... }
 *   export class ApplicationError extends DomainError<ApplicationErrorCode> {}
 *   mapDomainErrorsToHttp(ApplicationError, (code) => {
 *     switch (code) {
 *       case ApplicationErrorCode.WindowClosed: return 409;
 *       default: return assertUnreachable(code);
 *     }
 *   }, applicationErrorMessages);
 *
 * `details` become extension members of the problem document (e.g. `{ currentState: 'submitted' }`),
 * so they hold nothing a caller may not see; the module's messages render the problem's `detail`
 * from them in the reply's language. `message` is the English text for logs and for errors thrown
 * outside a request.
 */
export abstract class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Makes a `switch` exhaustive: adding a code without a case is a compile error. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

type DomainErrorClass<Code extends string> = abstract new (...args: never[]) => DomainError<Code>;
type HttpStatusOf<Code extends string> = (code: Code) => number;
/**
 * The detail of each code in English, Korean and Russian, rendered from the error's `details`
 * (a catalogue of `defineMessages`, keyed by every code of the module).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DomainErrorMessages<Code extends string> = { [C in Code]: Translations<any> };

const mappings = new Map<DomainErrorClass<string>, { statusOf: HttpStatusOf<string>; messages: DomainErrorMessages<string> }>();

/**
 * Registers a module's errors: the HTTP status of each code and its texts. `messages` is required and
 * keyed by every code of the enum, so a new code without its three texts does not compile.
 */
export function mapDomainErrorsToHttp<Code extends string>(
  errorClass: DomainErrorClass<Code>,
  statusOf: HttpStatusOf<Code>,
  messages: DomainErrorMessages<Code>,
): void {
  mappings.set(errorClass, { statusOf: statusOf as HttpStatusOf<string>, messages: messages as DomainErrorMessages<string> });
}

/** The texts registered for an error class (for the completeness tests), or undefined when it has no mapping. */
export function domainErrorMessagesOf(errorClass: DomainErrorClass<string>): DomainErrorMessages<string> | undefined {
  return mappings.get(errorClass)?.messages;
}

/** The registered mapping of the error's class or its nearest ancestor's. */
function mappingOf(error: DomainError) {
  // Walk up the prototype chain so a subclass inherits its parent's mapping.
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    const mapping = mappings.get(proto.constructor);
    if (mapping) return mapping;
  }
  return undefined;
}

/**
 * The error's detail in `language` from its module's messages, or null when the module has none for
 * its code or its text cannot be rendered from these details (the caller then says `message`: a slip
 * in a translation must not turn a 4xx into a 500).
 */
export function domainErrorText(error: DomainError, language: Language): string | null {
  const render = mappingOf(error)?.messages[error.code]?.[language];
  if (!render) return null;
  try {
    const text = render(error.details);
    return typeof text === 'string' && text !== '' ? text : null;
  } catch {
    return null;
  }
}

/** 422 for a domain error whose class has no mapping: a rule was broken, but we did not say how. */
export const UNMAPPED_DOMAIN_ERROR_STATUS = 422;

export function httpStatusOfDomainError(error: DomainError): { status: number; mapped: boolean } {
  const mapping = mappingOf(error);
  return mapping ? { status: mapping.statusOf(error.code), mapped: true } : { status: UNMAPPED_DOMAIN_ERROR_STATUS, mapped: false };
}
