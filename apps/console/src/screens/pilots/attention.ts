import type { Pilot } from './types';

export type PilotFlag = 'report_very_late' | 'report_overdue' | 'start_overdue';

/** A planned date is a calendar day (midnight UTC): compare days, not instants. */
const dayOf = (iso: string) => iso.slice(0, 10);

/**
 * What needs attention on a pilot. The service marks a running pilot's report overdue (past the
 * planned end) and very late; its sweep runs now and then, so a running pilot past its planned end
 * counts as overdue here too. A scheduled pilot whose first day has passed has not been started.
 */
export function pilotFlags(pilot: Pick<Pilot, 'state' | 'reportStatus' | 'plannedStartAt' | 'plannedEndAt'>, today: string): PilotFlag[] {
  if (pilot.state === 'scheduled' && pilot.plannedStartAt && dayOf(pilot.plannedStartAt) < today) return ['start_overdue'];
  if (pilot.state !== 'in_progress') return [];
  if (pilot.reportStatus === 'very_late') return ['report_very_late'];
  if (pilot.reportStatus === 'overdue' || (pilot.plannedEndAt && dayOf(pilot.plannedEndAt) < today)) return ['report_overdue'];
  return [];
}

/** Today as the planned dates count days (UTC). */
export const todayUtc = () => new Date().toISOString().slice(0, 10);

/** A planned day shown as the calendar day it is, in any viewer's zone. */
export const plannedDay = (iso: string | null) => (iso ? dayOf(iso) : null);
