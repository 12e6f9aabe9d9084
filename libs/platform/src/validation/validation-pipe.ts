import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblemException, type FieldError } from '../errors/problem';

/** Flattens class-validator's nested errors into one entry per failed constraint, with dotted paths. */
export function fieldErrorsOf(errors: ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
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
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblemException(fieldErrorsOf(errors)),
  });
}
