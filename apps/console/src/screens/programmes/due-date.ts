/** A calendar day (`YYYY-MM-DD`) in the viewer's own time zone, `days` from today. */
export function dayInDays(days: number): string {
  const at = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The last minute of that day in the viewer's time zone, as an instant: a due date means "by the
 * end of the day" to the person who picked it. Anything else goes as typed, for the API to refuse.
 */
export function endOfDay(day: string): string {
  const end = new Date(`${day}T23:59:00`);
  return Number.isNaN(end.getTime()) ? day : end.toISOString();
}
