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
 *   });
 *
 * `details` become extension members of the problem document (e.g. `{ currentState: 'submitted' }`).
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

const mappings = new Map<DomainErrorClass<string>, HttpStatusOf<string>>();

export function mapDomainErrorsToHttp<Code extends string>(errorClass: DomainErrorClass<Code>, statusOf: HttpStatusOf<Code>): void {
  mappings.set(errorClass, statusOf as HttpStatusOf<string>);
}

/** 422 for a domain error whose class has no mapping: a rule was broken, but we did not say how. */
export const UNMAPPED_DOMAIN_ERROR_STATUS = 422;

export function httpStatusOfDomainError(error: DomainError): { status: number; mapped: boolean } {
  // Walk up the prototype chain so a subclass inherits its parent's mapping.
  for (let proto = Object.getPrototypeOf(error); proto && proto !== Error.prototype; proto = Object.getPrototypeOf(proto)) {
    const statusOf = mappings.get(proto.constructor);
    if (statusOf) return { status: statusOf(error.code), mapped: true };
  }
  return { status: UNMAPPED_DOMAIN_ERROR_STATUS, mapped: false };
}
