import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import {
  CREATED_AT_ID,
  createValidationPipe,
  decodeCursor,
  encodeCursor,
  isCursorTimestamp,
  keysetCondition,
  PageQueryDto,
  pageOf,
  ValidationProblemException,
  WidePageQueryDto,
  type KeysetSchema,
} from '../src';

/** What a client could send instead of a cursor a list made. */
const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const rawForged = (json: string) => Buffer.from(json).toString('base64url');

const MEMBER_KEYSET = ['text', 'positiveInt', 'uuid'] as const;
const CANDIDATE_KEYSET = ['uuid'] as const;

/** The error decoding threw, or a failure when it did not throw. */
function refusal(schema: KeysetSchema, cursor: string): ValidationProblemException {
  try {
    decodeCursor(schema, cursor);
  } catch (error) {
    return error as ValidationProblemException;
  }
  throw new Error(`cursor ${cursor} was accepted`);
}

async function queryProblem(metatype: new () => object, query: Record<string, string>): Promise<ValidationProblemException | null> {
  try {
    await createValidationPipe().transform(query, { type: 'query', metatype });
    return null;
  } catch (error) {
    return error as ValidationProblemException;
  }
}

describe('the list cursor codec', () => {
  describe('reads back what a list wrote, per value kind', () => {
    it('a timestamp with microseconds and an id (identity lists)', () => {
      const position = ['2026-11-25T18:33:52.716543Z', '0b7e4a8e-1c1f-4d43-9a43-0d6b8f7f0c11'] as const;
      expect(decodeCursor(CREATED_AT_ID, encodeCursor(CREATED_AT_ID, position))).toEqual(position);
    });

    it('a JavaScript date and an id (applications, pilots and cohorts lists)', () => {
      const position = [new Date('2026-12-01T04:20:14.204Z').toISOString(), randomUUID()] as const;
      expect(decodeCursor(CREATED_AT_ID, encodeCursor(CREATED_AT_ID, position))).toEqual(position);
    });

    it('created_at as PostgreSQL prints it (notifications lists)', () => {
      const position = ['2026-12-01 04:20:14.204123+00', randomUUID()] as const;
      expect(decodeCursor(CREATED_AT_ID, encodeCursor(CREATED_AT_ID, position))).toEqual(position);
    });

    it('a group key, a rank and an id (cohort members and offers)', () => {
      const position = ['KR', 3, randomUUID()] as const;
      expect(decodeCursor(MEMBER_KEYSET, encodeCursor(MEMBER_KEYSET, position))).toEqual(position);
    });

    it('a startup id alone (cohort candidates)', () => {
      const id = randomUUID();
      expect(decodeCursor(CANDIDATE_KEYSET, encodeCursor(CANDIDATE_KEYSET, [id]))).toEqual([id]);
    });

    it('no cursor is the first page', () => {
      expect(decodeCursor(CREATED_AT_ID, undefined)).toBeNull();
      expect(decodeCursor(CREATED_AT_ID, '')).toBeNull();
    });
  });

  const id = randomUUID();
  it.each([
    // not base64url JSON at all
    ['text that is not base64 JSON', CREATED_AT_ID, '%%%'],
    ['a word', CREATED_AT_ID, 'not-a-cursor'],
    ['words with spaces', CREATED_AT_ID, 'not base64 json'],
    ['base64 of text that is not JSON', CREATED_AT_ID, rawForged('{"createdAt":')],
    // odd JSON
    ['JSON null', CREATED_AT_ID, forged(null)],
    ['a JSON number', CREATED_AT_ID, forged(42)],
    ['a JSON string', CREATED_AT_ID, forged('2026-01-01T00:00:00Z')],
    ['a JSON boolean', CREATED_AT_ID, forged(true)],
    ['an object instead of a tuple (a cursor from before this codec)', CREATED_AT_ID, forged({ createdAt: new Date().toISOString(), id })],
    ['an object with a date in year 99999 and an id that is not a UUID', CREATED_AT_ID, forged({ at: '99999-01-01', id: 'x' })],
    ['a nested array', CREATED_AT_ID, forged([[new Date().toISOString(), id]])],
    ['numbers for a timestamp and an id', CREATED_AT_ID, forged([1, 2])],
    ['an array of three numbers', CREATED_AT_ID, forged([1, 2, 3])],
    ['numbers for a member position', MEMBER_KEYSET, forged([1, 2, 3])],
    // dates that are not real or are out of range
    ['a date in year 99999', CREATED_AT_ID, forged(['99999-01-01', id])],
    ['a far-future date in year 99999 with a time', CREATED_AT_ID, forged(['99999-01-01T00:00:00Z', id])],
    ['a date before 1970', CREATED_AT_ID, forged(['1969-12-31T23:59:59Z', id])],
    ['a date that does not exist', CREATED_AT_ID, forged(['2026-02-30T00:00:00.000Z', id])],
    ['an hour and a month that do not exist', CREATED_AT_ID, forged(['2026-13-45 99:99:99+00', id])],
    ['an hour that does not exist', CREATED_AT_ID, forged(['2026-01-01T25:00:00Z', id])],
    ['a date without a time', CREATED_AT_ID, forged(['2026-01-01', id])],
    ['a timestamp as a number', CREATED_AT_ID, forged([20260101, id])],
    ['a timestamp carrying SQL', CREATED_AT_ID, forged(["2026-01-01T00:00:00Z'; DROP TABLE x;--", id])],
    // ids that are not UUIDs
    ['an id that is not a UUID', CREATED_AT_ID, forged([new Date().toISOString(), 'x'])],
    ['an id carrying SQL', CREATED_AT_ID, forged([new Date().toISOString(), "1' OR '1'='1"])],
    ['a microsecond timestamp and an id that is not a UUID', CREATED_AT_ID, forged(['2026-01-01T00:00:00.000000Z', 'x'])],
    ['a short date and an id carrying SQL', CREATED_AT_ID, forged(['2026-01-01', "1' OR 1=1"])],
    ['a candidate id that is not a UUID', CANDIDATE_KEYSET, forged(['x'])],
    ['a candidate id that is a number', CANDIDATE_KEYSET, forged([7])],
    // integers out of range or not integers
    ['a rank beyond integer', MEMBER_KEYSET, forged(['KR', 2 ** 31, id])],
    ['a rank of zero', MEMBER_KEYSET, forged(['KR', 0, id])],
    ['a negative rank', MEMBER_KEYSET, forged(['KR', -1, id])],
    ['a fractional rank', MEMBER_KEYSET, forged(['KR', 1.5, id])],
    ['an infinite rank', MEMBER_KEYSET, rawForged(`["KR", 1e309, "${id}"]`)],
    ['a rank as text', MEMBER_KEYSET, forged(['KR', '3', id])],
    // text keys PostgreSQL could not compare
    ['a group key with a NUL character', MEMBER_KEYSET, forged(['K\u0000R', 3, id])],
    ['a group key with a lone surrogate', MEMBER_KEYSET, forged(['K\uD800R', 3, id])],
    ['a group key longer than any group', MEMBER_KEYSET, forged(['K'.repeat(201), 3, id])],
    // wrong tuple length
    ['too few positions', CREATED_AT_ID, forged([id])],
    ['too many positions', CREATED_AT_ID, forged([new Date().toISOString(), id, id])],
    ['an empty tuple', CANDIDATE_KEYSET, forged([])],
    ['a position of another list', CREATED_AT_ID, forged(['KR', 3, id])],
  ])('refuses %s with the one 400 naming cursor', (_name, schema, cursor) => {
    const problem = refusal(schema, cursor);
    expect(problem).toBeInstanceOf(ValidationProblemException);
    expect(problem.problem).toMatchObject({ status: 400, type: 'urn:exchange:problem:validation' });
    expect(problem.errors).toEqual([{ field: 'cursor', code: 'invalidCursor', message: 'cursor must be the nextCursor of a previous page' }]);
  });

  it('checks cursor timestamps for a real calendar time', () => {
    expect(isCursorTimestamp('2026-01-01 10:00:00.123456+00')).toBe(true);
    expect(isCursorTimestamp('2026-01-01T10:00:00.123456Z')).toBe(true);
    expect(isCursorTimestamp('2026-02-30T10:00:00Z')).toBe(false);
    expect(isCursorTimestamp('2026-01-01T25:00:00Z')).toBe(false);
    expect(isCursorTimestamp('99999-01-01')).toBe(false);
    expect(isCursorTimestamp(20260101)).toBe(false);
  });
});

