import { personSummary, type Principal } from '@exchange/data';
import type { OutboxWriter, SqlExecutor } from '@exchange/messaging';

/**
 * The `person.*` events, written in the transaction that changes the principal: the notifications
 * service keeps its list of people (address, language, time zone) from them. Keyed by the person.
 */
export function announcePersonRegistered(outbox: OutboxWriter, tx: SqlExecutor, person: Principal) {
  return outbox.add(tx, { type: 'person.registered', subject: person.id, data: { person: personSummary(person), at: person.createdAt.toISOString() } });
}

export function announcePersonUpdated(outbox: OutboxWriter, tx: SqlExecutor, person: Principal, changedFields: string[]) {
  return outbox.add(tx, { type: 'person.updated', subject: person.id, data: { person: personSummary(person), changedFields, at: person.updatedAt.toISOString() } });
}
