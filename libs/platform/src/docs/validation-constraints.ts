import { type INestApplication, ParseUUIDPipe, type Type } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { DATE_TIME_PATTERN, SLUG_PATTERN } from '../validation/field-rules';

/**
 * The validators are the truth of what a request may hold; @ApiProperty only says it again, and
 * drifts. This writes each DTO's class-validator rules into the OpenAPI document: integer types,
 * bounds, lengths, item counts, enums, formats and patterns, for body schemas, query parameters and
 * (from their UUID pipes) path parameters. Bounds and lengths are the validators' own; a format, a
 * pattern or an enum an author declared by hand is kept.
 */

type Schema = Record<string, unknown>;
type Rule = (constraints: unknown[]) => Schema;

const regexSource = (pattern: unknown): string => (pattern instanceof RegExp ? pattern.source : String(pattern));

/** What each validator the services use says in JSON Schema. Validators without a schema form are left out. */
const RULES: Record<string, Rule> = {
  isInt: () => ({ type: 'integer' }),
  isBoolean: () => ({ type: 'boolean' }),
  isString: () => ({ type: 'string' }),
  min: ([min]) => ({ minimum: min }),
  max: ([max]) => ({ maximum: max }),
  isPositive: () => ({ exclusiveMinimum: 0 }),
  isLength: ([min, max]) => ({ ...(typeof min === 'number' && min > 0 ? { minLength: min } : {}), ...(typeof max === 'number' ? { maxLength: max } : {}) }),
  minLength: ([min]) => ({ minLength: min }),
  maxLength: ([max]) => ({ maxLength: max }),
  arrayMinSize: ([min]) => ({ minItems: min }),
  arrayMaxSize: ([max]) => ({ maxItems: max }),
  isIn: ([values]) => ({ enum: values }),
  isUuid: () => ({ format: 'uuid' }),
  isEmail: () => ({ format: 'email' }),
  matches: ([pattern]) => ({ pattern: regexSource(pattern) }),
  isNotBlank: () => ({ pattern: '\\S' }),
  isHttpUrl: () => ({ format: 'uri', maxLength: 2_048 }),
  isCountryCode: () => ({ pattern: '^[A-Z]{2}$' }),
  isLanguageCode: () => ({ pattern: '^[a-z]{2}$' }),
  isSlug: () => ({ pattern: SLUG_PATTERN.source }),
  isIsoDateInRange: () => ({ pattern: DATE_TIME_PATTERN.source }),
};

/** Keys a hand-written declaration keeps when a validator says something else too. */
const AUTHOR_WINS = new Set(['format', 'pattern', 'enum']);

/** The JSON Schema of one validation rule, or null when it has none. */
function schemaOfRule(metadata: ValidationMetadata): Schema | null {
  const name = metadata.type === 'customValidation' ? metadata.name : metadata.type;
  const rule = name ? RULES[name] : undefined;
  return rule ? rule(metadata.constraints ?? []) : null;
}

/** Every validated property of a DTO (inherited rules included) and what its rules say, for the value and for each item. */
export function constraintsOf(dto: Type): Map<string, { value: Schema; each: Schema }> {
  const byProperty = new Map<string, { value: Schema; each: Schema }>();
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    const schema = schemaOfRule(metadata);
    if (!schema) continue;
    const entry = byProperty.get(metadata.propertyName) ?? { value: {}, each: {} };
    Object.assign(metadata.each ? entry.each : entry.value, schema);
    byProperty.set(metadata.propertyName, entry);
  }
  return byProperty;
}

/** Writes `rules` into `schema`: `integer` narrows `number`, a pattern/format/enum the author wrote stays. */
function merge(schema: Schema, rules: Schema): void {
  for (const [key, value] of Object.entries(rules)) {
    if (key === 'type') {
      // The validator's type only narrows (integer for number); an author's string/boolean is already right.
      if (value === 'integer' && (schema.type === 'number' || schema.type === undefined)) schema.type = 'integer';
      continue;
    }
    if (AUTHOR_WINS.has(key) && schema[key] !== undefined) continue;
    // A date-time the author declared says more than the date pattern of the validator.
    if (key === 'pattern' && schema.format !== undefined) continue;
    schema[key] = value;
  }
}

