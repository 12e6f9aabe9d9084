import fc from 'fast-check';
import { placeableUnplaced, scheduleMeetings, scheduleViolations, type SchedulingProblem } from './meeting-scheduler';

/** A generated mission: companies with random availability, meetings between distinct companies. */
function problemArbitrary(limits: { companies: number; meetings: number; slots: number; rooms: number }): fc.Arbitrary<SchedulingProblem> {
  return fc
    .record({
      companyCount: fc.integer({ min: 2, max: limits.companies }),
      slotCount: fc.integer({ min: 1, max: limits.slots }),
      roomCount: fc.integer({ min: 1, max: limits.rooms }),
    })
    .chain(({ companyCount, slotCount, roomCount }) =>
      fc.record({
        companyCount: fc.constant(companyCount),
        slotCount: fc.constant(slotCount),
        roomCount: fc.constant(roomCount),
        availability: fc.array(
          fc.option(fc.uint8Array({ minLength: slotCount, maxLength: slotCount, min: 0, max: 1 }), { freq: 3 }),
          { minLength: companyCount, maxLength: companyCount },
        ),
        meetings: fc.array(
          fc
            .tuple(fc.integer({ min: 0, max: companyCount - 1 }), fc.integer({ min: 0, max: companyCount - 2 }))
            .map(([a, offset]) => ({ a, b: (a + 1 + offset) % companyCount })),
          { maxLength: limits.meetings },
        ),
      }),
    );
}

/** The most meetings any valid schedule places: brute force over every slot (or none) per meeting. */
function exactOptimum(problem: SchedulingProblem): number {
  const { slotCount: S, roomCount: R, meetings } = problem;
  const used = new Array<number>(S).fill(0);
  const busy = new Set<string>();
  const available = (c: number, s: number) => !problem.availability[c] || problem.availability[c]![s] === 1;
  let best = 0;
  const search = (m: number, placed: number) => {
    if (placed + (meetings.length - m) <= best) return;
    if (m === meetings.length) {
      best = placed;
      return;
    }
    const { a, b } = meetings[m];
    for (let s = 0; s < S; s++) {
      if (used[s] >= R || !available(a, s) || !available(b, s) || busy.has(`${a}@${s}`) || busy.has(`${b}@${s}`)) continue;
      used[s]++;
      busy.add(`${a}@${s}`);
      busy.add(`${b}@${s}`);
      search(m + 1, placed + 1);
      used[s]--;
      busy.delete(`${a}@${s}`);
      busy.delete(`${b}@${s}`);
    }
    search(m + 1, placed);
  };
  search(0, 0);
  return best;
}

