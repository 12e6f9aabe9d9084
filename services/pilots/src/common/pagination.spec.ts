import { randomUUID } from 'node:crypto';
import { ValidationProblemException } from '@exchange/platform';
import { decodeCursor, encodeCursor } from './pagination';

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('pilots list cursors', () => {
  it('read back what a list wrote', () => {
    const id = randomUUID();
    const createdAt = new Date('2026-12-01T04:20:14.204Z');
    expect(decodeCursor(encodeCursor({ created_at: createdAt, id }))).toEqual({ createdAt: createdAt.toISOString(), id });
  });

  it.each([
    ['a date in year 99999 and an id that is not a UUID', forged({ createdAt: '99999-01-01', id: 'x' })],
    ['a date that does not exist', forged({ createdAt: '2026-02-30T00:00:00.000Z', id: randomUUID() })],
    ['an array', forged([1, 2, 3])],
    ['text that is not base64 JSON', '%%%'],
  ])('refuse %s with 400 naming cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationProblemException);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as ValidationProblemException).errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);
    }
  });
});
