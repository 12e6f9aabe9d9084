import { APPLICATION_STATES, type ApplicationState } from '@exchange/data';
import { nextState, PLAIN_WORDS, type ApplicationAction } from './application-state';

const ACTIONS: ApplicationAction[] = ['submit', 'start_review', 'accept', 'reject', 'waitlist', 'withdraw'];

/** The expected lifecycle, written out independently of the implementation's table. */
const LEGAL: Record<string, ApplicationState> = {
  'draft submit': 'submitted',
  'draft withdraw': 'withdrawn',
  'submitted start_review': 'under_review',
  'submitted withdraw': 'withdrawn',
  'under_review accept': 'accepted',
  'under_review reject': 'rejected',
  'under_review waitlist': 'waitlisted',
  'under_review withdraw': 'withdrawn',
  'waitlisted accept': 'accepted',
  'waitlisted reject': 'rejected',
};

const cases = APPLICATION_STATES.flatMap((from) => ACTIONS.map((action) => [from, action, LEGAL[`${from} ${action}`] ?? null] as const));

describe('application lifecycle', () => {
  it.each(cases)('%s + %s → %s', (from, action, to) => {
    expect(nextState(from, action)).toBe(to);
  });

  it('has plain words for every state', () => {
    for (const state of APPLICATION_STATES) expect(PLAIN_WORDS[state].length).toBeGreaterThan(10);
  });
});
