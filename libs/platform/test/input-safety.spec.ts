import 'reflect-metadata';
import { QueryFailedError } from 'typeorm';
import { IsArray, IsInt, IsObject, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import {
  createValidationPipe,
  findUnsafeText,
  IsBoundedJsonObject,
  IsCountryCode,
  IsHttpUrl,
  isHttpUrl,
  IsIsoDateInRange,
  isIsoDateInRange,
  IsLanguageCode,
  IsNotBlank,
  IsOmittable,
  IsSlug,
  IsUuid,
  isDatabaseUnavailable,
  NestedObject,
  NestedObjectArray,
  PG_INT_MAX,
  problemFromException,
  unboundedDtoFields,
  ValidationProblemException,
} from '../src';

describe('findUnsafeText: text PostgreSQL would refuse, named by its path', () => {
  it('finds a NUL in a nested string and names the path', () => {
    expect(findUnsafeText({ team: [{ name: 'ok' }, { name: 'Kim\u0000' }] }, '')).toEqual([{ field: 'team.1.name', code: 'unsafeText', message: expect.stringContaining('NUL') }]);
  });

  it('finds lone surrogates, high or low, but keeps well-formed pairs', () => {
    expect(findUnsafeText({ a: '\ud800x', b: 'x\udc00', c: '😀 메디봇' }, '').map((e) => e.field).sort()).toEqual(['a', 'b']);
  });

  it('finds a bad key without echoing its bad characters', () => {
    const [error] = findUnsafeText({ answers: { 'pi\u0000tch': 'x' } }, '');
    expect(error.field).toBe('answers.pi\ufffdtch');
    expect(`${error.field} ${error.message}`).not.toContain('\u0000');
  });

  it('walks query values (strings and arrays) under a root name, and passes clean input', () => {
    expect(findUnsafeText({ q: ['a', 'b\u0000'] }, '')).toEqual([{ field: 'q.1', code: 'unsafeText', message: expect.any(String) }]);
    expect(findUnsafeText({ name: 'Городская больница № 1', n: 3, ok: true, none: null }, '')).toEqual([]);
    expect(findUnsafeText(undefined, '')).toEqual([]);
  });
});

class Criterion {
  @IsString() @IsNotBlank() @MaxLength(50) label: string;
}
class Rubric {
  @NestedObjectArray(() => Criterion, 3, { minSize: 1 }) criteria: Criterion[];
}
class Sample {
  @IsNotBlank() @MaxLength(50) name: string;
  @IsOmittable() @IsInt() @Min(1) version?: number;
  @NestedObject(() => Rubric) rubric: Rubric;
  @IsOmittable() @IsCountryCode() country?: string;
  @IsOmittable() @IsArray() @IsLanguageCode({ each: true }) languages?: string[];
  @IsOmittable() @IsArray() @IsSlug({ each: true }) fields?: string[];
  @IsOmittable() @IsHttpUrl() website?: string;
  @IsOmittable() @IsIsoDateInRange() opensAt?: string;
  @IsOmittable() @IsUuid() ownerId?: string;
  @IsOmittable() @IsBoundedJsonObject({ maxKeys: 3, maxKeyLength: 10, maxStringLength: 20, maxDepth: 2, maxLength: 200 }) answers?: Record<string, unknown>;
}

async function validate(body: Record<string, unknown>): Promise<{ value?: Sample; fields?: string[] }> {
  const valid = { name: 'Medibot', rubric: { criteria: [{ label: 'Team' }] } };
  try {
    return { value: (await createValidationPipe().transform({ ...valid, ...body }, { type: 'body', metatype: Sample })) as Sample };
  } catch (error) {
    return { fields: [...new Set((error as ValidationProblemException).errors.map((e) => e.field))] };
  }
}

describe('the shared field rules', () => {
  it('accepts a well-formed body', async () => {
    const { value } = await validate({
      country: 'KR',
      languages: ['ko', 'en'],
      fields: ['medtech', 'computer_vision'],
      website: 'https://medibot.example:8443/about',
      opensAt: '2026-03-01T09:00',
      answers: { pitch: 'We triage X-rays' },
    });
    expect(value).toBeInstanceOf(Sample);
  });

  it.each([
    ['a name of only spaces', { name: '   \t ' }, 'name'],
    ['a missing nested object', { rubric: undefined }, 'rubric'],
    ['an array where an object belongs', { rubric: [] }, 'rubric'],
    ['an array item where an object item belongs', { rubric: { criteria: [[]] } }, 'rubric.criteria'],
    ['null for a field that may only be left out', { version: null }, 'version'],
    ['a string version', { version: '2' }, 'version'],
    ['a boolean version', { version: true }, 'version'],
    ['an unassigned country code', { country: 'XX' }, 'country'],
    ['a language that is not ISO 639-1', { languages: ['ko', 'xx'] }, 'languages'],
    ['a technology field that is not a short key', { fields: ['Med Tech'] }, 'fields'],
    ['a technology field that is too long', { fields: ['a'.repeat(41)] }, 'fields'],
    ['a javascript: website', { website: 'javascript:alert(1)' }, 'website'],
    ['a file: website', { website: 'file:///etc/passwd' }, 'website'],
    ['a date in year 0', { opensAt: '0000-01-01T00:00:00Z' }, 'opensAt'],
    ['a date in year 99999', { opensAt: '+099999-01-01T00:00:00Z' }, 'opensAt'],
    ['an impossible date', { opensAt: '2026-02-31T00:00:00Z' }, 'opensAt'],
    ['an answers array', { answers: [] }, 'answers'],
    ['too many answers', { answers: { a: 1, b: 2, c: 3, d: 4 } }, 'answers'],
    ['a long answer', { answers: { a: 'x'.repeat(21) } }, 'answers'],
    ['deep answers', { answers: { a: { b: { c: 1 } } } }, 'answers'],
  ])('refuses %s, naming the field', async (_name, body, field) => {
    expect((await validate(body)).fields).toEqual([field]);
  });

  it('reads UUIDs in any case and keeps them in lower case', async () => {
    const { value } = await validate({ ownerId: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11' });
    expect(value?.ownerId).toBe('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  });

  it('knows http URLs by protocol, host and port', () => {
    expect(isHttpUrl('https://hooks.partner.example/exchange')).toBe(true);
    expect(isHttpUrl('http://hooks.partner.example:0/x')).toBe(false);
    expect(isHttpUrl('http://hooks.partner.example:65536/x')).toBe(false);
    expect(isHttpUrl('ftp://hooks.partner.example/x')).toBe(false);
  });

  it('keeps dates between 1900 and 2199', () => {
    expect(isIsoDateInRange('2021-04-01')).toBe(true);
    expect(isIsoDateInRange('2026-05-15T18:00:00.123Z')).toBe(true);
    expect(isIsoDateInRange('2026-05-15T18:00:00+09:00')).toBe(true);
    expect(isIsoDateInRange('1899-12-31')).toBe(false);
    expect(isIsoDateInRange('2200-01-01')).toBe(false);
  });
});

describe('unboundedDtoFields: the conventions check every service runs over its DTOs', () => {
  class Loose {
    @IsString() name: string;
    @IsInt() @Min(1) version: number;
    @IsArray() @IsString({ each: true }) tags: string[];
    @ValidateNested() @Type(() => Criterion) nested: Criterion;
    @IsObject() answers: Record<string, unknown>;
    @IsOptional() @IsString() @MaxLength(10) note?: string;
  }

  it('lists every unbounded property with the reason', () => {
    expect(unboundedDtoFields([Loose])).toEqual([
      'Loose.answers: a free-form object without bounds (use IsBoundedJsonObject)',
      'Loose.name: a string without a length cap',
      'Loose.nested: a nested object that also accepts an array or nothing (add IsObject: use NestedObject)',
      'Loose.note: null is let through but not documented as nullable (use IsOmittable)',
      'Loose.tags: a string without a length cap in each item',
      'Loose.tags: an array without a size cap',
      'Loose.version: a number without both a minimum and a maximum',
    ]);
  });

  it('passes the shared rules', () => {
    expect(unboundedDtoFields([Sample, Rubric, Criterion]).filter((f) => !f.includes('version') && !f.includes('languages') && !f.includes('fields'))).toEqual([]);
  });
});

describe('a database that cannot be reached answers 503 with Retry-After', () => {
  const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });

  it.each([
    ['an administrator ended the connection (57P01)', new QueryFailedError('SELECT 1', [], driverError('57P01', 'terminating connection due to administrator command'))],
    ['the server is starting (57P03)', driverError('57P03', 'the database system is starting up')],
    ['too many connections (53300)', driverError('53300', 'sorry, too many clients already')],
    ['the connection was refused', driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['the connection ended under a query', new Error('Connection terminated unexpectedly')],
  ])('%s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const { problem, headers } = problemFromException(error);
    expect(problem.status).toBe(503);
    expect(Number(headers['Retry-After'])).toBeGreaterThan(0);
    expect(JSON.stringify(problem)).not.toContain('5432');
  });

  it('leaves other database errors a 500', () => {
    const error = new QueryFailedError('INSERT', [], driverError('23505', 'duplicate key value violates unique constraint'));
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(problemFromException(error).problem.status).toBe(500);
  });
});

describe('Fastify router errors', () => {
  it.each([
    ['FST_ERR_BAD_URL', 400],
    ['FST_ERR_MAX_PARAM_LENGTH', 414],
  ])('%s becomes a problem that does not echo the path', (code, status) => {
    const error = Object.assign(new Error("'/v1/startups/%E0%A4%A' is not a valid url component"), { code, statusCode: status });
    const { problem } = problemFromException(error);
    expect(problem.status).toBe(status);
    expect(problem.detail).not.toContain('/v1/startups');
  });
});

it('PG_INT_MAX is the largest PostgreSQL integer', () => {
  expect(PG_INT_MAX).toBe(2 ** 31 - 1);
});
