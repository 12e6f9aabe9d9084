import { availabilityMask, missionSlots, slotsPerDay } from './mission-slots';

describe('mission slots', () => {
  const calendar = { days: ['2026-05-12', '2026-05-13'], dayStartsAt: '09:00', dayEndsAt: '18:00', slotMinutes: 20, timeZone: 'Europe/Moscow' };

  it('cuts each day’s meeting hours into whole slots, day after day, at wall-clock times of the host city', () => {
    expect(slotsPerDay(calendar)).toBe(27);
    const slots = missionSlots(calendar);
    expect(slots).toHaveLength(54);
    expect(slots[0]).toMatchObject({ index: 0, day: '2026-05-12', from: '09:00', to: '09:20' });
    expect(slots[0].startsAt.toISOString()).toBe('2026-05-12T06:00:00.000Z');
    expect(slots[27]).toMatchObject({ day: '2026-05-13', from: '09:00' });
    expect(slots[53]).toMatchObject({ from: '17:40', to: '18:00' });
    expect(slotsPerDay({ dayStartsAt: '09:00', dayEndsAt: '09:50', slotMinutes: 20 })).toBe(2);
  });

  it('keeps only slots wholly inside an availability range; no ranges: every slot', () => {
    const slots = missionSlots(calendar);
    expect(availabilityMask(slots, null)).toBeNull();
    const mask = availabilityMask(slots, [{ day: '2026-05-13', from: '09:10', to: '10:00' }])!;
    expect([...mask.keys()].filter((i) => mask[i] === 1)).toEqual([28, 29]);
  });
});