describe('pages', () => {
  const rows = [1, 2, 3].map((n) => ({ n, at: `2026-01-0${n}T00:00:00.000Z`, id: randomUUID() }));

  it('gives the cursor of the last item when more rows were fetched than the limit', () => {
    const page = pageOf(CREATED_AT_ID, rows, 2, (r) => [r.at, r.id], (r) => r.n);
    expect(page.items).toEqual([1, 2]);
    expect(decodeCursor(CREATED_AT_ID, page.nextCursor!)).toEqual([rows[1].at, rows[1].id]);
  });

  it('has no next cursor on the last page', () => {
    expect(pageOf(CREATED_AT_ID, rows, 3, (r) => [r.at, r.id])).toEqual({ items: rows, nextCursor: null });
    expect(pageOf(CREATED_AT_ID, [], 3, (r: (typeof rows)[number]) => [r.at, r.id])).toEqual({ items: [], nextCursor: null });
  });
});

describe('keyset conditions for raw SQL', () => {
  it('start after the cursor in the list order, with typed parameters', () => {
    const params: unknown[] = ['scope'];
    const after = ['2026-01-01T00:00:00.000Z', randomUUID()] as const;
    expect(keysetCondition(CREATED_AT_ID, ['p.created_at', 'p.id'], after, params, 'DESC')).toBe('(p.created_at, p.id) < ($2::timestamptz, $3::uuid)');
    expect(params).toEqual(['scope', ...after]);
    expect(keysetCondition(['text', 'positiveInt', 'uuid'] as const, ['m.group_key', 'm.rank', 'm.id'], ['KR', 3, after[1]], [], 'ASC')).toBe(
      '(m.group_key, m.rank, m.id) > ($1::text, $2::int, $3::uuid)',
    );
  });

  it('are true on the first page and add no parameter', () => {
    const params: unknown[] = [];
    expect(keysetCondition(CREATED_AT_ID, ['p.created_at', 'p.id'], null, params, 'DESC')).toBe('true');
    expect(params).toEqual([]);
  });
});

