/** Wall-clock times in a programme's IANA time zone ↔ instants. */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (ms) at instant `at`. */
function offsetAt(at: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

/**
 * `2026-03-01T09:00` in `Asia/Seoul` → 2026-03-01T00:00:00Z. A value with an explicit offset or `Z`
 * is taken as the instant it names. Returns null when the value is neither.
 */
export function zonedToInstant(value: string, timeZone: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) {
    if (!/(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  // Two passes settle the offset also next to a daylight-saving change.
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** The instant as wall-clock time in the zone, `YYYY-MM-DDTHH:mm:ss`. */
export function instantToZoned(at: Date, timeZone: string): string {
  const shifted = new Date(at.getTime() + offsetAt(at.getTime(), timeZone));
  return shifted.toISOString().slice(0, 19);
}
