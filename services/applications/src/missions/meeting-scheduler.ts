/**
 * The meeting scheduler of a business mission: pure, deterministic, no I/O.
 *
 * Problem. Accepted one-to-one meetings between companies go into the mission's slots; a slot holds
 * at most `roomCount` meetings (rooms are interchangeable, so a room is given to each meeting of a
 * slot at the end), a company is in at most one meeting per slot, and a meeting only goes into a slot
 * both its companies are available in. Maximise the number of meetings placed. With availabilities
 * this is NP-hard in general (it contains edge colouring), so this module is a greedy with a repair
 * step and a proven bound, not an exact solver.
 *
 * Method.
 *  1. Most constrained first: meetings in order of fewest feasible slots (both companies available),
 *     then by how busy their companies are, then by index. Each goes into the feasible slot where
 *     both companies are free and the fewest rooms are taken (spreading keeps rooms for later ones).
 *  2. Repair by ejection chains (augmenting moves): an unplaced meeting takes one of its feasible
 *     slots and the placed meetings in its way there (the one of each of its companies, or any one
 *     meeting of a full slot) are taken out and re-placed the same way, up to 4 moves deep within a
 *     budget of slots tried; a chain that does not close is rolled back. Every success places one
 *     more meeting and leaves every other placed meeting placed, so passes repeat until one places
 *     nothing, at most MAX_REPAIR_PASSES times.
 *  3. A last direct pass: every meeting still unplaced goes into a feasible slot where both its
 *     companies are free and a room is left, if there is one. A chain late in a pass can free a place
 *     for a meeting the pass went by earlier; when the passes stop at their limit rather than on a pass
 *     that placed nothing, this pass is what keeps the schedule maximal (it only adds, so a meeting it
 *     finds no place for finds none after it either).
 *
 * Guarantees (checked by meeting-scheduler.spec.ts on generated missions):
 *  - Valid: no company and no room twice in a slot, availability kept, only the given meetings.
 *  - Maximal: each unplaced meeting has, in every one of its feasible slots, a conflict (one of its
 *    companies is busy there, or every room is taken) — step 3, whatever the repair passes did.
 *  - Bound: placed ≥ optimum / 3. Proof: take an optimal schedule O. A meeting of O in slot s that
 *    this schedule G left unplaced conflicts at s (maximality). If s is full in G, O has at most
 *    R = |G_s| meetings there; otherwise each is blocked by a meeting of G_s sharing one of its two
 *    companies, and O meets each company once per slot, so at most 2·|G_s| of them. Summed over the
 *    slots, |O \ G| ≤ 2·|G|, and |O| ≤ |O ∩ G| + 2·|G| ≤ 3·|G|. With one slot and enough rooms the
 *    schedule is a maximal matching: placed ≥ optimum / 2. The spec compares both with an exact
 *    (brute force) solver; in practice the repair step reaches the optimum on nearly every instance.
 *  - Never worse than the greedy alone; the repair only adds meetings.
 * Cost: O(M·S) for the greedy and the last pass, at most M·CHAIN_BUDGET slot trials per repair pass,
 * on typed arrays.
 */

export interface ScheduledMeetingInput {
  /** Company indexes (0 ≤ a, b < companyCount, a ≠ b). */
  a: number;
  b: number;
}

export interface SchedulingProblem {
  slotCount: number;
  roomCount: number;
  companyCount: number;
  /** Per company, 1 for each slot it can meet in; null or missing: every slot. */
  availability: ReadonlyArray<Uint8Array | null | undefined>;
  meetings: readonly ScheduledMeetingInput[];
}

export interface Schedule {
  /** Slot of each meeting (by input index), −1 when not placed. */
  slotOf: Int32Array;
  /** Room index (0-based) of each meeting, −1 when not placed. */
  roomOf: Int32Array;
  placed: number;
}

/** Repair passes are cheap but bounded anyway, so a pathological input cannot spin. */
export const MAX_REPAIR_PASSES = 20;
/** How many meetings one chain may move in turn, and how many slots it may try in all per unplaced meeting. */
const MAX_CHAIN_DEPTH = 4;
const CHAIN_BUDGET = 4_000;

export interface SchedulingOptions {
  /** false: no repair passes, the greedy alone (for comparison in tests and the benchmark). */
  repair?: boolean;
  /** At most this many repair passes (default MAX_REPAIR_PASSES; tests lower it to reach the limit). */
  repairPasses?: number;
}

