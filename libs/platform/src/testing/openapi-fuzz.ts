/**
 * Malformed requests built from a service's OpenAPI document (issue 12, finding 6). Pure: no I/O.
 * Each request starts from a plausible base (every required field filled from the schema, examples
 * and field names) and carries exactly one malformation of one class at one place, so the answer can
 * be judged against that class. The suite that sends them is openapi-fuzz-suite.ts.
 */

export interface JsonSchema {
  $ref?: string;
  /** After resolve(), one type: OpenAPI 3.1's `[t, 'null']` is read as `t` (null is a value the fuzz need not send). */
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchema;
}

interface OpenApiParameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface FuzzOperation {
  method: string;
  /** As registered, with `:params` (the form of the route-access table). */
  route: string;
  pathParams: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  /** Header parameters (If-Match, Idempotency-Key), lower case. */
  headers: string[];
  /** The JSON body's schema, refs resolved; null when the operation takes no body. */
  body: JsonSchema | null;
}

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document, with its parameters and body schema resolved. */
export function fuzzOperations(doc: OpenApiDocument): FuzzOperation[] {
  const ops: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.includes(method)) continue;
      const params = op.parameters ?? [];
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        route: path.replace(/\{([^}]+)\}/g, ':$1'),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(doc, p.schema ?? { type: 'string' }) })),
        headers: [...new Set(params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()))],
        body: bodySchema ? resolve(doc, bodySchema) : null,
      });
    }
  }
  return ops;
}

/** The schema with `$ref`s and `allOf` inlined (down to a depth that covers every DTO here). */
export function resolve(doc: OpenApiDocument, schema: JsonSchema, depth = 0): JsonSchema {
  if (depth > 8) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const { $ref: _ref, ...rest } = schema;
    return resolve(doc, { ...(doc.components?.schemas?.[name] ?? {}), ...rest }, depth + 1);
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return allOf.reduce<JsonSchema>((acc, part) => mergeSchemas(acc, resolve(doc, part, depth + 1)), rest);
  }
  const out: JsonSchema = { ...schema };
  const types = schema.type as string | string[] | undefined;
  if (Array.isArray(types)) out.type = types.find((t) => t !== 'null') ?? 'null';
  if (schema.items) out.items = resolve(doc, schema.items, depth + 1);
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(doc, v, depth + 1)]));
  const first = (schema.oneOf ?? schema.anyOf)?.find((option) => (option.type as unknown) !== 'null');
  if (first) return { ...resolve(doc, first, depth + 1), ...out, oneOf: undefined, anyOf: undefined };
  return out;
}

function mergeSchemas(a: JsonSchema, b: JsonSchema): JsonSchema {
  return { ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] };
}

// ---------------------------------------------------------------------------------------------------
// Base values

/** Where the draws come from (fast-check's `gen` in the suite): `int(n)` is 0..n-1. */
export interface Draw {
  int(n: number): number;
}

const pick = <T>(draw: Draw, items: readonly T[]): T => items[draw.int(items.length)];

export interface IdPool {
  /** Ids of real objects the callers may or may not own, and an unknown one. */
  ids: readonly string[];
  /** The same ids by kind of object ('cohort', 'programme', 'pilotsite', …). */
  byKind: Record<string, string[]>;
  /** Ids never to pick though an answer names them: the callers' own principals and keys (revoked, they would end the run). */
  reserved?: ReadonlySet<string>;
}

const KIND_ALIASES: Record<string, string> = { people: 'principal', person: 'principal' };

/** 'pilot-sites', 'pilotSites', 'siteId', 'personId' → 'pilotsite', 'pilotsite', 'site', 'principal'. */
export function idKind(name: string): string {
  const kind = name.toLowerCase().replace(/[^a-z]/g, '').replace(/ids?$/, '').replace(/ies$/, 'y').replace(/s$/, '');
  return KIND_ALIASES[kind] ?? kind;
}