function applyTo(schema: Schema | undefined, constraints: { value: Schema; each: Schema }): void {
  if (!schema || schema.$ref) return;
  merge(schema, constraints.value);
  const items = schema.items as Schema | undefined;
  if (Object.keys(constraints.each).length > 0) {
    if (items) applyTo(items, { value: constraints.each, each: {} });
    else merge(schema, constraints.each);
  }
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

const isUuidPipe = (pipe: unknown) => pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe;

/** Each handler of the application's controllers by its default operation id (`Controller_method`). */
function handlersByOperationId(app: INestApplication): Map<string, { controller: Type; method: string }> {
  const handlers = new Map<string, { controller: Type; method: string }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method !== 'constructor') handlers.set(`${controller.name}_${method}`, { controller, method });
      }
    }
  }
  return handlers;
}

type Operation = { operationId?: string; parameters?: Array<{ in: string; name: string; schema?: Schema }> };

/** The parameters of one operation: query DTO rules by name, and `format: uuid` where a UUID pipe parses the path parameter. */
function declareParameters(operation: Operation, handler: { controller: Type; method: string }, dtos: Map<string, Type>): void {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, handler.controller, handler.method) ?? {}) as Record<string, RouteArgument>;
  const types = (Reflect.getMetadata('design:paramtypes', handler.controller.prototype, handler.method) ?? []) as Type[];
  for (const [key, argument] of Object.entries(args)) {
    const kind = Number(key.split(':')[0]);
    if (kind === RouteParamtypes.PARAM && typeof argument.data === 'string' && (argument.pipes ?? []).some(isUuidPipe)) {
      const parameter = operation.parameters?.find((p) => p.in === 'path' && p.name === argument.data);
      if (parameter?.schema) merge(parameter.schema, { format: 'uuid' });
    }
    if (kind === RouteParamtypes.QUERY && argument.data === undefined && types[argument.index] && dtos.has(types[argument.index].name)) {
      for (const [name, constraints] of constraintsOf(types[argument.index])) {
        applyTo(operation.parameters?.find((p) => p.in === 'query' && p.name === name)?.schema, constraints);
      }
    }
  }
}

/** The classes of the nested DTOs a DTO validates (their `@Type`). */
function nestedClassesOf(dto: Type): Type[] {
  const nested: Type[] = [];
  for (const metadata of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
    if (metadata.type !== 'nestedValidation') continue;
    const type = defaultMetadataStorage.findTypeMetadata(dto, metadata.propertyName)?.typeFunction();
    if (typeof type === 'function') nested.push(type as Type);
  }
  return nested;
}

/** The body and query DTOs the application's handlers take, and the DTOs nested in them, by class name. */
function requestDtosOf(handlers: Iterable<{ controller: Type; method: string }>): Map<string, Type> {
  const byName = new Map<string, Type>();
  const visit = (dto: Type | undefined) => {
    if (!dto || (dto as unknown) === Object || byName.get(dto.name) === dto) return;
    const known = byName.get(dto.name);
    if (known) throw new Error(`two DTO classes are named ${dto.name}: rename one, the OpenAPI document names schemas by class`);
    byName.set(dto.name, dto);
    for (const nested of nestedClassesOf(dto)) visit(nested);
  };
  for (const { controller, method } of handlers) {
    const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
    for (const [key, argument] of Object.entries(args)) {
      const kind = Number(key.split(':')[0]);
      if ((kind === RouteParamtypes.BODY || kind === RouteParamtypes.QUERY) && argument.data === undefined) visit(types[argument.index]);
    }
  }
  return byName;
}

/** Writes the validators' rules into the document's component schemas and the parameters of its operations. */
export function declareValidationConstraints(app: INestApplication, document: OpenAPIObject): void {
  const handlers = handlersByOperationId(app);
  const dtos = requestDtosOf(handlers.values());
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const [name, schema] of Object.entries(schemas)) {
    const dto = dtos.get(name);
    if (!dto) continue;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const [property, constraints] of constraintsOf(dto)) applyTo(properties[property], constraints);
  }
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Operation[]) {
      const handler = operation?.operationId ? handlers.get(operation.operationId) : undefined;
      if (handler) declareParameters(operation, handler, dtos);
    }
  }
}