export function scheduleMeetings(problem: SchedulingProblem, options: SchedulingOptions = {}): Schedule {
  const { slotCount: S, roomCount: R, companyCount: C, meetings } = problem;
  const M = meetings.length;
  const slotOf = new Int32Array(M).fill(-1);
  const roomOf = new Int32Array(M).fill(-1);
  if (S <= 0 || R <= 0 || M === 0) return { slotOf, roomOf, placed: 0 };

  // busy[c*S + s]: 1 + the meeting company c has in slot s, 0 when free.
  const busy = new Int32Array(C * S);
  const used = new Int32Array(S);
  const inSlot: number[][] = Array.from({ length: S }, () => []);

  const available = (c: number, s: number) => {
    const mask = problem.availability[c];
    return !mask || mask[s] === 1;
  };
  const feasible: Int32Array[] = meetings.map(({ a, b }) => {
    const slots: number[] = [];
    if (a !== b && a >= 0 && b >= 0 && a < C && b < C) for (let s = 0; s < S; s++) if (available(a, s) && available(b, s)) slots.push(s);
    return Int32Array.from(slots);
  });

  const fits = (m: number, s: number) => used[s] < R && busy[meetings[m].a * S + s] === 0 && busy[meetings[m].b * S + s] === 0;
  const place = (m: number, s: number) => {
    slotOf[m] = s;
    used[s]++;
    busy[meetings[m].a * S + s] = m + 1;
    busy[meetings[m].b * S + s] = m + 1;
    inSlot[s].push(m);
  };
  const unplace = (m: number) => {
    const s = slotOf[m];
    slotOf[m] = -1;
    used[s]--;
    busy[meetings[m].a * S + s] = 0;
    busy[meetings[m].b * S + s] = 0;
    const list = inSlot[s];
    list.splice(list.indexOf(m), 1);
  };
  /** The feasible free slot of m with the fewest rooms taken (lowest index on ties), or −1. */
  const bestFreeSlot = (m: number, except = -1) => {
    let best = -1;
    for (const s of feasible[m]) {
      if (s !== except && fits(m, s) && (best < 0 || used[s] < used[best])) best = s;
    }
    return best;
  };

  // 1. Greedy, most constrained first.
  const degree = new Int32Array(C);
  for (const { a, b } of meetings) {
    if (a >= 0 && a < C) degree[a]++;
    if (b >= 0 && b < C) degree[b]++;
  }
  const order = Array.from({ length: M }, (_, m) => m).sort(
    (x, y) =>
      feasible[x].length - feasible[y].length ||
      degree[meetings[y].a] + degree[meetings[y].b] - (degree[meetings[x].a] + degree[meetings[x].b]) ||
      x - y,
  );
  let placed = 0;
  for (const m of order) {
    const s = bestFreeSlot(m);
    if (s >= 0) {
      place(m, s);
      placed++;
    }
  }

  // 2. Repair by ejection chains: put an unplaced meeting into a slot, taking out what is in its
  // way there, and re-place each meeting taken out the same way, up to MAX_CHAIN_DEPTH moves deep;
  // a chain that does not close is rolled back from the journal.
  const journal: number[] = [];
  const placeLogged = (m: number, s: number) => {
    place(m, s);
    journal.push(m, -1, s);
  };
  const unplaceLogged = (m: number) => {
    journal.push(m, slotOf[m], -1);
    unplace(m);
  };
  const rollback = (mark: number) => {
    while (journal.length > mark) {
      const to = journal.pop()!;
      const from = journal.pop()!;
      const m = journal.pop()!;
      if (to >= 0) unplace(m);
      if (from >= 0) place(m, from);
    }
  };
  const blockersAt = (m: number, s: number): number[] => {
    const blockers: number[] = [];
    const x = busy[meetings[m].a * S + s];
    const y = busy[meetings[m].b * S + s];
    if (x > 0) blockers.push(x - 1);
    if (y > 0 && y !== x) blockers.push(y - 1);
    return blockers;
  };
  let budget = 0;
  const inChain = new Uint8Array(M);
  const placeByChain = (m: number, depth: number): boolean => {
    const direct = bestFreeSlot(m);
    if (direct >= 0) {
      placeLogged(m, direct);
      return true;
    }
    if (depth === 0) return false;
    inChain[m] = 1;
    try {
      for (const s of feasible[m]) {
        if (--budget < 0) return false;
        let blockers = blockersAt(m, s);
        // A full slot with no company in the way: taking out any one of its meetings frees a room.
        const groups = blockers.length > 0 ? [blockers] : used[s] >= R ? inSlot[s].map((x) => [x]) : [];
        for (blockers of groups) {
          if (blockers.some((x) => inChain[x] === 1)) continue;
          const mark = journal.length;
          for (const x of blockers) unplaceLogged(x);
          placeLogged(m, s);
          if (blockers.every((x) => placeByChain(x, depth - 1))) return true;
          rollback(mark);
        }
      }
      return false;
    } finally {
      inChain[m] = 0;
    }
  };
  const passes = options.repair === false ? 0 : (options.repairPasses ?? MAX_REPAIR_PASSES);
  for (let pass = 0; pass < passes; pass++) {
    let progress = false;
    for (const m of order) {
      if (slotOf[m] >= 0 || feasible[m].length === 0) continue;
      budget = CHAIN_BUDGET;
      journal.length = 0;
      if (placeByChain(m, MAX_CHAIN_DEPTH)) {
        placed++;
        progress = true;
      } else {
        rollback(0);
      }
    }
    if (!progress) break;
  }

  // 3. A last direct pass, so the schedule is maximal even when the passes stopped at their limit.
  for (const m of order) {
    if (slotOf[m] >= 0) continue;
    const s = bestFreeSlot(m);
    if (s >= 0) {
      place(m, s);
      placed++;
    }
  }

  // Rooms: within each slot, in meeting order, so the same input always gets the same rooms.
  for (let s = 0; s < S; s++) {
    inSlot[s].sort((x, y) => x - y).forEach((m, room) => (roomOf[m] = room));
  }
  return { slotOf, roomOf, placed };
}