describe('the page query', () => {
  it('accepts a cursor and a limit from 1 to 100', async () => {
    expect(await queryProblem(PageQueryDto, { limit: '1', cursor: 'abc' })).toBeNull();
    expect(await queryProblem(PageQueryDto, { limit: '100' })).toBeNull();
    expect(await queryProblem(PageQueryDto, {})).toBeNull();
  });

  it.each([
    ['a limit of 0', { limit: '0' }, 'limit'],
    ['a limit over 100', { limit: '101' }, 'limit'],
    ['a limit that is not a number', { limit: 'ten' }, 'limit'],
    ['a cursor longer than 512 characters', { cursor: 'a'.repeat(513) }, 'cursor'],
  ])('refuses %s with 400 naming the field', async (_name, query, field) => {
    const problem = await queryProblem(PageQueryDto, query);
    expect(problem).toBeInstanceOf(ValidationProblemException);
    expect(new Set(problem!.errors.map((e) => e.field))).toEqual(new Set([field]));
  });

  it('lets the wide lists take pages of up to 200 and no more', async () => {
    expect(await queryProblem(WidePageQueryDto, { limit: '200' })).toBeNull();
    expect((await queryProblem(WidePageQueryDto, { limit: '201' }))!.errors.map((e) => e.field)).toEqual(['limit']);
  });
});
