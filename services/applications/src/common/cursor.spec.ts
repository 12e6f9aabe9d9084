import { randomUUID } from 'node:crypto';
import { ValidationProblemException } from '@exchange/platform';
import { decodeCursor, encodeCursor } from './cursor';

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('applications list cursors', () => {
  it('read back what a list wrote', () => {
    const position = { at: new Date().toISOString(), id: randomUUID() };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['a date in year 99999 and an id that is not a UUID', forged({ at: '99999-01-01', id: 'x' })],
    ['an id that is not a UUID', forged({ at: new Date().toISOString(), id: "1' OR '1'='1" })],
    ['an array', forged([1, 2, 3])],
  ])('refuse %s with 400 naming cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationProblemException);
  });
});
