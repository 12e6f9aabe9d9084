import { randomUUID } from 'node:crypto';
import { ValidationProblemException } from '@exchange/platform';
import { decodeCursor, encodeCursor } from './pagination';

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('cohorts list cursors', () => {
  it('read back what each list wrote', () => {
    const id = randomUUID();
    expect(decodeCursor(encodeCursor([id]), 1)).toEqual([id]);
    expect(decodeCursor(encodeCursor([new Date().toISOString(), id]), 2)).toEqual([expect.any(String), id]);
    expect(decodeCursor(encodeCursor(['KR', 3, id]), 3)).toEqual(['KR', 3, id]);
  });

  it.each([
    ['numbers for a member position', forged([1, 2, 3]), 3],
    ['a rank beyond integer', forged(['KR', 2 ** 31, randomUUID()]), 3],
    ['a date in year 99999', forged(['99999-01-01', randomUUID()]), 2],
    ['an id that is not a UUID', forged(['x']), 1],
    ['the wrong number of positions', forged([randomUUID()]), 2],
  ])('refuse %s with 400 naming cursor', (_name, cursor, arity) => {
    expect(() => decodeCursor(cursor, arity)).toThrow(ValidationProblemException);
  });
});
