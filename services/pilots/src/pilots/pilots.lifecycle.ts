import type { PilotState } from '@exchange/data';
import { PilotError, PilotErrorCode } from './pilots.errors';

/**
 * approved → scheduled (host confirms dates) → in_progress → completed (with the final report);
 * any state before completion → cancelled. Nothing else.
 */
export const PILOT_ACTIONS = {
  schedule: { from: ['approved'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  cancel: { from: ['approved', 'scheduled', 'in_progress'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly PilotState[]; to: PilotState }>;

export type PilotAction = keyof typeof PILOT_ACTIONS;

/** Throws 409 naming the current state when `action` is not allowed from `state`. */
export function assertTransition(action: PilotAction, state: PilotState): PilotState {
  const rule = PILOT_ACTIONS[action];
  if (!(rule.from as readonly PilotState[]).includes(state)) {
    throw new PilotError(PilotErrorCode.IllegalTransition, `A pilot in state ${state} cannot ${action}`, {
      currentState: state,
      allowedFrom: rule.from,
      action,
    });
  }
  return rule.to;
}
