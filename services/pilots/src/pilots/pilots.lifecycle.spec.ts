import { PILOT_STATES } from '@exchange/data';
import { assertTransition, PILOT_ACTIONS, type PilotAction } from './pilots.lifecycle';
import { PilotError } from './pilots.errors';

describe('pilot lifecycle', () => {
  const actions = Object.keys(PILOT_ACTIONS) as PilotAction[];
  const cases = actions.flatMap((action) => PILOT_STATES.map((state) => ({ action, state })));

  it.each(cases)('$action from $state', ({ action, state }) => {
    const allowed = (PILOT_ACTIONS[action].from as readonly string[]).includes(state);
    if (allowed) {
      expect(assertTransition(action, state)).toBe(PILOT_ACTIONS[action].to);
    } else {
      expect(() => assertTransition(action, state)).toThrow(PilotError);
      try {
        assertTransition(action, state);
      } catch (error) {
        expect((error as PilotError).details).toMatchObject({ currentState: state });
      }
    }
  });

  it('has terminal states that allow nothing', () => {
    for (const action of actions) {
      expect(() => assertTransition(action, 'completed')).toThrow(PilotError);
      expect(() => assertTransition(action, 'cancelled')).toThrow(PilotError);
    }
  });
});
