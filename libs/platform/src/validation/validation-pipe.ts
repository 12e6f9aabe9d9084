import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblemException, type FieldError } from '../errors/problem';

/**
 * Flattens class-validator's nested errors into one entry per failed constraint, with dotted paths
 * and the constraint's name as `code` (the problem filter translates the message by it).
 * A missing required field gets one entry saying so, not one per constraint it could not meet.
 */
export function fieldErrorsOf(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const missing = constraints.length > 0 && error.value === undefined && !error.constraints?.whitelistValidation;
    const own = missing ? [{ field, code: 'required', message: `${field} is required` }] : constraints.map(([code, message]) => ({ field, code, message }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/**
 * Validates every DTO-typed body, query and param: unknown fields are refused (not silently
 * dropped) so a client's typo is visible, and all invalid fields are listed at once.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // `value` is read to tell a missing field from a wrong one; it is never sent back to the client.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationProblemException(fieldErrorsOf(errors)),
  });
}