describe('meeting scheduler', () => {
  it('never double-books a company or a room, keeps availability, and leaves no meeting that still fits (maximal)', () => {
    fc.assert(
      fc.property(problemArbitrary({ companies: 200, meetings: 600, slots: 30, rooms: 12 }), (problem) => {
        const schedule = scheduleMeetings(problem);
        expect(scheduleViolations(problem, schedule)).toEqual([]);
        expect(placeableUnplaced(problem, schedule)).toEqual([]);
      }),
      { numRuns: 60, seed: 18 },
    );
  });

  it('places at least a third of the optimum (the stated bound), against an exact solver on small missions', () => {
    let optimal = 0;
    let runs = 0;
    fc.assert(
      fc.property(problemArbitrary({ companies: 6, meetings: 8, slots: 3, rooms: 2 }), (problem) => {
        const { placed } = scheduleMeetings(problem);
        const optimum = exactOptimum(problem);
        expect(placed).toBeLessThanOrEqual(optimum);
        expect(3 * placed).toBeGreaterThanOrEqual(optimum);
        runs++;
        if (placed === optimum) optimal++;
      }),
      { numRuns: 400, seed: 7 },
    );
    // The bound is the guarantee; the repair step does much better in practice.
    expect(optimal / runs).toBeGreaterThan(0.95);
  });

  it('with one slot and rooms for all, is a maximal matching: at least half the maximum', () => {
    fc.assert(
      fc.property(problemArbitrary({ companies: 8, meetings: 10, slots: 1, rooms: 10 }), (problem) => {
        const { placed } = scheduleMeetings(problem);
        expect(2 * placed).toBeGreaterThanOrEqual(exactOptimum(problem));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('a validator that is not blind: it finds a double booking, a room used twice and a slot outside availability', () => {
    const problem: SchedulingProblem = { slotCount: 2, roomCount: 2, companyCount: 3, availability: [null, Uint8Array.from([1, 0]), null], meetings: [{ a: 0, b: 1 }, { a: 0, b: 2 }] };
    const broken = { slotOf: Int32Array.from([1, 1]), roomOf: Int32Array.from([0, 0]), placed: 2 };
    const found = scheduleViolations(problem, broken).join('\n');
    expect(found).toMatch(/company 1 is not available in slot 1/);
    expect(found).toMatch(/company 0 in meetings 0 and 1 in slot 1/);
    expect(found).toMatch(/room 0 has meetings 0 and 1 in slot 1/);
    expect(placeableUnplaced(problem, { slotOf: Int32Array.from([-1, -1]), roomOf: Int32Array.from([-1, -1]), placed: 0 })).toEqual([0, 1]);
  });

  it('repairs by moving placed meetings: never fewer than the greedy alone, and more where the greedy got stuck', () => {
    let improved = 0;
    fc.assert(
      fc.property(problemArbitrary({ companies: 8, meetings: 14, slots: 3, rooms: 2 }), (problem) => {
        const greedy = scheduleMeetings(problem, { repair: false });
        const repaired = scheduleMeetings(problem);
        expect(scheduleViolations(problem, greedy)).toEqual([]);
        expect(repaired.placed).toBeGreaterThanOrEqual(greedy.placed);
        if (repaired.placed > greedy.placed) improved++;
      }),
      { numRuns: 400, seed: 5 },
    );
    expect(improved).toBeGreaterThan(0);
  });

  it('stays maximal when the repair passes stop at their limit: the last direct pass places what a late chain made room for', () => {
    // Found by search: in the one repair pass allowed here, meeting 7 finds no place when its turn
    // comes, and a later chain frees one for it. Without the last direct pass it stays unplaced
    // although it fits, and the schedule is not maximal (nor is the 1/3 bound proven).
    const problem: SchedulingProblem = {
      slotCount: 4,
      roomCount: 4,
      companyCount: 11,
      availability: [null, [1, 1, 0, 1], [1, 0, 1, 1], null, [1, 0, 1, 0], null, [0, 1, 1, 0], null, null, [0, 1, 0, 1], null].map((a) => a && Uint8Array.from(a)),
      meetings: [
        [1, 9], [5, 1], [2, 3], [3, 0], [1, 8], [7, 2], [4, 10], [5, 8], [0, 8], [6, 8], [5, 10], [2, 5], [4, 3], [3, 0], [7, 0], [0, 3],
      ].map(([a, b]) => ({ a, b })),
    };
    const limited = scheduleMeetings(problem, { repairPasses: 1 });
    expect(scheduleViolations(problem, limited)).toEqual([]);
    expect(placeableUnplaced(problem, limited)).toEqual([]);
    expect(limited.slotOf[7]).toBeGreaterThanOrEqual(0);
  });

  it('is maximal and within the bound whatever the number of repair passes (0 to 3)', () => {
    fc.assert(
      fc.property(problemArbitrary({ companies: 8, meetings: 14, slots: 4, rooms: 3 }), fc.integer({ min: 0, max: 3 }), (problem, repairPasses) => {
        const schedule = scheduleMeetings(problem, { repairPasses });
        expect(scheduleViolations(problem, schedule)).toEqual([]);
        expect(placeableUnplaced(problem, schedule)).toEqual([]);
        expect(3 * schedule.placed).toBeGreaterThanOrEqual(exactOptimum(problem));
      }),
      { numRuns: 300, seed: 19 },
    );
  });

  it('schedules a mission of 200 companies and 2,000 meetings validly, leaving no unplaced meeting that still fits', () => {
    let seed = 2026;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const slotCount = 54;
    const availability = Array.from({ length: 200 }, (_, c) =>
      c % 5 === 0 ? Uint8Array.from({ length: slotCount }, (_, s) => (s < 27 || random() < 0.3 ? 1 : 0)) : null,
    );
    const meetings = Array.from({ length: 2000 }, (_, i) => ({ a: i % 100, b: 100 + Math.floor(random() * 100) }));
    const problem: SchedulingProblem = { slotCount, roomCount: 50, companyCount: 200, availability, meetings };
    const schedule = scheduleMeetings(problem);
    expect(scheduleViolations(problem, schedule)).toEqual([]);
    expect(placeableUnplaced(problem, schedule)).toEqual([]);
    expect(schedule.placed).toBeGreaterThan(1900);
  });
});
