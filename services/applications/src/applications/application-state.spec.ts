import { APPLICATION_STATES, type ApplicationState } from '@exchange/data';
import { nextState, statusWords, type ApplicationAction } from './application-state';

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

  it('has plain words for every state in every language, each its own', () => {
    for (const language of ['en', 'ko', 'ru'] as const) {
      const words = APPLICATION_STATES.map((state) => statusWords(state, language));
      for (const text of words) expect(text.length).toBeGreaterThan(10);
      expect(new Set(words).size).toBe(APPLICATION_STATES.length);
    }
    expect(statusWords('accepted', 'ko')).toContain('승인');
    expect(statusWords('accepted', 'ru')).toContain('принята');
  });
});
