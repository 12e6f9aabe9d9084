import type { Selection, SelectionEntry } from './types';

type Placement = SelectionEntry['placement'] | 'absent';

/** Where one startup stands in a selection: its placement, group and rank. */
export interface Standing {
  placement: Placement;
  group: string;
  rank: number;
}

export interface Move {
  startupId: string;
  name: string;
  from: Standing;
  to: Standing;
}

const ABSENT: Standing = { placement: 'absent', group: '', rank: 0 };

function standings(selection: Selection): Map<string, { name: string; standing: Standing }> {
  const all = [...selection.offers, ...selection.waitlist, ...selection.excluded];
  return new Map(all.map((e) => [e.startupId, { name: e.startupName, standing: { placement: e.placement, group: e.group, rank: e.rank } }]));
}

const same = (a: Standing, b: Standing) => a.placement === b.placement && a.group === b.group && a.rank === b.rank;

/** Every startup whose placement, group or rank differs between two runs of the selection. */
export function selectionMoves(shown: Selection, fresh: Selection): Move[] {
  const before = standings(shown);
  const after = standings(fresh);
  const ids = new Set([...before.keys(), ...after.keys()]);
  return [...ids]
    .map((startupId) => {
      const was = before.get(startupId);
      const now = after.get(startupId);
      return { startupId, name: now?.name ?? was?.name ?? startupId, from: was?.standing ?? ABSENT, to: now?.standing ?? ABSENT };
    })
    .filter((move) => !same(move.from, move.to));
}
