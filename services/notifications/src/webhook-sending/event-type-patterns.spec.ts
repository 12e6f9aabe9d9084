import { eventTypeMatches, matchesAny, patternProblem, TEST_EVENT_TYPE, toLikePatterns } from './event-type-patterns';

describe('event type patterns', () => {
  it('matches exact types, prefixes with a wildcard, and everything', () => {
    expect(eventTypeMatches('pilot.*', 'pilot.approved')).toBe(true);
    expect(eventTypeMatches('pilot.*', 'pilots.approved')).toBe(false);
    expect(eventTypeMatches('pilot.*', 'application.accepted')).toBe(false);
    expect(eventTypeMatches('application.accepted', 'application.accepted')).toBe(true);
    expect(eventTypeMatches('application.accepted', 'application.rejected')).toBe(false);
    expect(eventTypeMatches('*', 'cohort.graduated')).toBe(true);
    expect(eventTypeMatches('cohort.offer_*', 'cohort.offer_made')).toBe(true);
    expect(eventTypeMatches('cohort.offer_*', 'cohort.opened')).toBe(false);
  });

  it('always lets the test event through', () => {
    expect(matchesAny(['pilot.approved'], TEST_EVENT_TYPE)).toBe(true);
  });

  it('refuses bad syntax and patterns matching no event type', () => {
    expect(patternProblem('pilot.*')).toBeNull();
    expect(patternProblem('*')).toBeNull();
    expect(patternProblem('pilot.aproved')).toMatch('matches no event type');
    expect(patternProblem('Pilot.*')).toMatch('is not an event type');
    expect(patternProblem('pilot..x')).toMatch('is not an event type');
    expect(patternProblem("pilot'; drop")).toMatch('is not an event type');
  });

  it('turns patterns into LIKE patterns with _ escaped', () => {
    expect(toLikePatterns(['pilot.*', 'cohort.offer_made', '*'])).toEqual(['pilot.%', 'cohort.offer\\_made', '%']);
  });
});
