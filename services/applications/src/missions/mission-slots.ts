import type { MissionAvailabilityRange } from '@exchange/data';
import { zonedToInstant } from '../programmes/zoned-time';

/** The calendar of a mission as the scheduler sees it. */
export interface MissionCalendar {
  days: readonly string[];
  dayStartsAt: string;
  dayEndsAt: string;
  slotMinutes: number;
  timeZone: string;
}

export interface MissionSlot {
  index: number;
  day: string;
  /** Local wall-clock `HH:MM` in the mission's time zone. */
  from: string;
  to: string;
  startsAt: Date;
  endsAt: Date;
}

/** Minutes since midnight of `HH:MM` (`24:00` is the end of the day). */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Slots per day: whole slots only (a remainder shorter than a slot is not a slot). */
export function slotsPerDay(calendar: Pick<MissionCalendar, 'dayStartsAt' | 'dayEndsAt' | 'slotMinutes'>): number {
  return Math.max(0, Math.floor((minutesOf(calendar.dayEndsAt) - minutesOf(calendar.dayStartsAt)) / calendar.slotMinutes));
}

/** Every slot of the mission, day after day: slot i is the one meetings store as `slot_index`. */
export function missionSlots(calendar: MissionCalendar): MissionSlot[] {
  const perDay = slotsPerDay(calendar);
  const start = minutesOf(calendar.dayStartsAt);
  const slots: MissionSlot[] = [];
  for (const day of calendar.days) {
    for (let k = 0; k < perDay; k++) {
      const from = start + k * calendar.slotMinutes;
      const to = from + calendar.slotMinutes;
      const startsAt = localInstant(day, from, calendar.timeZone);
      slots.push({
        index: slots.length,
        day,
        from: clock(from),
        to: clock(to),
        startsAt,
        // A slot lasts its minutes, also across a daylight-saving change.
        endsAt: new Date(startsAt.getTime() + calendar.slotMinutes * 60_000),
      });
    }
  }
  return slots;
}

/** Day and local times of slot `index` without computing instants (for views). */
export function slotAt(calendar: Omit<MissionCalendar, 'timeZone'>, index: number): { day: string; from: string; to: string } | null {
  const perDay = slotsPerDay(calendar);
  if (perDay === 0 || index < 0 || index >= perDay * calendar.days.length) return null;
  const from = minutesOf(calendar.dayStartsAt) + (index % perDay) * calendar.slotMinutes;
  return { day: calendar.days[Math.floor(index / perDay)], from: clock(from), to: clock(from + calendar.slotMinutes) };
}

/** The instant of a local day and minute in the zone (`24:00` is midnight of the next day). */
function localInstant(day: string, minutes: number, timeZone: string): Date {
  const midnight = new Date(`${day}T00:00:00Z`).getTime() + minutes * 60_000;
  const wall = new Date(midnight).toISOString().slice(0, 16);
  return zonedToInstant(wall, timeZone)!;
}

/** 1 for each slot that lies wholly inside one of the ranges; null ranges: every slot. */
export function availabilityMask(slots: readonly MissionSlot[], ranges: readonly MissionAvailabilityRange[] | null): Uint8Array | null {
  if (!ranges) return null;
  const mask = new Uint8Array(slots.length);
  for (const slot of slots) {
    const from = minutesOf(slot.from);
    const to = minutesOf(slot.to);
    if (ranges.some((r) => r.day === slot.day && minutesOf(r.from) <= from && to <= minutesOf(r.to))) mask[slot.index] = 1;
  }
  return mask;
}
