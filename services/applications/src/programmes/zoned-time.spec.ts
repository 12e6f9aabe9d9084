import { instantToZoned, isValidTimeZone, zonedToInstant } from './zoned-time';

describe('programme time zones', () => {
  it('reads wall-clock times in the programme zone', () => {
    expect(zonedToInstant('2026-03-01T09:00', 'Asia/Seoul')?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(zonedToInstant('2026-03-01T09:00:30', 'Europe/Moscow')?.toISOString()).toBe('2026-03-01T06:00:30.000Z');
    expect(zonedToInstant('2026-07-01T12:00', 'Europe/Berlin')?.toISOString()).toBe('2026-07-01T10:00:00.000Z');
  });

  it('takes explicit instants as they are and refuses anything else', () => {
    expect(zonedToInstant('2026-03-01T09:00:00Z', 'Asia/Seoul')?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect(zonedToInstant('2026-03-01T09:00:00+03:00', 'Asia/Seoul')?.toISOString()).toBe('2026-03-01T06:00:00.000Z');
    expect(zonedToInstant('next Monday', 'Asia/Seoul')).toBeNull();
  });

  it('writes instants back as wall-clock time', () => {
    expect(instantToZoned(new Date('2026-03-01T00:00:00Z'), 'Asia/Seoul')).toBe('2026-03-01T09:00:00');
  });

  it('knows IANA zone names', () => {
    expect(isValidTimeZone('Asia/Seoul')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
