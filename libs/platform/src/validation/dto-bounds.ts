import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';

/** Validation metadata as class-validator stores it (its type is not exported). */
interface RuleMetadata {
  type: string;
  name?: string;
  target: unknown;
  propertyName: string;
  each?: boolean;
  constraints?: unknown[];
}

/** A DTO class, as class-validator keys its metadata. */
type DtoClass = abstract new (...args: never[]) => object;

/** Rules that bound a string's length or its set of values. */
const STRING_BOUNDS = new Set([
  'maxLength',
  'isLength',
  'isIn',
  'isEnum',
  'isUuid',
  'isEmail',
  'isIsoDateInRange',
  'isCountryCode',
  'isLanguageCode',
  'isSlug',
  'isHttpUrl',
  'isTimeZone',
]);
const NUMBER_TYPES = new Set(['isInt', 'isNumber']);

/** A regular expression bounds length only if it is anchored and has no open-ended repetition. */
function isBoundedPattern(pattern: unknown): boolean {
  const source = pattern instanceof RegExp ? pattern.source : typeof pattern === 'string' ? pattern : '';
  return source.startsWith('^') && source.endsWith('$') && !/(?<!\\)[*+]|\{\d+,\}/.test(source);
}

function unboundedReasons(rules: RuleMetadata[]): string[] {
  const names = new Set(rules.map((r) => r.name ?? r.type));
  const reasons: string[] = [];
  const boundedByPattern = rules.some((r) => r.name === 'matches' && isBoundedPattern(r.constraints?.[0]));
  if ((names.has('isString') || names.has('matches')) && !boundedByPattern && ![...STRING_BOUNDS].some((n) => names.has(n))) reasons.push('a string without a length cap');
  if ([...NUMBER_TYPES].some((n) => names.has(n)) && !names.has('isIn') && !(names.has('max') && (names.has('min') || names.has('isPositive')))) {
    reasons.push('a number without both a minimum and a maximum');
  }
  if (names.has('isIso8601') && !names.has('isIsoDateInRange')) reasons.push('a date without a range (use IsIsoDateInRange)');
  if ((names.has('minLength') || names.has('isNotEmpty')) && !names.has('isNotBlank')) reasons.push('required text that may be only spaces (use IsNotBlank)');
  return reasons;
}

/**
 * Properties of the given DTO classes (all classes with validation rules when omitted) that can take
 * an unbounded value: a string without a length cap, a number without a range, an array without a
 * size cap, a nested object that also accepts an array or nothing, a free-form object without
 * bounds, a date without a range, required text that may be only spaces, a null let through to
 * a field not documented as nullable. Each entry is `Class.property: reason`. A conventions test asserts the list is empty.
 */
export function unboundedDtoFields(classes?: DtoClass[]): string[] {
  const storage = getMetadataStorage() as unknown as {
    validationMetadatas: Map<unknown, RuleMetadata[]>;
    getTargetValidationMetadatas(target: DtoClass, schema: string, always: boolean, strictGroups: boolean): RuleMetadata[];
  };
  const targets = classes ?? [...storage.validationMetadatas.keys()].filter((t): t is DtoClass => typeof t === 'function');
  const found: string[] = [];
  for (const target of targets) {
    const byProperty = new Map<string, RuleMetadata[]>();
    for (const rule of storage.getTargetValidationMetadatas(target, '', true, false)) {
      byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
    }
    for (const [property, rules] of byProperty) {
      const own = rules.filter((r) => !r.each);
      const each = rules.filter((r) => r.each);
      const ownNames = new Set(own.map((r) => r.name ?? r.type));
      const reasons = unboundedReasons(own);
      if (ownNames.has('isArray') && !ownNames.has('arrayMaxSize')) reasons.push('an array without a size cap');
      for (const reason of unboundedReasons(each)) reasons.push(`${reason} in each item`);
      const nested = rules.some((r) => r.type === 'nestedValidation');
      if (nested && !ownNames.has('isObject') && !ownNames.has('isArray')) reasons.push('a nested object that also accepts an array or nothing (add IsObject: use NestedObject)');
      if (nested && ownNames.has('isArray') && !each.some((r) => r.name === 'isObject')) reasons.push('a list of nested objects whose items may be arrays (use NestedObjectArray)');
      if (ownNames.has('isObject') && !nested && !ownNames.has('isBoundedJsonObject')) reasons.push('a free-form object without bounds (use IsBoundedJsonObject)');
      const documented = Reflect.getMetadata('swagger/apiModelProperties', target.prototype, property) as { nullable?: boolean } | undefined;
      if (ownNames.has('isOptional') && !documented?.nullable) reasons.push('null is let through but not documented as nullable (use IsOmittable)');
      for (const reason of reasons) found.push(`${target.name}.${property}: ${reason}`);
    }
  }
  return found.sort();
}
