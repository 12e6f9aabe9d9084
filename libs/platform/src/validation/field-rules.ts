import { applyDecorators } from '@nestjs/common';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, isISO8601, IsUUID, ValidateBy, ValidateIf, ValidateNested, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { ISO_COUNTRY_CODES, ISO_LANGUAGE_CODES } from './iso-codes';

/**
 * Field rules shared by the DTOs of every service, for the properties PostgreSQL or an event would
 * otherwise refuse after validation said yes (DESIGN.md §9: every field has a type, a range and a
 * length). Each is one decorator so a DTO cannot apply half of a rule.
 */

const nameOf = (args?: ValidationArguments) => args?.property ?? 'value';

/** Largest PostgreSQL `integer`: every integer body field that reaches such a column is capped by it. */
export const PG_INT_MAX = 2_147_483_647;

/**
 * The field may be left out, but `null` is validated like any other value (and so refused by its type
 * rule). `IsOptional` also skips null, which then reaches a NOT NULL column (`eventTypes: null` on an
 * update). Use `IsOptional` only where the API documents the field as nullable.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}

/** Required text must hold a visible character: names of only spaces break the database checks. */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBlank',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0,
        defaultMessage: (args) => `${nameOf(args)} must contain a character other than spaces`,
      },
    },
    options,
  );
}

/**
 * A nested object of a given shape. `ValidateNested` alone accepts a missing value and an array (it
 * validates the array's items), so `rubric: []` or no rubric at all would pass: `IsObject` refuses both.
 */
export function NestedObject(type: () => new () => object, options?: ValidationOptions): PropertyDecorator {
  return applyDecorators(IsObject(options), ValidateNested(options), Type(type)) as PropertyDecorator;
}

/** A list of nested objects of a given shape, at most `maxSize` long; an item that is an array is refused. */
export function NestedObjectArray(type: () => new () => object, maxSize: number, options?: { minSize?: number }): PropertyDecorator {
  return applyDecorators(
    IsArray(),
    ...(options?.minSize ? [ArrayMinSize(options.minSize)] : []),
    ArrayMaxSize(maxSize),
    IsObject({ each: true }),
    ValidateNested({ each: true }),
    Type(type),
  ) as PropertyDecorator;
}

/** A UUID in any case, stored and compared in lower case (PostgreSQL prints lower case). */
export function IsUuid(options?: ValidationOptions): PropertyDecorator {
  const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value);
  return applyDecorators(
    Transform(({ value }) => (Array.isArray(value) ? value.map(lower) : lower(value))),
    IsUUID('all', options),
  ) as PropertyDecorator;
}

/** ISO 3166-1 alpha-2, upper case (`KR`); `XX` and other unassigned codes are refused. */
export function IsCountryCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountryCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ISO_COUNTRY_CODES.has(value),
        defaultMessage: (args) => `${nameOf(args)} must be an ISO 3166-1 alpha-2 country code such as KR`,
      },
    },
    options,
  );
}

/** ISO 639-1, lower case (`ko`). */
export function IsLanguageCode(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLanguageCode',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && ISO_LANGUAGE_CODES.has(value),
        defaultMessage: (args) => `${nameOf(args)} must be an ISO 639-1 language code such as ko`,
      },
    },
    options,
  );
}

export const SLUG_MAX_LENGTH = 40;
export const SLUG_PATTERN = new RegExp(`^(?=.{1,${SLUG_MAX_LENGTH}}$)[a-z0-9]+(?:[_-][a-z0-9]+)*$`);

/** A short key such as a technology field (`medtech`, `computer_vision`): lower case, digits, `_` or `-`. */
export function IsSlug(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSlug',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && SLUG_PATTERN.test(value),
        defaultMessage: (args) => `${nameOf(args)} must be a short key (at most ${SLUG_MAX_LENGTH} of a-z, 0-9, _ and -) such as medtech`,
      },
    },
    options,
  );
}

