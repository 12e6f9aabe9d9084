import {
  CONTROL_CLASS,
  encodeUrlComponent,
  fuzzOperations,
  idKind,
  MALFORMATION_CLASSES,
  malformedRequest,
  RawJson,
  toJson,
  type Draw,
  type IdPool,
  type OpenApiDocument,
} from '../src/testing/openapi-fuzz';

// The generator of the fuzz suite (services/*/test/fuzz.spec.ts): what it sends must be what it says.

const doc: OpenApiDocument = {
  paths: {
    '/v1/cohorts/{id}': {
      patch: {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'If-Match', in: 'header', schema: { type: 'string' } },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/UpdateCohortDto' } } } },
      },
    },
    '/v1/cohorts': {
      get: { parameters: [{ name: 'cursor', in: 'query', schema: { type: 'string' } }, { name: 'limit', in: 'query', schema: { type: 'number' } }] },
    },
  },
  components: {
    schemas: {
      UpdateCohortDto: {
        type: 'object',
        properties: {
          name: { type: 'string', example: 'Spring' },
          capacity: { type: 'number', minimum: 1 },
          state: { type: 'string', enum: ['planning', 'selecting'] },
          startsAt: { type: 'string', format: 'date-time' },
          partnerOrganisationIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
          selectionRule: { $ref: '#/components/schemas/SelectionRuleDto' },
        },
        required: ['name', 'capacity', 'selectionRule'],
      },
      SelectionRuleDto: { type: 'object', properties: { perGroup: { type: 'number' } }, required: ['perGroup'] },
    },
  },
};

/** The value, or a failed test saying what was missing. */
function must<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}
const classNamed = (name: string) => must(MALFORMATION_CLASSES.find((c) => c.name === name), `the class ${name}`);

const COHORT = '5eed0000-0000-4000-8000-000000000701';
const ORGANISATION = '5eed0000-0000-4000-8000-000000000101';
const pool: IdPool = { ids: [COHORT, ORGANISATION], byKind: { cohort: [COHORT], organisation: [ORGANISATION] } };

/** Reproducible draws (a linear congruential sequence from `seed`). */
const counting = (seed: number): Draw => {
  let x = seed + 1;
  return { int: (max) => ((x = (x * 1_103_515_245 + 12_345) % 2 ** 31), max <= 1 ? 0 : Math.floor((x / 2 ** 31) * max)) };
};

describe('openapi-fuzz: requests from an OpenAPI document', () => {
  const [patch, list] = fuzzOperations(doc);

  it('reads operations with their path params, query and resolved body', () => {
    expect(patch).toMatchObject({ method: 'PATCH', route: '/v1/cohorts/:id', pathParams: ['id'], headers: ['if-match'] });
    expect(patch.body?.properties?.selectionRule?.required).toEqual(['perGroup']);
    expect(list.query.map((q) => q.name)).toEqual(['cursor', 'limit']);
  });

  it('builds a well-formed base: required fields filled, path ids of the right kind', () => {
    const req = must(malformedRequest(patch, CONTROL_CLASS, { int: () => 0 }, pool), 'a request');
    expect(req.target).toBe(`/v1/cohorts/${COHORT}`);
    expect(JSON.parse(must(req.body, 'a body'))).toMatchObject({ name: 'Spring', capacity: 1, selectionRule: { perGroup: 1 } });
  });

  it('gives every class some request for an operation with a body, and each says where and what', () => {
    const produced = new Map<string, string[]>();
    for (const cls of MALFORMATION_CLASSES) {
      for (let i = 0; i < 120; i++) {
        const req = malformedRequest(patch, cls, counting(i), pool);
        if (req) produced.set(cls.name, [...(produced.get(cls.name) ?? []), req.what]);
      }
    }
    const queryOnly = ['forged cursor', 'repeated query parameter'];
    const missing = MALFORMATION_CLASSES.map((c) => c.name).filter((n) => !produced.has(n) && !queryOnly.includes(n));
    expect(missing).toEqual([]);
    expect(produced.get('nested object missing or of the wrong type')).toEqual(expect.arrayContaining(['body.selectionRule: a required object left out', 'body.selectionRule: an array for an object']));
    expect(produced.get('bad UUID')).toEqual(expect.arrayContaining(['path.id: a non-UUID id']));
  });

  it('forges cursors only where the operation takes one', () => {
    const cursor = classNamed('forged cursor');
    expect(malformedRequest(patch, cursor, counting(0), pool)).toBeNull();
    const req = must(malformedRequest(list, cursor, counting(0), pool), 'a request');
    expect(req.target).toMatch(/^\/v1\/cohorts\?(.*&)?cursor=/);
    expect(req.mustRefuse).toBe(true);
  });

  it('sends __proto__ as a JSON key of its own, as a client could', () => {
    const unknown = classNamed('unknown field');
    const bodies = Array.from({ length: 40 }, (_, i) => malformedRequest(patch, unknown, counting(i), pool)?.body ?? '');
    expect(bodies.some((b) => b.includes('"__proto__":{"isAdmin":true}'))).toBe(true);
  });

  it('writes numbers beyond double precision verbatim', () => {
    expect(toJson({ version: new RawJson('9007199254740993'), nested: [new RawJson('1e308')] })).toBe('{"version":9007199254740993,"nested":[1e308]}');
    expect(toJson({ name: 'a\u0000b', key: '\ud800x' })).toBe('{"name":"a\\u0000b","key":"\\ud800x"}');
  });

  it('encodes NUL and lone surrogates into URLs the way a careless client would', () => {
    expect(encodeUrlComponent('a\u0000b')).toBe('a%00b');
    expect(encodeUrlComponent('\ud800x')).toBe('%ED%A0%80x');
    expect(encodeUrlComponent('😀')).toBe('%F0%9F%98%80');
  });

  it('names kinds of ids from paths and fields', () => {
    expect(['pilot-sites', 'pilotSites', 'people', 'personId', 'partnerOrganisationIds', 'apiKeyId', 'cohortId'].map(idKind)).toEqual([
      'pilotsite',
      'pilotsite',
      'principal',
      'principal',
      'partnerorganisation',
      'apikey',
      'cohort',
    ]);
  });
});
