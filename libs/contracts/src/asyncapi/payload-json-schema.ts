import { z } from 'zod';
import { ProducedEventSchemas, type EventType } from '../events';

/** The JSON Schema dialects the documents use: draft-07 in AsyncAPI, 2020-12 in OpenAPI 3.1. */
export type JsonSchemaDialect = 'draft-7' | 'draft-2020-12';

export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema of `dialect`, as its producer writes it (defaults applied, so fields
 * with a default are required). Objects stay open: a topic version grows by adding fields, so a
 * reader must accept fields it does not know yet. The dialect is named by the document that embeds
 * the schema, not by a `$schema` inside it.
 */
export function jsonSchemaOf(schema: z.ZodType, dialect: JsonSchemaDialect): JsonSchema {
  const converted = z.toJSONSchema(schema, {
    target: dialect,
    io: 'output',
    override: ({ zodSchema, jsonSchema }) => {
      const def = (zodSchema as z.core.$ZodType)._zod.def;
      if (def.type === 'object' && (def as z.core.$ZodObjectDef).catchall === undefined) delete jsonSchema.additionalProperties;
    },
  }) as JsonSchema;
  delete converted.$schema;
  return converted;
}

/** The payload of one event type as its producer writes it (ProducedEventSchemas). */
export function eventPayloadJsonSchema(type: EventType, dialect: JsonSchemaDialect): JsonSchema {
  return jsonSchemaOf(ProducedEventSchemas[type], dialect);
}