/** http or https, a host, and a port (when given) that can be connected to (1–65535). */
export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 2_048) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (!url.hostname) return false;
  // URL drops a default port and throws beyond 65535; an explicit `:0` stays as '0'.
  return url.port === '' || Number(url.port) >= 1;
}

export function IsHttpUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHttpUrl',
      validator: {
        validate: isHttpUrl,
        defaultMessage: (args) => `${nameOf(args)} must be an http or https URL with a host (and a port from 1 to 65535)`,
      },
    },
    options,
  );
}

/** Dates the exchange can mean: a programme, a pilot or a company founded from 1900 until 2199. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;
/** A date with an optional time and offset (`2026-03-01`, `2026-03-01T09:00`, `2026-03-01T09:00:00Z`). */
export const DATE_TIME_PATTERN = /^(\d{4})-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * A strict ISO 8601 date or date-time whose year lies in [EARLIEST_YEAR, LATEST_YEAR]:
 * `0000-01-01T00:00:00Z` parses, but PostgreSQL and every reader would choke on it.
 */
export function isIsoDateInRange(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = DATE_TIME_PATTERN.exec(value);
  if (!match || !isISO8601(value, { strict: true, strictSeparator: true })) return false;
  const year = Number(match[1]);
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR && !Number.isNaN(Date.parse(value));
}

export function IsIsoDateInRange(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateInRange',
      validator: {
        validate: isIsoDateInRange,
        defaultMessage: (args) => `${nameOf(args)} must be an ISO 8601 date or date-time (such as 2026-03-01T09:00:00Z) between the years ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
      },
    },
    options,
  );
}

export interface JsonObjectBounds {
  /** Most keys at any level. */
  maxKeys: number;
  maxKeyLength: number;
  maxStringLength: number;
  maxDepth: number;
  /** Most characters of the whole value as JSON. */
  maxLength: number;
}

/** Why a free-form JSON object breaks its bounds, or null. Arrays and scalars at the top are refused. */
export function jsonObjectBoundsProblem(value: unknown, bounds: JsonObjectBounds): string | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'must be an object';
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current === 'string' && current.length > bounds.maxStringLength) return `must not hold a text longer than ${bounds.maxStringLength} characters`;
    if (typeof current === 'number' && !Number.isFinite(current)) return 'must hold finite numbers only';
    if (current === null || typeof current !== 'object') continue;
    if (depth > bounds.maxDepth) return `must not be nested deeper than ${bounds.maxDepth} levels`;
    const entries = Array.isArray(current) ? current.map((v, i) => [String(i), v] as const) : Object.entries(current);
    if (entries.length > bounds.maxKeys) return `must not hold more than ${bounds.maxKeys} entries in one object or list`;
    for (const [key, child] of entries) {
      if (key.length > bounds.maxKeyLength) return `must not have a key longer than ${bounds.maxKeyLength} characters`;
      stack.push([child, depth + 1]);
    }
  }
  if (JSON.stringify(value).length > bounds.maxLength) return `must not be longer than ${bounds.maxLength} characters as JSON`;
  return null;
}

/** A free-form JSON object (answers to a programme's questions) with bounded size and shape. */
export function IsBoundedJsonObject(bounds: JsonObjectBounds, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBoundedJsonObject',
      constraints: [bounds],
      validator: {
        validate: (value: unknown) => jsonObjectBoundsProblem(value, bounds) === null,
        defaultMessage: (args) => `${nameOf(args)} ${jsonObjectBoundsProblem(args?.value, bounds) ?? 'is out of bounds'}`,
      },
    },
    options,
  );
}

/** An IANA time zone name that this runtime knows (`Europe/Moscow`, `Asia/Seoul`). */
export function isTimeZone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimeZone',
      validator: { validate: isTimeZone, defaultMessage: (args) => `${nameOf(args)} must be an IANA time zone such as Europe/Moscow or Asia/Seoul` },
    },
    options,
  );
}