/** An id for a field or path parameter: usually one of the right kind of object, else any. */
function pickId(draw: Draw, pool: IdPool, name: string): string {
  const kind = idKind(name);
  const fitting = kind ? Object.entries(pool.byKind).filter(([k, ids]) => ids.length > 0 && (k.endsWith(kind) || kind.endsWith(k))).flatMap(([, ids]) => ids) : [];
  return fitting.length > 0 && draw.int(4) !== 0 ? pick(draw, fitting) : pick(draw, pool.ids);
}

/** Remembers the ids a 2xx answer names (a created object, a page of them) under `kind`. */
export function learnIds(pool: IdPool, kind: string, answer: unknown): void {
  const found = [answer, ...((answer as { items?: unknown[] } | null)?.items ?? [])]
    .map((x) => (x && typeof x === 'object' ? (x as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string' && UUID.test(id) && !pool.reserved?.has(id));
  const known = (pool.byKind[kind] ??= []);
  for (const id of found) if (!known.includes(id) && known.length < 20) known.push(id);
}

const isObjectSchema = (s: JsonSchema) => s.type === 'object' || s.properties !== undefined;
const isArraySchema = (s: JsonSchema) => s.type === 'array' || s.items !== undefined;
const isNumberSchema = (s: JsonSchema) => s.type === 'number' || s.type === 'integer';
const isStringSchema = (s: JsonSchema) => s.type === 'string' || (s.type === undefined && !isObjectSchema(s) && !isArraySchema(s) && s.enum === undefined);
const isIdName = (name: string) => /(^id$|Id$|Ids$|^id_|_id$)/.test(name);

/** A plausible string for a field, from its schema and its name. */
function baseString(schema: JsonSchema, name: string, draw: Draw, pool: IdPool): string {
  if (schema.format === 'uuid' || isIdName(name)) return pickId(draw, pool, name);
  if (typeof schema.example === 'string') return schema.example;
  if (typeof schema.default === 'string') return schema.default;
  if (schema.format === 'date-time' || /(At|From|Until|Date)$/.test(name)) return '2027-05-01T09:00:00Z';
  if (schema.format === 'email' || /email/i.test(name)) return 'fuzz@example.com';
  if (schema.format === 'uri' || /(url|website)$/i.test(name)) return 'https://partner.example.com/hooks';
  if (/country/i.test(name)) return 'KR';
  if (/language/i.test(name)) return 'en';
  if (/timeZone/i.test(name)) return 'Asia/Seoul';
  return `Fuzz ${name || 'value'}`;
}

/** A value that fits `schema` as far as the document says (class-validator may know more). */
export function baseValue(schema: JsonSchema, name: string, draw: Draw, pool: IdPool, depth = 0): unknown {
  if (schema.enum && schema.enum.length > 0) return pick(draw, schema.enum);
  if (isObjectSchema(schema)) {
    const out: Record<string, unknown> = {};
    const required = new Set(schema.required ?? []);
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      // Every required field, and each optional one half of the time (never deeper than needed).
      if (required.has(key) || (depth < 3 && draw.int(2) === 0)) out[key] = baseValue(prop, key, draw, pool, depth + 1);
    }
    return out;
  }
  if (isArraySchema(schema)) {
    if (Array.isArray(schema.example)) return schema.example;
    const count = Math.max(schema.minItems ?? 0, 1);
    const itemName = name.replace(/s$/, '');
    return Array.from({ length: count }, () => baseValue(schema.items ?? { type: 'string' }, itemName, draw, pool, depth + 1));
  }
  if (isNumberSchema(schema)) {
    const n = typeof schema.example === 'number' ? schema.example : typeof schema.default === 'number' ? schema.default : (schema.minimum ?? 1);
    return schema.maximum !== undefined ? Math.min(n, schema.maximum) : n;
  }
  if (schema.type === 'boolean') return draw.int(2) === 0;
  return baseString(schema, name, draw, pool);
}

// ---------------------------------------------------------------------------------------------------
// Places a malformation can go

type Segment = string | number;

/** One place in a request: a body value (by JSON path), a query parameter or a path parameter. */
export interface Slot {
  in: 'body' | 'query' | 'path';
  /** Body: the JSON path of the value ([] is the body itself). Query and path: [name]. */
  at: Segment[];
  schema: JsonSchema;
  required: boolean;
  /** The value the base request holds there (undefined when absent). */
  value: unknown;
}

const slotName = (slot: Slot) => String([...slot.at].reverse().find((s) => typeof s === 'string') ?? '');

/** Every value of the body, walking the schema and the base together. */
function bodySlots(schema: JsonSchema, value: unknown, at: Segment[], required: boolean): Slot[] {
  const slots: Slot[] = [{ in: 'body', at, schema, required, value }];
  if (isObjectSchema(schema) && value && typeof value === 'object' && !Array.isArray(value)) {
    const req = new Set(schema.required ?? []);
    for (const [key, prop] of Object.entries(schema.properties ?? {})) {
      const v = (value as Record<string, unknown>)[key];
      // Absent optional fields are places too: a malformed value may be given where none was.
      slots.push(...bodySlots(prop, v, [...at, key], req.has(key)));
    }
  } else if (isArraySchema(schema) && Array.isArray(value) && value.length > 0) {
    slots.push(...bodySlots(schema.items ?? { type: 'string' }, value[0], [...at, 0], true));
  }
  return slots;
}

export interface BaseRequest {
  op: FuzzOperation;
  pathValues: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

/** A plausible request for `op`: real or random ids in the path, a base body, a few query filters. */
export function baseRequest(op: FuzzOperation, draw: Draw, pool: IdPool): BaseRequest {
  // A path id is of the kind its name or the segment before it says: /cohorts/:id → a cohort.
  const segments = op.route.split('/');
  const kindOf = (p: string) => (p === 'id' ? (segments[segments.indexOf(`:${p}`) - 1] ?? p) : p);
  const pathValues = Object.fromEntries(op.pathParams.map((p) => [p, pickId(draw, pool, kindOf(p))]));
  const query: Record<string, string> = {};
  for (const q of op.query) {
    if (q.name === 'cursor' || draw.int(3) !== 0) continue;
    query[q.name] = String(baseValue(q.schema, q.name, draw, pool));
  }
  return { op, pathValues, query, body: op.body ? baseValue(op.body, '', draw, pool) : undefined };
}

export function slotsOf(base: BaseRequest): Slot[] {
  const slots: Slot[] = [];
  for (const p of base.op.pathParams) slots.push({ in: 'path', at: [p], schema: { type: 'string', format: 'uuid' }, required: true, value: base.pathValues[p] });
  for (const q of base.op.query) slots.push({ in: 'query', at: [q.name], schema: q.schema, required: false, value: base.query[q.name] });
  if (base.op.body) slots.push(...bodySlots(base.op.body, base.body, [], true));
  return slots;
}

// ---------------------------------------------------------------------------------------------------
// The classes of finding 6

/** A query parameter given several times. */
export class RepeatedQuery {
  constructor(readonly values: string[]) {}
}

/** A JSON number written exactly as given (JSON.stringify would round 9007199254740993). */
export class RawJson {
  constructor(readonly text: string) {}
}

const REMOVE = Symbol('remove');

/** `[[[…]]]`, `depth` arrays deep. */
const nested = (depth: number): unknown => (depth === 0 ? [] : [nested(depth - 1)]);

export interface Variant {
  /** The new value; REMOVE deletes the field (or the query/path value). */
  value: unknown;
  what: string;
  /** Whether a 2xx answer is itself a finding (the input is wrong, not merely unusual). */
  mustRefuse: boolean;
}

/** For classes that act on the request as a whole rather than on one value. */
export interface WholeRequestVariant {
  what: string;
  mustRefuse: boolean;
  /** Raw path segments replacing the path parameter named `param` (or appended to the path). */
  rawPathParam?: { param: string | null; raw: string };
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** The body exactly as sent, and its content type (null: no content-type header). */
  rawBody?: { text: string | undefined; contentType: string | null };
}

/** Not a malformation: the base request as it is, so that its answers (and created objects) show how deep the fuzz gets. */
export const CONTROL_CLASS: MalformationClass = {
  name: 'well-formed (control)',
  whole: () => [{ what: 'the base request, unchanged', mustRefuse: false }],
};

export interface MalformationClass {
  name: string;
  /** Variants for one slot; empty when the class does not apply there. */
  variants?(slot: Slot, pool: IdPool): Variant[];
  /** Variants for the whole request; empty when the class does not apply to the operation. */
  whole?(op: FuzzOperation): WholeRequestVariant[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuidSlot = (slot: Slot) => slot.in === 'path' || slot.schema.format === 'uuid' || (isStringSchema(slot.schema) && isIdName(slotName(slot)));
const isStringSlot = (slot: Slot) => isStringSchema(slot.schema) || slot.schema.enum !== undefined || slot.in !== 'body';
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64url');
const withText = (slot: Slot, text: string) => (typeof slot.value === 'string' && slot.value !== '' ? `${slot.value.slice(0, 8)}${text}` : text);
/** JSON keys of an object (the body or a nested one), for NUL and surrogate keys. */
const objectKeyVariant = (slot: Slot, key: string, what: string): Variant[] =>
  slot.in === 'body' && isObjectSchema(slot.schema) && slot.value && typeof slot.value === 'object' && !Array.isArray(slot.value)
    ? [{ value: { ...(slot.value as object), [key]: 'x' }, what, mustRefuse: true }]
    : [];

export const MALFORMATION_CLASSES: readonly MalformationClass[] = [
  {
    name: 'NUL character',
    variants: (slot) => [
      ...(isStringSlot(slot) ? [{ value: withText(slot, 'a\u0000b'), what: 'a NUL character in the value', mustRefuse: true }] : []),
      ...objectKeyVariant(slot, 'key\u0000', 'a NUL character in a JSON key'),
    ],
  },
  {
    name: 'lone surrogate',
    variants: (slot) => [
      // In a URL it can only travel as invalid UTF-8 bytes, which the server reads as U+FFFD: an odd
      // filter, not an error. In JSON it is a string PostgreSQL refuses.
      ...(isStringSlot(slot) ? [{ value: withText(slot, '\ud800x'), what: 'a lone UTF-16 surrogate in the value', mustRefuse: slot.in === 'body' }] : []),
      ...objectKeyVariant(slot, 'key\udc00', 'a lone UTF-16 surrogate in a JSON key'),
    ],
  },
  {
    name: 'whitespace-only string',
    // Spaces are not wrong everywhere (a description may be blank): refused or not, never a 5xx.
    variants: (slot) => (slot.in === 'body' && isStringSchema(slot.schema) && !slot.schema.enum ? [{ value: '   ', what: 'only spaces', mustRefuse: false }, { value: '\t\n ', what: 'only tabs and newlines', mustRefuse: false }] : []),
  },
  {
    name: 'number out of range',
    variants: (slot) => {
      if (!isNumberSchema(slot.schema)) return [];
      const texts = ['2147483648', '-2147483649', '9007199254740993', '1e308', '-1e308'];
      const refused = texts.map((t) => ({ value: slot.in === 'body' ? new RawJson(t) : t, what: `the number ${t}`, mustRefuse: true }));
      // The document does not tell integers from fractions, nor every lower bound: these may be
      // fine (a weight of 0.5) or refused, never a 5xx.
      const unusual = ['1.5', '-1', '0', '1e-320'].map((t) => ({ value: slot.in === 'body' ? new RawJson(t) : t, what: `the number ${t}`, mustRefuse: false }));
      return [...refused, ...unusual];
    },
  },
  {
    name: 'number of the wrong type',
    variants: (slot) => {
      if (!isNumberSchema(slot.schema)) return [];
      if (slot.in !== 'body') return [{ value: 'abc', what: 'letters for a number', mustRefuse: true }, { value: 'true', what: 'a boolean for a number', mustRefuse: true }];
      const n = typeof slot.value === 'number' ? slot.value : 2;
      return [
        { value: String(n), what: 'a number as a string', mustRefuse: true },
        { value: true, what: 'a boolean for a number', mustRefuse: true },
        { value: [n], what: 'an array for a number', mustRefuse: true },
      ];
    },
  },
  {
    name: 'forged cursor',
    variants: (slot) =>
      slot.in === 'query' && slot.at[0] === 'cursor'
        ? [
            { value: b64({ createdAt: '99999-01-01', id: 'x' }), what: 'a cursor of an object with a far-future date', mustRefuse: true },
            { value: b64([1, 2, 3]), what: 'a cursor of [1,2,3]', mustRefuse: true },
            { value: b64(['99999-01-01T00:00:00Z', '5eed0000-0000-4000-8000-000000000101']), what: 'a cursor with the year 99999', mustRefuse: true },
            { value: b64(['1', '5eed0000-0000-4000-8000-000000000101']), what: 'a cursor whose date is "1"', mustRefuse: true },
            { value: b64(['2026-01-01T00:00:00Z', 'not-a-uuid']), what: 'a cursor with a non-UUID id', mustRefuse: true },
            { value: b64(['2026-01-01T00:00:00Z', '5EED0000-0000-4000-8000-000000000101']), what: 'a cursor with an upper-case UUID', mustRefuse: false },
            { value: b64('null'), what: 'a cursor of null', mustRefuse: true },
            { value: '!!!not base64!!!', what: 'a cursor that is not base64', mustRefuse: true },
          ]
        : [],
  },
  {
    name: 'nested object missing or of the wrong type',
    variants: (slot) => {
      if (slot.in !== 'body' || !isObjectSchema(slot.schema)) return [];
      const root = slot.at.length === 0;
      return [
        ...(!root && slot.required ? [{ value: REMOVE, what: 'a required object left out', mustRefuse: true }] : []),
        // A body of null where no field is required reads as an empty body.
        { value: null, what: 'null for an object', mustRefuse: slot.required && (!root || (slot.schema.required ?? []).length > 0) },
        { value: [], what: 'an array for an object', mustRefuse: true },
        { value: 'x', what: 'a string for an object', mustRefuse: true },
        ...(root ? [{ value: 42, what: 'a number for the body', mustRefuse: true }] : []),
        { value: nested(64), what: 'arrays nested 64 deep', mustRefuse: true },
      ];
    },
  },
  {
    name: 'object where an array belongs',
    variants: (slot) =>
      slot.in === 'body' && isArraySchema(slot.schema)
        ? [
            { value: {}, what: 'an object for an array', mustRefuse: true },
            { value: { 0: Array.isArray(slot.value) ? slot.value[0] : 'x' }, what: 'an index-keyed object for an array', mustRefuse: true },
            { value: 'x', what: 'a string for an array', mustRefuse: true },
          ]
        : [],
  },
  {
    name: 'over-long string',
    variants: (slot) => {
      if (!isStringSlot(slot) || slot.schema.enum) return [];
      // Query values stay under the HTTP parser's header limit (a longer line never reaches the service).
      const length = slot.in === 'body' ? 200_000 : slot.in === 'query' ? 4_000 : 0;
      if (length === 0) return []; // long path parameters: the 'badly encoded or long path' class
      // A long search filter that matches nothing is a fair answer; a long stored text is not.
      return [{ value: 'x'.repeat(length), what: `a string of ${length} characters`, mustRefuse: slot.in === 'body' }];
    },
  },
  {
    name: 'over-long array',
    variants: (slot) => {
      if (slot.in !== 'body' || !isArraySchema(slot.schema)) return [];
      const item = Array.isArray(slot.value) && slot.value.length > 0 ? slot.value[0] : 'ai';
      return [{ value: Array.from({ length: 10_001 }, () => item), what: 'an array of 10,001 items', mustRefuse: true }];
    },
  },
  {
    name: 'bad enum value',
    variants: (slot) => {
      const values = slot.schema.enum ?? (isArraySchema(slot.schema) ? slot.schema.items?.enum : undefined);
      if (!values) return [];
      const wrap = (v: string) => (slot.schema.enum ? v : [v]);
      const upper = String(values[0]).toUpperCase();
      return [
        { value: wrap('not_a_member'), what: 'a value outside the enum', mustRefuse: true },
        ...(upper !== values[0] && !values.includes(upper) ? [{ value: wrap(upper), what: 'an enum value in upper case', mustRefuse: true }] : []),
      ];
    },
  },
  {
    name: 'bad UUID',
    variants: (slot) => {
      if (isArraySchema(slot.schema) && slot.in === 'body' && isIdName(slotName(slot))) {
        return [{ value: ['not-a-uuid'], what: 'a list holding a non-UUID', mustRefuse: true }, { value: ['00000000-0000-0000-0000-000000000000'], what: 'a list holding the nil UUID', mustRefuse: true }];
      }
      if (!isUuidSlot(slot)) return [];
      return [
        { value: 'not-a-uuid', what: 'a non-UUID id', mustRefuse: true },
        { value: '5eed0000-0000-4000-8000-00000000010g', what: 'an id with a non-hex digit', mustRefuse: true },
        // The nil UUID is well formed: as a filter it finds nothing; as an id to act on or store it is refused.
        { value: '00000000-0000-0000-0000-000000000000', what: 'the nil UUID', mustRefuse: slot.in === 'body' },
        ...(slot.in === 'path' ? [] : [{ value: '', what: 'an empty id', mustRefuse: true }]),
      ];
    },
  },
  {
    name: 'upper-case UUID',
    // A real id in upper case is the same id: found or refused, never a 5xx.
    variants: (slot) => (isUuidSlot(slot) && typeof slot.value === 'string' && UUID.test(slot.value) ? [{ value: slot.value.toUpperCase(), what: 'an upper-case UUID', mustRefuse: false }] : []),
  },
  {
    name: 'bad format',
    // Values of the right type that no country, link, date, zone or address can be (finding 6's 2xx list).
    variants: (slot) => {
      if (slot.in !== 'body' || !isStringSchema(slot.schema) || slot.schema.enum) return [];
      const name = slotName(slot);
      const bad = (value: string, what: string): Variant => ({ value, what, mustRefuse: true });
      if (/country/i.test(name)) return [bad('XX', 'the country XX'), bad('kr', 'a lower-case country code')];
      if (/(url|website)$/i.test(name) || slot.schema.format === 'uri') {
        return [bad('javascript:alert(1)', 'a javascript: link'), bad('file:///etc/passwd', 'a file: link'), bad('https://partner.example.com:0/hooks', 'a URL on port 0')];
      }
      if (slot.schema.format === 'date-time' || /(At|From|Until|On)$/.test(name)) {
        return [bad('0000-01-01T00:00:00Z', 'the year 0'), bad('99999-01-01T00:00:00Z', 'the year 99999'), bad('2027-02-30T00:00:00Z', 'the 30th of February')];
      }
      if (/email/i.test(name)) return [bad('not-an-email', 'an e-mail address without @')];
      if (/timeZone/.test(name)) return [bad('Mars/Olympus_Mons', 'an unknown time zone')];
      if (/^languages?$/i.test(name)) return [bad('xx', 'an unknown language code')];
      return [];
    },
  },
  {
    name: 'unknown field',
    variants: (slot) => {
      if (slot.in === 'body' && isObjectSchema(slot.schema) && slot.schema.properties && slot.value && typeof slot.value === 'object' && !Array.isArray(slot.value)) {
        const rest = JSON.stringify(slot.value).slice(1, -1);
        const withKey = (key: string, value: unknown) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}${rest ? `,${rest}` : ''}}`) as unknown;
        return [
          { value: { ...(slot.value as object), zzUnknownField: 1 }, what: 'an unknown field', mustRefuse: true },
          // JSON.parse makes these own properties, as a body parser does: they must not reach a prototype.
          { value: withKey('__proto__', { isAdmin: true }), what: 'a __proto__ key', mustRefuse: true },
          { value: withKey('constructor', { prototype: { isAdmin: true } }), what: 'a constructor key', mustRefuse: true },
        ];
      }
      return [];
    },
    // Query parameters the route does not know are ignored or refused, never a 5xx.
    whole: () => [],
  },
  {
    name: 'repeated query parameter',
    // `?state=a&state=b` arrives as an array: refused or understood, never a 5xx.
    variants: (slot) => (slot.in === 'query' ? [{ value: new RepeatedQuery([String(slot.value ?? 'a'), 'b']), what: 'the parameter given twice', mustRefuse: false }] : []),
  },
  {
    name: 'missing or unparsable body',
    whole: (op) => {
      if (!op.body) return [];
      const requiresFields = (op.body.required ?? []).length > 0;
      return [
        { what: 'an empty body sent as JSON', mustRefuse: true, rawBody: { text: '', contentType: 'application/json' } },
        { what: 'no body and no content type', mustRefuse: requiresFields, rawBody: { text: undefined, contentType: null } },
        { what: 'truncated JSON', mustRefuse: true, rawBody: { text: '{"name":', contentType: 'application/json' } },
        { what: 'a JSON body sent as text/plain', mustRefuse: true, rawBody: { text: '{}', contentType: 'text/plain' } },
        { what: 'a form-encoded body', mustRefuse: true, rawBody: { text: 'name=x&kind=host', contentType: 'application/x-www-form-urlencoded' } },
        // RFC 8259 lets a parser skip a byte-order mark: read as {} or refused, never a 5xx.
        { what: 'JSON after a byte-order mark', mustRefuse: false, rawBody: { text: '\ufeff{}', contentType: 'application/json' } },
        { what: 'JSON declared as Latin-1', mustRefuse: false, rawBody: { text: '{}', contentType: 'application/json; charset=latin1' } },
        // Like no body at all: refused where fields are required, an empty change elsewhere.
        { what: 'JSON null as the body', mustRefuse: requiresFields, rawBody: { text: 'null', contentType: 'application/json' } },
      ];
    },
  },
  {
    name: 'odd header value',
    // Version and idempotency headers the route documents: refused or ignored, never a 5xx.
    whole: (op) =>
      op.headers.flatMap((header): WholeRequestVariant[] => {
        const values =
          header === 'if-match'
            ? ['"2147483648"', '"abc"', 'W/"1"', '*', `"${'9'.repeat(400)}"`]
            : ['', ' ', 'x'.repeat(5_000), '\u00e9t\u00e9']; // é: one byte, not UTF-8
        return values.map((value) => ({ what: `${header}: ${value.length > 40 ? `${value.length} characters` : JSON.stringify(value)}`, mustRefuse: false, headers: { [header]: value } }));
      }),
  },
  {
    name: 'badly encoded or long path',
    whole: (op) => {
      const param = op.pathParams[op.pathParams.length - 1] ?? null;
      const raw = ['%E0%A4%A', '%zz', '%C0%AF', '%', '%ED%A0%80', ...(param ? ['a'.repeat(5_000)] : [])];
      return raw.map((r) => ({ what: r.length > 100 ? `a path parameter of ${r.length} characters` : `the path segment ${r}`, mustRefuse: true, rawPathParam: { param, raw: r } }));
    },
  },
];

// ---------------------------------------------------------------------------------------------------
// Building the request

export interface MalformedRequest {
  method: string;
  /** Path and query, percent-encoded exactly as sent. */
  target: string;
  contentType: string | null;
  headers?: Record<string, string>;
  body: string | undefined;
  className: string;
  /** Where and what, in words: `body.rubric: an array for an object`. */
  what: string;
  mustRefuse: boolean;
}

/**
 * Percent-encodes a string for a URL; lone surrogates become their WTF-8 bytes (what a careless
 * client sends) instead of throwing as encodeURIComponent does.
 */
export function encodeUrlComponent(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    const next = value.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(value.slice(i, i + 2));
      i++;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(value[i]);
    }
  }
  return out;
}

/** JSON text, with RawJson values written verbatim. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof RawJson) {
      raws.push(v.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return v;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raws[Number(i)]);
}

function setAt(root: unknown, at: Segment[], value: unknown): unknown {
  if (at.length === 0) return value;
  const [head, ...rest] = at;
  const container = Array.isArray(root) ? [...(root as unknown[])] : { ...((root ?? {}) as Record<string, unknown>) };
  const current = (container as Record<Segment, unknown>)[head];
  const next = setAt(current, rest, value);
  if (next === REMOVE) delete (container as Record<Segment, unknown>)[head];
  else (container as Record<Segment, unknown>)[head] = next;
  return container;
}

function assemble(base: BaseRequest, pathValues: Record<string, string>, query: Record<string, string | string[]>, rawParam?: { param: string | null; raw: string }): string {
  let path = base.op.route.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
    rawParam && rawParam.param === name ? rawParam.raw : encodeUrlComponent(pathValues[name] ?? ''),
  );
  if (rawParam && rawParam.param === null) path += rawParam.raw;
  const qs = Object.entries(query)
    .flatMap(([k, v]) => [v].flat().map((one) => `${encodeUrlComponent(k)}=${encodeUrlComponent(one)}`))
    .join('&');
  return qs ? `${path}?${qs}` : path;
}

const describeAt = (slot: Slot) => `${slot.in}${slot.at.length ? `.${slot.at.join('.')}` : ''}`;

/** The base request with one variant of a slot malformation applied. */
export function applySlotVariant(base: BaseRequest, className: string, slot: Slot, variant: Variant): MalformedRequest {
  const pathValues = { ...base.pathValues };
  const query: Record<string, string | string[]> = { ...base.query };
  let body = base.body;
  const name = String(slot.at[0]);
  if (slot.in === 'path') pathValues[name] = String(variant.value);
  else if (slot.in === 'query') {
    if (variant.value === REMOVE) delete query[name];
    else query[name] = variant.value instanceof RawJson ? variant.value.text : variant.value instanceof RepeatedQuery ? variant.value.values : String(variant.value);
  } else body = setAt(body, slot.at, variant.value);
  return {
    method: base.op.method,
    target: assemble(base, pathValues, query),
    contentType: base.op.body ? 'application/json' : null,
    body: base.op.body ? toJson(body === REMOVE ? undefined : body) : undefined,
    className,
    what: `${describeAt(slot)}: ${variant.what}`,
    mustRefuse: variant.mustRefuse,
  };
}

export function applyWholeVariant(base: BaseRequest, className: string, variant: WholeRequestVariant): MalformedRequest {
  const raw = variant.rawBody;
  return {
    method: base.op.method,
    target: assemble(base, base.pathValues, base.query, variant.rawPathParam),
    contentType: raw ? raw.contentType : base.op.body ? 'application/json' : null,
    headers: variant.headers,
    body: raw ? raw.text : base.op.body ? toJson(base.body) : undefined,
    className,
    what: variant.what,
    mustRefuse: variant.mustRefuse,
  };
}

/** Whether the class has anything to malform in `op` (else it is not run there). */
export function classApplies(cls: MalformationClass, op: FuzzOperation, sample: BaseRequest, pool: IdPool): boolean {
  if (cls.whole && cls.whole(op).length > 0) return true;
  const variants = cls.variants;
  return !!variants && slotsOf(sample).some((s) => variants(s, pool).length > 0);
}

/** One malformed request of class `cls` for `op`, or null when this draw found nothing to malform. */
export function malformedRequest(op: FuzzOperation, cls: MalformationClass, draw: Draw, pool: IdPool): MalformedRequest | null {
  const base = baseRequest(op, draw, pool);
  const options: Array<() => MalformedRequest> = [];
  for (const v of cls.whole?.(op) ?? []) options.push(() => applyWholeVariant(base, cls.name, v));
  if (cls.variants) {
    for (const slot of slotsOf(base)) for (const v of cls.variants(slot, pool)) options.push(() => applySlotVariant(base, cls.name, slot, v));
  }
  return options.length === 0 ? null : pick(draw, options)();
}

/** A request as one line, to replay it by hand (bodies shortened). */
export function describeRequest(req: MalformedRequest): string {
  const body = req.body === undefined ? '' : ` ${req.body.length > 300 ? `${req.body.slice(0, 300)}… (${req.body.length} chars)` : req.body}`;
  const headers = Object.entries(req.headers ?? {}).map(([k, v]) => ` [${k}: ${v.length > 40 ? `${v.slice(0, 40)}… (${v.length} chars)` : v}]`).join('');
  return `${req.method} ${req.target.length > 300 ? `${req.target.slice(0, 300)}… (${req.target.length} chars)` : req.target}${req.contentType ? ` [${req.contentType}]` : ''}${headers}${body}`;
}