/** The problems of a schedule (empty when valid): what the spec and the service's own check assert. */
export function scheduleViolations(problem: SchedulingProblem, schedule: Schedule): string[] {
  const problems: string[] = [];
  const companyAt = new Map<string, number>();
  const roomAt = new Map<string, number>();
  schedule.slotOf.forEach((s, m) => {
    if (s < 0) return;
    const { a, b } = problem.meetings[m];
    const room = schedule.roomOf[m];
    if (s >= problem.slotCount) problems.push(`meeting ${m} in slot ${s} of ${problem.slotCount}`);
    if (room < 0 || room >= problem.roomCount) problems.push(`meeting ${m} in room ${room} of ${problem.roomCount}`);
    for (const c of [a, b]) {
      const mask = problem.availability[c];
      if (mask && mask[s] !== 1) problems.push(`meeting ${m}: company ${c} is not available in slot ${s}`);
      const key = `${c}@${s}`;
      if (companyAt.has(key)) problems.push(`company ${c} in meetings ${companyAt.get(key)} and ${m} in slot ${s}`);
      companyAt.set(key, m);
    }
    const roomKey = `${room}@${s}`;
    if (roomAt.has(roomKey)) problems.push(`room ${room} has meetings ${roomAt.get(roomKey)} and ${m} in slot ${s}`);
    roomAt.set(roomKey, m);
  });
  const placed = schedule.slotOf.reduce((n, s) => n + (s >= 0 ? 1 : 0), 0);
  if (placed !== schedule.placed) problems.push(`placed says ${schedule.placed}, ${placed} meetings have a slot`);
  return problems;
}

/**
 * Unplaced meetings that could still go somewhere as things stand (a feasible slot with both
 * companies free and a room): empty for a maximal schedule.
 */
export function placeableUnplaced(problem: SchedulingProblem, schedule: Schedule): number[] {
  const { slotCount: S } = problem;
  const companyBusy = new Set<string>();
  const used = new Int32Array(S);
  schedule.slotOf.forEach((s, m) => {
    if (s < 0) return;
    companyBusy.add(`${problem.meetings[m].a}@${s}`);
    companyBusy.add(`${problem.meetings[m].b}@${s}`);
    used[s]++;
  });
  const open: number[] = [];
  schedule.slotOf.forEach((slot, m) => {
    if (slot >= 0) return;
    const { a, b } = problem.meetings[m];
    for (let s = 0; s < S; s++) {
      const availableBoth = [a, b].every((c) => !problem.availability[c] || problem.availability[c]![s] === 1);
      if (availableBoth && used[s] < problem.roomCount && !companyBusy.has(`${a}@${s}`) && !companyBusy.has(`${b}@${s}`)) {
        open.push(m);
        return;
      }
    }
  });
  return open;
}
