import { api, unwrap } from '../../api/client';

/** `YYYY-MM-DDTHH:mm` of an instant in the viewer's own zone (what a datetime-local field shows). */
export function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value as an instant; what is not a date goes as typed, for the service to name the field. */
export function instantOf(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/** Sends again every event of [from, to) the endpoint matches (the service's replay). */
export function replayRange(endpointId: string, from: string, to: string, includeSucceeded: boolean) {
  return unwrap(api.notifications.POST('/v1/webhook-endpoints/{id}/replay', { params: { path: { id: endpointId } }, body: { from, to, includeSucceeded } }));
}

/**
 * Sends one event again. The service replays by time range only: the range is the event's own
 * millisecond (its time as the log shows it), already-received events included.
 */
export function replayEvent(endpointId: string, eventTime: string) {
  const from = new Date(eventTime);
  return replayRange(endpointId, from.toISOString(), new Date(from.getTime() + 1).toISOString(), true);
}
