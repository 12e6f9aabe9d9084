import { randomUUID } from 'node:crypto';
import { ValidationProblemException } from '@exchange/platform';
import { decodeCursor, encodeCursor } from './cursor';

const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('notifications list cursors', () => {
  it('read back what a list wrote (created_at as PostgreSQL prints it)', () => {
    const id = randomUUID();
    expect(decodeCursor(encodeCursor('2026-12-01 04:20:14.204123+00', id))).toEqual({ t: '2026-12-01 04:20:14.204123+00', id });
  });

  it.each([
    ['an hour and a month that do not exist', forged({ t: '2026-13-45 99:99:99+00', id: randomUUID() })],
    ['an id that is not a UUID', forged({ t: '2026-12-01 04:20:14+00', id: 'x' })],
    ['an array', forged([1, 2, 3])],
  ])('refuse %s with 400 naming cursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationProblemException);
  });
});
